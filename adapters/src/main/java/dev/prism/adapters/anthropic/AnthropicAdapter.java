package dev.prism.adapters.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.UsesApiKey;
import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.ChatTurns;
import dev.prism.adapters.http.Endpoints;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.http.HttpTransport;
import dev.prism.adapters.http.Json;
import dev.prism.core.ChatMessage;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Usage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Anthropic's Messages API (kind {@code anthropic}): the prompt is one user message; a chat
 * request's messages are sent as they are, a leading system message in the {@code system} field (as
 * HELM's {@code AnthropicMessagesClient}), where it replaces the deployment's. Options: {@code
 * base_url} (default {@code https://api.anthropic.com}), {@code api_key_env} (default {@code
 * ANTHROPIC_API_KEY}), {@code anthropic_version} (default {@code 2023-06-01}), {@code system} (a
 * system prompt), {@code stream} (server-sent events, to measure time to first token) and the
 * timeouts of {@link HttpTransport}.
 *
 * <p>No log-probabilities and no echo. Several completions are made by repeated calls (as HELM
 * does). Whitespace-only stop sequences, which the API rejects, are applied to the text afterwards.
 */
public final class AnthropicAdapter implements ModelAdapter, DeclaresCapabilities, UsesApiKey {
  /** The variable holding the key unless the deployment names another. */
  public static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";

  /** The default base URL. */
  public static final String BASE_URL = "https://api.anthropic.com";

  private final UnaryOperator<String> env;

  /** Reads API keys from the process environment. */
  public AnthropicAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public AnthropicAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String defaultKeyVariable() {
    return KEY_VARIABLE;
  }

  @Override
  public String kind() {
    return "anthropic";
  }

  @Override
  public String description() {
    return "Anthropic Messages API (chat only, no logprobs)";
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    EnumSet<Capability> c =
        EnumSet.of(Capability.CHAT, Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES);
    if (DeploymentOptions.bool(deployment, DeploymentOptions.STREAM, false)) {
      c.add(Capability.STREAMING);
    }
    return c;
  }

  @Override
  public ModelClient connect(Deployment d) {
    String who = "anthropic deployment '" + d.name() + "'";
    String url = Endpoints.baseUrl(d, who, BASE_URL, BASE_URL) + "/v1/messages";
    ApiKey key = Endpoints.apiKey(d, KEY_VARIABLE, env);
    Map<String, String> headers =
        Map.of(
            "x-api-key",
            key == null ? "" : key.reveal(),
            "anthropic-version",
            DeploymentOptions.string(d, "anthropic_version").orElse("2023-06-01"));
    return new Client(
        d,
        who,
        url,
        headers,
        DeploymentOptions.string(d, "system").orElse(null),
        DeploymentOptions.bool(d, DeploymentOptions.STREAM, false),
        key);
  }

  /** {@code stop_reason} in HELM's words. */
  static String finishReason(String reason) {
    return reason == null
        ? null
        : switch (reason) {
          case "end_turn" -> "endoftext";
          case "stop_sequence" -> "stop";
          case "max_tokens" -> "length";
          default -> reason;
        };
  }

  /** A {@code usage} object; cache writes and reads are input tokens too (billed at own rates). */
  static Usage usage(JsonNode usage) {
    return Json.usage(
        usage,
        List.of("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"),
        List.of("output_tokens"));
  }

  private static final class Client implements ModelClient {
    private final Deployment deployment;
    private final String who;
    private final String url;
    private final Map<String, String> headers;
    private final String system;
    private final boolean stream;
    private final HttpTransport http;

    Client(
        Deployment deployment,
        String who,
        String url,
        Map<String, String> headers,
        String system,
        boolean stream,
        ApiKey key) {
      this.deployment = deployment;
      this.who = who;
      this.url = url;
      this.headers = headers;
      this.system = system;
      this.stream = stream;
      this.http = new HttpTransport(deployment, who, key, s -> Optional.empty());
    }

    @Override
    public RequestResult complete(RequestState state) throws InterruptedException {
      Request r = state.request();
      long start = System.nanoTime();
      try {
        Endpoints.rejectEcho(r, who);
        Endpoints.requireOutput(r, who);
        ObjectNode body = body(r);
        HttpTransport.ResponseReader<Completion> reader =
            stream
                ? (response, sent) -> new AnthropicStream(who).read(response, sent)
                : HttpTransport.json(Client::parse);
        List<Completion> out =
            Endpoints.perCompletion(r, () -> http.post(url, body, headers, reader));
        return RequestResult.success(out, (System.nanoTime() - start) / 1e9);
      } catch (CallFailure e) {
        return e.toResult((System.nanoTime() - start) / 1e9);
      }
    }

    private ObjectNode body(Request r) {
      ObjectNode body = Json.object();
      body.put("model", deployment.model());
      body.put("max_tokens", r.maxTokens());
      body.put("temperature", r.temperature());
      ChatTurns chat = ChatTurns.of(r);
      String systemPrompt = chat.system() != null ? chat.system() : system;
      if (systemPrompt != null) {
        body.put("system", systemPrompt);
      }
      ArrayNode messages = body.putArray("messages");
      for (ChatMessage m : chat.turns()) {
        messages.addObject().put("role", m.role().wireName()).put("content", m.content());
      }
      if (stream) {
        body.put("stream", true);
      }
      List<String> stops = r.stopSequences().stream().filter(s -> !s.isBlank()).toList();
      if (!stops.isEmpty()) {
        ArrayNode a = body.putArray("stop_sequences");
        stops.forEach(a::add);
      }
      return body;
    }

    /**
     * A {@code message} object: text blocks joined; {@code stop_reason} in HELM's words; {@code
     * usage}.
     */
    static Completion parse(JsonNode root) throws CallFailure {
      JsonNode content = root.get("content");
      if (content == null || !content.isArray()) {
        throw HttpErrors.malformed("anthropic response", "no 'content' array");
      }
      StringBuilder text = new StringBuilder();
      for (JsonNode block : content) {
        if ("text".equals(Json.text(block, "type"))) {
          text.append(Json.text(block, "text") == null ? "" : Json.text(block, "text"));
        }
      }
      return new Completion(
          text.toString(),
          0.0,
          List.of(),
          finishReason(Json.text(root, "stop_reason")),
          usage(root.get("usage")),
          null);
    }

    @Override
    public void close() {
      http.close();
    }

    @Override
    public String toString() {
      return "AnthropicClient[" + who + "]";
    }
  }
}
