package dev.prism.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.adapters.http.ChatTurns;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.http.HttpTransport.MalformedBody;
import dev.prism.adapters.http.Json;
import dev.prism.adapters.http.TokenLogprobs;
import dev.prism.core.Completion;
import dev.prism.core.Request;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and response parsing of OpenAI's wire format. Stateless. */
final class OpenAiWire {
  /** OpenAI accepts at most 20 top log-probabilities per token. */
  static final int MAX_TOP_LOGPROBS = 20;

  private OpenAiWire() {}

  /**
   * The body of a {@code /chat/completions} call: the request's messages, or its prompt as one user
   * message.
   */
  static ObjectNode chatBody(
      String model, Request r, boolean logprobs, boolean stream, String maxTokensField) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ChatTurns.writeRoleContent(r, body.putArray("messages"));
    common(body, r, maxTokensField);
    if (logprobs) {
      body.put("logprobs", true);
      if (r.topKPerToken() > 1) {
        body.put("top_logprobs", Math.min(r.topKPerToken(), MAX_TOP_LOGPROBS));
      }
    }
    if (stream) {
      body.put("stream", true);
      // Ask for a last chunk with the token counts (OpenAI, vLLM, SGLang, llama.cpp, TGI).
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  /** The body of a legacy {@code /completions} call. */
  static ObjectNode completionsBody(String model, Request r, boolean logprobs) {
    ObjectNode body = Json.object();
    body.put("model", model);
    body.put("prompt", r.prompt());
    common(body, r, "max_tokens");
    if (logprobs) {
      // HELM sends top_k_per_token as the legacy 'logprobs' count (0 = chosen token only).
      body.put("logprobs", Math.max(0, Math.min(r.topKPerToken(), MAX_TOP_LOGPROBS)));
    }
    if (r.echoPrompt()) {
      body.put("echo", true);
    }
    return body;
  }

  private static void common(ObjectNode body, Request r, String maxTokensField) {
    body.put("temperature", r.temperature());
    body.put(maxTokensField, r.maxTokens());
    if (r.numCompletions() != 1) {
      body.put("n", r.numCompletions());
    }
    if (!r.stopSequences().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      r.stopSequences().forEach(stop::add);
    }
  }

  /** Completions of a {@code chat.completion} object, in choice-index order. */
  static List<Completion> parseChat(JsonNode root) throws MalformedBody {
    JsonNode choices = choices(root);
    List<Completion> out = new ArrayList<>();
    for (JsonNode choice : sortedByIndex(choices)) {
      JsonNode message = choice.path("message");
      String text = message.path("content").isTextual() ? message.get("content").asText() : "";
      List<Token> tokens = TokenLogprobs.parse(choice.path("logprobs").path("content"));
      out.add(TokenLogprobs.completion(text, tokens, Json.text(choice, "finish_reason")));
    }
    return Json.withCallUsage(out, usage(root));
  }

  /** The {@code usage} object of a response or of a stream's last chunk; {@code null} if none. */
  static Usage usage(JsonNode root) {
    return Json.usage(root.get("usage"), List.of("prompt_tokens"), List.of("completion_tokens"));
  }

  /**
   * Completions of a legacy {@code text_completion} object. With {@code echo} the text and tokens
   * cover prompt and completion, as HELM expects; the first prompt token has no log-probability
   * ({@code null}, read as 0, HELM's {@code logprob or 0}) and its {@code top_logprobs} entry is
   * {@code null}, which is tolerated.
   */
  static List<Completion> parseCompletions(JsonNode root) throws MalformedBody {
    JsonNode choices = choices(root);
    List<Completion> out = new ArrayList<>();
    for (JsonNode choice : sortedByIndex(choices)) {
      String text = Json.text(choice, "text");
      if (text == null) {
        throw new MalformedBody("choice without 'text'");
      }
      List<Token> tokens = new ArrayList<>();
      JsonNode lp = choice.path("logprobs");
      JsonNode names = lp.path("tokens");
      JsonNode values = lp.path("token_logprobs");
      JsonNode tops = lp.path("top_logprobs");
      if (names.isArray()) {
        for (int i = 0; i < names.size(); i++) {
          JsonNode v = values.path(i);
          tokens.add(
              new Token(
                  names.get(i).asText(), v.isNumber() ? v.asDouble() : 0.0, top(tops.path(i))));
        }
      }
      out.add(TokenLogprobs.completion(text, tokens, Json.text(choice, "finish_reason")));
    }
    return Json.withCallUsage(out, usage(root));
  }

  /** A legacy {@code top_logprobs} entry ({@code {token: logprob}}, or null), most likely first. */
  private static Map<String, Double> top(JsonNode entry) {
    List<Map.Entry<String, JsonNode>> alternatives = new ArrayList<>(entry.properties());
    alternatives.sort(
        Comparator.comparingDouble((Map.Entry<String, JsonNode> e) -> e.getValue().asDouble())
            .reversed());
    Map<String, Double> top = new LinkedHashMap<>();
    alternatives.forEach(e -> top.put(e.getKey(), e.getValue().asDouble()));
    return top;
  }

  private static JsonNode choices(JsonNode root) throws MalformedBody {
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray()) {
      if (root.has("error")) {
        // Some servers answer 200 with an error object.
        throw new MalformedBody("error in a 200 response: " + HttpErrors.detail(Json.write(root)));
      }
      throw new MalformedBody("no 'choices' array");
    }
    return choices;
  }

  private static List<JsonNode> sortedByIndex(JsonNode choices) {
    List<JsonNode> list = new ArrayList<>();
    choices.forEach(list::add);
    list.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
    return list;
  }
}
