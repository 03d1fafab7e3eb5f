package dev.prism.adapters.gemini;

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
import dev.prism.adapters.http.RetryAfter;
import dev.prism.adapters.http.TokenLogprobs;
import dev.prism.adapters.http.Truncation;
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
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Google's Gemini API (kind {@code gemini}): the prompt is one user turn; a chat request's messages
 * are sent as turns with Gemini's roles ({@code user}, {@code model} for the assistant), a leading
 * system message as {@code system_instruction} (as HELM's {@code GoogleGenAIClient}). Options:
 * {@code base_url} (default {@code https://generativelanguage.googleapis.com}), {@code api_key_env}
 * (default {@code GEMINI_API_KEY}; sent in the {@code x-goog-api-key} header, never in the URL),
 * {@code logprobs} (default {@code false}) and the timeouts of {@link HttpTransport}.
 *
 * <p>Log-probabilities are opt-in ({@code logprobs: true}) because only some models return them:
 * others answer HTTP 400 "Logprobs is not enabled for models/…" (that error then says to set {@code
 * logprobs: false}). With them on, the request carries {@code
 * generationConfig.responseLogprobs=true} and {@code logprobs=N} (the top alternatives per token, 1
 * to 20), and each candidate's {@code logprobsResult} gives the chosen token at every step ({@code
 * chosenCandidates[]: {token, tokenId, logProbability}}) and the most likely alternatives ({@code
 * topCandidates[].candidates[]}, most likely first). A candidate with text but no {@code
 * logprobsResult} fails the call rather than report every token as certain.
 *
 * <p>No echo. At most 5 stop sequences are sent (the API's limit); the rest are applied to the text
 * afterwards. A prompt blocked by safety filters is a successful call with empty completions whose
 * finish reason is {@code content_filter}. A 429's {@code RetryInfo.retryDelay} is passed on as
 * {@code retry_after_s}; an invalid key (HTTP 400 {@code API_KEY_INVALID}) is classified as {@link
 * ErrorKind#AUTH}.
 */
public final class GeminiAdapter implements ModelAdapter, DeclaresCapabilities, UsesApiKey {
  /** The variable holding the key unless the deployment names another. */
  public static final String KEY_VARIABLE = "GEMINI_API_KEY";

  /** The default base URL. */
  public static final String BASE_URL = "https://generativelanguage.googleapis.com";

  private static final int MAX_STOPS = 5;

  /** The API accepts at most 20 top log-probabilities per token. */
  static final int MAX_TOP_LOGPROBS = 20;

  private final UnaryOperator<String> env;

  /** Reads API keys from the process environment. */
  public GeminiAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public GeminiAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String defaultKeyVariable() {
    return KEY_VARIABLE;
  }

  @Override
  public String kind() {
    return "gemini";
  }

  @Override
  public String description() {
    return "Google Gemini API generateContent (chat only; logprobs with 'logprobs: true')";
  }

  private static boolean logprobs(Deployment d) {
    return DeploymentOptions.bool(d, DeploymentOptions.LOGPROBS, false);
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    EnumSet<Capability> c =
        EnumSet.of(Capability.CHAT, Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES);
    if (logprobs(deployment)) {
      c.add(Capability.LOGPROBS);
      c.add(Capability.TOP_LOGPROBS);
    }
    return c;
  }

  @Override
  public ModelClient connect(Deployment d) {
    String who = "gemini deployment '" + d.name() + "'";
    String model = d.model().startsWith("models/") ? d.model().substring(7) : d.model();
    String url =
        Endpoints.baseUrl(d, who, BASE_URL, BASE_URL)
            + "/v1beta/models/"
            + model
            + ":generateContent";
    ApiKey key = Endpoints.apiKey(d, KEY_VARIABLE, env);
    Map<String, String> headers = key == null ? Map.of() : Map.of("x-goog-api-key", key.reveal());
    return new Client(d, who, url, headers, key);
  }

  /**
   * Gemini answers an invalid key with HTTP 400 ({@code API_KEY_INVALID}), which is an auth error:
   * {@code e} as {@link ErrorKind#AUTH} then, else {@code e} itself.
   */
  public static CallFailure invalidKeyAsAuth(CallFailure e) {
    return e.kind() == ErrorKind.INVALID_REQUEST
            && (e.getMessage().contains("API_KEY_INVALID")
                || e.getMessage().contains("API key not valid"))
        ? new CallFailure(ErrorKind.AUTH, e.getMessage())
        : e;
  }

  /** Gemini puts the wait of a 429 in {@code error.details[].retryDelay} (google.rpc.RetryInfo). */
  static Optional<Duration> retryDelay(String body) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      for (JsonNode detail : root.path("error").path("details")) {
        Optional<Duration> d = RetryAfter.fromProtoDuration(Json.text(detail, "retryDelay"));
        if (d.isPresent()) {
          return d;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: no delay
    }
    return Optional.empty();
  }

  private static final class Client implements ModelClient {
    private final String who;
    private final String url;
    private final Map<String, String> headers;
    private final boolean logprobs;
    private final HttpTransport http;

    Client(Deployment d, String who, String url, Map<String, String> headers, ApiKey key) {
      this.who = who;
      this.url = url;
      this.headers = headers;
      this.logprobs = logprobs(d);
      this.http = new HttpTransport(d, who, key, GeminiAdapter::retryDelay);
    }

    @Override
    public RequestResult complete(RequestState state) throws InterruptedException {
      Request r = state.request();
      long start = System.nanoTime();
      try {
        Endpoints.rejectEcho(r, who);
        List<Completion> out =
            http.post(
                url,
                body(r, logprobs),
                headers,
                HttpTransport.json(root -> parse(root, r, logprobs)));
        return RequestResult.success(out, (System.nanoTime() - start) / 1e9);
      } catch (CallFailure e) {
        CallFailure f = invalidKeyAsAuth(e);
        if (f == e
            && logprobs
            && e.kind() == ErrorKind.INVALID_REQUEST
            && e.getMessage().contains("Logprobs")) {
          f =
              new CallFailure(
                  ErrorKind.INVALID_REQUEST,
                  e.getMessage() + "; set 'logprobs: false' on " + who + " for this model");
        }
        return f.toResult((System.nanoTime() - start) / 1e9);
      }
    }

    private static ObjectNode body(Request r, boolean logprobs) {
      ObjectNode body = Json.object();
      ChatTurns chat = ChatTurns.of(r);
      if (chat.system() != null) {
        body.putObject("system_instruction")
            .putArray("parts")
            .addObject()
            .put("text", chat.system());
      }
      ArrayNode contents = body.putArray("contents");
      for (ChatMessage m : chat.turns()) {
        ObjectNode turn = contents.addObject();
        turn.put("role", m.role() == ChatMessage.Role.ASSISTANT ? "model" : "user");
        turn.putArray("parts").addObject().put("text", m.content());
      }
      ObjectNode config = body.putObject("generationConfig");
      config.put("temperature", r.temperature());
      config.put("maxOutputTokens", r.maxTokens());
      if (r.numCompletions() != 1) {
        config.put("candidateCount", r.numCompletions());
      }
      if (!r.stopSequences().isEmpty()) {
        ArrayNode stops = config.putArray("stopSequences");
        r.stopSequences().stream().limit(MAX_STOPS).forEach(stops::add);
      }
      if (logprobs) {
        config.put("responseLogprobs", true);
        config.put("logprobs", Math.max(1, Math.min(r.topKPerToken(), MAX_TOP_LOGPROBS)));
      }
      return body;
    }

    static List<Completion> parse(JsonNode root, Request r, boolean logprobs) throws CallFailure {
      JsonNode candidates = root.get("candidates");
      List<Completion> out = new ArrayList<>();
      if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
        if (root.path("promptFeedback").has("blockReason")) {
          for (int i = 0; i < Math.max(1, r.numCompletions()); i++) {
            out.add(new Completion("", 0.0, List.of(), "content_filter"));
          }
          return Json.withCallUsage(out, usage(root));
        }
        throw HttpErrors.malformed("gemini response", "no 'candidates'");
      }
      for (JsonNode candidate : candidates) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
          if (!part.path("thought").asBoolean(false) && part.path("text").isTextual()) {
            text.append(part.get("text").asText());
          }
        }
        String reason = Json.text(candidate, "finishReason");
        String finish =
            reason == null
                ? null
                : switch (reason) {
                  case "STOP" -> "stop";
                  case "MAX_TOKENS" -> "length";
                  case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" ->
                      "content_filter";
                  default -> reason.toLowerCase(Locale.ROOT);
                };
        List<Token> tokens = List.of();
        if (logprobs) {
          JsonNode result = candidate.get("logprobsResult");
          if (result == null && text.length() > 0) {
            throw new CallFailure(
                ErrorKind.INVALID_REQUEST,
                "gemini response: log-probabilities were asked for but a candidate has no"
                    + " 'logprobsResult'; set 'logprobs: false' on the deployment for this model");
          }
          tokens = tokens(result);
        }
        Completion c = TokenLogprobs.completion(text.toString(), tokens, finish);
        out.add(Truncation.atStops(c, r.stopSequences()));
      }
      return Json.withCallUsage(out, usage(root));
    }

    /**
     * The tokens of a {@code logprobsResult}: {@code chosenCandidates[i]} with the alternatives of
     * {@code topCandidates[i].candidates} (sorted most likely first by the API). Protobuf JSON
     * leaves out zero values, so an absent {@code logProbability} is 0 and an absent token "".
     */
    static List<Token> tokens(JsonNode result) {
      List<Token> tokens = new ArrayList<>();
      if (result == null) {
        return tokens;
      }
      JsonNode chosen = result.path("chosenCandidates");
      JsonNode top = result.path("topCandidates");
      for (int i = 0; i < chosen.size(); i++) {
        Map<String, Double> alternatives = new LinkedHashMap<>();
        for (JsonNode alt : top.path(i).path("candidates")) {
          String token = Json.text(alt, "token");
          alternatives.putIfAbsent(token == null ? "" : token, Json.number(alt, "logProbability"));
        }
        String token = Json.text(chosen.get(i), "token");
        tokens.add(
            new Token(
                token == null ? "" : token,
                Json.number(chosen.get(i), "logProbability"),
                alternatives));
      }
      return tokens;
    }

    /** {@code usageMetadata}; a thinking model's thought tokens are billed as output. */
    static Usage usage(JsonNode root) {
      return Json.usage(
          root.get("usageMetadata"),
          List.of("promptTokenCount"),
          List.of("candidatesTokenCount", "thoughtsTokenCount"));
    }

    @Override
    public void close() {
      http.close();
    }

    @Override
    public String toString() {
      return "GeminiClient[" + who + "]";
    }
  }
}
