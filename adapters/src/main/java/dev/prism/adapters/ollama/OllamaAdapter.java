package dev.prism.adapters.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.ChatTurns;
import dev.prism.adapters.http.Endpoints;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.http.HttpTransport;
import dev.prism.adapters.http.Json;
import dev.prism.adapters.http.TokenLogprobs;
import dev.prism.core.ChatMessage;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Ollama's native API (kind {@code ollama}). Options: {@code base_url} (default {@code
 * http://localhost:11434}), {@code api: generate|chat} (default {@code generate}), {@code raw}
 * (generate only, default {@code true}: the prompt is continued as is, without the model's
 * template, as HELM's prompts expect; {@code false} applies the template), {@code api_key_env}
 * (optional, for a proxy in front of Ollama; sent as a bearer token), {@code logprobs} (default
 * {@code true}) and the timeouts of {@link HttpTransport}.
 *
 * <p>A chat request's messages (prompt method {@code chat}) go to {@code /api/chat} as they are.
 * {@code /api/generate} with {@code raw: false} takes one user turn and an optional system message
 * before it (its {@code prompt} and {@code system} fields) and refuses longer chats; with {@code
 * raw: true} it takes no messages (the deployment has no {@code CHAT} capability).
 *
 * <p>Non-streamed calls; several completions by repeated calls; no echo. Token counts come from
 * {@code prompt_eval_count} and {@code eval_count}.
 *
 * <p>Log-probabilities: Ollama 0.12.11 and later return them when the request has {@code
 * "logprobs": true} (and {@code "top_logprobs": N}, 0 to 20), in a {@code logprobs} array of {@code
 * {token, logprob, bytes, top_logprobs}}, on both APIs. Older servers ignore the field, so a
 * response with generated text but no {@code logprobs} fails the call ({@link
 * ErrorKind#INVALID_REQUEST}, saying to upgrade or set {@code logprobs: false}) instead of
 * reporting every token as certain. The calls go through Prism's own OkHttp transport, not
 * langchain4j-ollama: its request and response classes (1.18.1, the last version published for
 * Ollama) have no logprobs fields, and the transport gives every adapter the same error
 * classification, retries and timeouts.
 */
public final class OllamaAdapter implements ModelAdapter, DeclaresCapabilities {
  /** The default base URL. */
  public static final String BASE_URL = "http://localhost:11434";

  /** Ollama accepts at most 20 top log-probabilities per token. */
  static final int MAX_TOP_LOGPROBS = 20;

  private final UnaryOperator<String> env;

  /** Reads API keys from the process environment. */
  public OllamaAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public OllamaAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String kind() {
    return "ollama";
  }

  @Override
  public String description() {
    return "Ollama native API: /api/generate (raw text) or /api/chat; logprobs (Ollama 0.12.11+)";
  }

  private static boolean chat(Deployment d) {
    return DeploymentOptions.oneOf(d, DeploymentOptions.API, "generate", "generate", "chat")
        .equals("chat");
  }

  private static boolean raw(Deployment d) {
    return !chat(d) && DeploymentOptions.bool(d, "raw", true);
  }

  private static boolean logprobs(Deployment d) {
    return DeploymentOptions.bool(d, DeploymentOptions.LOGPROBS, true);
  }

  @Override
  public Set<Capability> capabilities(Deployment d) {
    EnumSet<Capability> c = EnumSet.of(Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES);
    c.add(raw(d) ? Capability.TEXT_COMPLETION : Capability.CHAT);
    if (logprobs(d)) {
      c.add(Capability.LOGPROBS);
      c.add(Capability.TOP_LOGPROBS);
    }
    return c;
  }

  @Override
  public ModelClient connect(Deployment d) {
    String who = "ollama deployment '" + d.name() + "'";
    boolean chat = chat(d);
    String url =
        Endpoints.baseUrl(d, who, BASE_URL, BASE_URL) + (chat ? "/api/chat" : "/api/generate");
    ApiKey key = Endpoints.apiKey(d, null, env);
    Map<String, String> headers =
        key == null ? Map.of() : Map.of("Authorization", "Bearer " + key.reveal());
    return new Client(d, who, url, headers, new Mode(chat, raw(d), logprobs(d)), key);
  }

  /** Which API, whether the prompt is sent raw, whether log-probabilities are asked for. */
  private record Mode(boolean chat, boolean raw, boolean logprobs) {}

  private static final class Client implements ModelClient {
    private final Deployment deployment;
    private final String who;
    private final String url;
    private final Map<String, String> headers;
    private final boolean chat;
    private final boolean raw;
    private final boolean logprobs;
    private final HttpTransport http;

    Client(
        Deployment deployment,
        String who,
        String url,
        Map<String, String> headers,
        Mode mode,
        ApiKey key) {
      this.deployment = deployment;
      this.who = who;
      this.url = url;
      this.headers = headers;
      this.chat = mode.chat();
      this.raw = mode.raw();
      this.logprobs = mode.logprobs();
      this.http = new HttpTransport(deployment, who, key, s -> Optional.empty());
    }

    @Override
    public RequestResult complete(RequestState state) throws InterruptedException {
      Request r = state.request();
      long start = System.nanoTime();
      try {
        Endpoints.rejectEcho(r, who);
        if (raw) {
          ChatTurns.rejectMessages(
              r, who + " uses /api/generate with raw: true, which", "set 'api: chat'");
        }
        ObjectNode body = body(r);
        List<Completion> out =
            Endpoints.perCompletion(
                r, () -> http.post(url, body, headers, HttpTransport.json(this::parse)));
        return RequestResult.success(out, (System.nanoTime() - start) / 1e9);
      } catch (CallFailure e) {
        return e.toResult((System.nanoTime() - start) / 1e9);
      }
    }

    private ObjectNode body(Request r) throws CallFailure {
      ObjectNode body = Json.object();
      body.put("model", deployment.model());
      body.put("stream", false);
      if (chat) {
        ChatTurns.writeRoleContent(r, body.putArray("messages"));
      } else {
        ChatTurns turns = ChatTurns.of(r);
        if (turns.turns().size() != 1 || turns.turns().get(0).role() != ChatMessage.Role.USER) {
          throw new CallFailure(
              ErrorKind.INVALID_REQUEST,
              who + " uses /api/generate, which takes one user turn; set 'api: chat' for a chat");
        }
        if (turns.system() != null) {
          body.put("system", turns.system());
        }
        body.put("prompt", turns.turns().get(0).content());
        body.put("raw", raw);
      }
      if (logprobs) {
        body.put("logprobs", true);
        if (r.topKPerToken() > 1) {
          body.put("top_logprobs", Math.min(r.topKPerToken(), MAX_TOP_LOGPROBS));
        }
      }
      ObjectNode options = body.putObject("options");
      options.put("temperature", r.temperature());
      options.put("num_predict", r.maxTokens());
      if (!r.stopSequences().isEmpty()) {
        ArrayNode stop = options.putArray("stop");
        r.stopSequences().forEach(stop::add);
      }
      return body;
    }

    private Completion parse(JsonNode root) throws CallFailure {
      JsonNode text = chat ? root.path("message").path("content") : root.path("response");
      if (!text.isTextual()) {
        throw HttpErrors.malformed(who, chat ? "no 'message.content'" : "no 'response'");
      }
      // Ollama leaves out prompt_eval_count when it reused a cached prompt: it evaluated none.
      Usage usage =
          root.has("eval_count")
              ? Json.usage(root, List.of("prompt_eval_count"), List.of("eval_count"))
              : null;
      JsonNode entries = root.path("logprobs");
      if (logprobs && !entries.isArray() && !text.asText().isEmpty()) {
        // An Ollama older than 0.12.11 ignores the field; zeros would read as certain tokens.
        throw new CallFailure(
            ErrorKind.INVALID_REQUEST,
            who
                + " asked for log-probabilities but the server returned none (Ollama returns them"
                + " from version 0.12.11); upgrade Ollama or set 'logprobs: false' on the"
                + " deployment");
      }
      List<Token> tokens = TokenLogprobs.parse(entries);
      return TokenLogprobs.completion(text.asText(), tokens, Json.text(root, "done_reason"))
          .withUsage(usage);
    }

    @Override
    public void close() {
      http.close();
    }

    @Override
    public String toString() {
      return "OllamaClient[" + who + "]";
    }
  }
}
