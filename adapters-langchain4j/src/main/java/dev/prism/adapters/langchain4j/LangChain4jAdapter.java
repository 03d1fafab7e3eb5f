package dev.prism.adapters.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.UsesApiKey;
import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.Endpoints;
import dev.prism.adapters.http.HttpTransport;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.Request;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The shared part of the langchain4j-backed adapters: connection settings, capabilities and the
 * mapping of a Prism request to langchain4j request parameters. Each provider says how to build its
 * chat model and what it can add (log-probabilities, cache tokens).
 *
 * <p>Options, as for the provider's own kind: {@code base_url} (the same root the own kind takes;
 * the provider's version path is added here), {@code api_key_env} or {@code api_key_file}, {@code
 * system} (a system prompt used when the request has none), {@code seed} (a whole number, where the
 * provider takes one), {@code stream} (stream tokens to measure time to first token) and the
 * timeouts {@code connect_timeout_s}, {@code read_timeout_s} (until the response starts) and {@code
 * call_timeout_s} (the hard deadline of one call, enforced here).
 */
public abstract class LangChain4jAdapter implements ModelAdapter, DeclaresCapabilities {
  /** The option holding a sampling seed. */
  public static final String SEED = "seed";

  /** The option holding a default system prompt. */
  public static final String SYSTEM = "system";

  private final UnaryOperator<String> env;

  LangChain4jAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The provider's name in the kind, e.g. {@code openai} for {@code langchain4j-openai}. */
  abstract String provider();

  /** The own kind's default base URL, without the version path. */
  abstract String defaultBaseUrl();

  /** The variable holding the key by default; {@code null} when the provider needs none. */
  private String keyVariable() {
    return this instanceof UsesApiKey usesKey ? usesKey.defaultKeyVariable() : null;
  }

  /** The chat model for a connection. */
  abstract ChatModel chatModel(Connection c);

  /** The streaming chat model for a connection. */
  abstract StreamingChatModel streamingChatModel(Connection c);

  /** Whether the provider takes a seed. */
  abstract boolean takesSeed();

  @Override
  public final String kind() {
    return "langchain4j-" + provider();
  }

  /**
   * What langchain4j will reach for {@code d}.
   *
   * @param deployment the deployment
   * @param who how messages name it
   * @param baseUrl the {@code base_url} option or the default, without trailing slashes
   * @param key the API key, or {@code null}
   * @param http the HTTP client builder with the deployment's connect and read timeouts
   * @param readTimeout the read timeout, for providers that override the builder's
   * @param seed the seed, if set
   */
  record Connection(
      Deployment deployment,
      String who,
      String baseUrl,
      ApiKey key,
      HttpClientBuilder http,
      Duration readTimeout,
      Optional<Integer> seed) {
    /** The key for the provider's header; {@code null} when none. */
    String apiKey() {
      return key == null ? null : key.reveal();
    }

    String model() {
      return deployment.model();
    }
  }

  @Override
  public Set<Capability> capabilities(Deployment d) {
    EnumSet<Capability> c =
        EnumSet.of(Capability.CHAT, Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES);
    if (stream(d)) {
      c.add(Capability.STREAMING);
    }
    return c;
  }

  static boolean stream(Deployment d) {
    return DeploymentOptions.bool(d, DeploymentOptions.STREAM, false);
  }

  @Override
  public ModelClient connect(Deployment d) {
    String who = kind() + " deployment '" + d.name() + "'";
    String base = Endpoints.baseUrl(d, who, defaultBaseUrl(), defaultBaseUrl());
    ApiKey key = Endpoints.apiKey(d, keyVariable(), env);
    Duration read =
        DeploymentOptions.seconds(d, DeploymentOptions.READ_TIMEOUT_S, HttpTransport.READ_TIMEOUT);
    HttpClientBuilder http =
        new JdkHttpClientBuilder()
            .connectTimeout(
                DeploymentOptions.seconds(
                    d, DeploymentOptions.CONNECT_TIMEOUT_S, HttpTransport.CONNECT_TIMEOUT))
            .readTimeout(read);
    Duration deadline =
        DeploymentOptions.seconds(d, DeploymentOptions.CALL_TIMEOUT_S, HttpTransport.CALL_TIMEOUT);
    Connection c = new Connection(d, who, base, key, http, read, seed(d, who));
    return stream(d)
        ? LangChain4jClient.streaming(this, c, streamingChatModel(c), deadline)
        : LangChain4jClient.blocking(this, c, chatModel(c), deadline);
  }

  private Optional<Integer> seed(Deployment d, String who) {
    Optional<String> v = DeploymentOptions.string(d, SEED);
    if (v.isPresent() && !takesSeed()) {
      throw new PrismUserException(
          who + ": option '" + SEED + "' is not supported by " + provider() + " via langchain4j",
          "Remove the option");
    }
    try {
      return v.map(Integer::valueOf);
    } catch (NumberFormatException e) {
      throw new PrismUserException(
          who + ": option '" + SEED + "' is '" + v.get() + "'", "Set it to a whole number");
    }
  }

  /**
   * The request's sampling parameters: temperature, output tokens and the stop sequences that
   * {@link #stops} lets through (the rest are applied to the text afterwards).
   */
  ChatRequestParameters parameters(Request r, Connection c) {
    return DefaultChatRequestParameters.builder()
        .temperature(r.temperature())
        .maxOutputTokens(r.maxTokens())
        .stopSequences(stops(r.stopSequences()))
        .build();
  }

  /** The stop sequences sent to the provider; by default all. */
  List<String> stops(List<String> stops) {
    return stops;
  }

  /** The generated tokens with their log-probabilities; none unless the provider returns them. */
  List<Token> tokens(ChatResponse response, Connection c) {
    return List.of();
  }

  /** The token counts langchain4j reports; {@code null} when none. */
  Usage usage(TokenUsage u) {
    if (u == null || (u.inputTokenCount() == null && u.outputTokenCount() == null)) {
      return null;
    }
    return new Usage(count(u.inputTokenCount()), count(u.outputTokenCount()));
  }

  /** A classified failure, reclassified where the provider says more (Gemini's invalid key). */
  CallFailure failure(CallFailure f) {
    return f;
  }

  static int count(Integer n) {
    return n == null ? 0 : Math.max(0, n);
  }
}
