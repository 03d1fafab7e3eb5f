package dev.prism.adapters;

import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The option keys that deployments use ({@link Deployment#options()}, written as plain keys in
 * {@code models.yaml}) and typed, validated readers for them. A malformed value is a {@link
 * PrismUserException} naming the deployment, the key and the value.
 */
public final class DeploymentOptions {
  /** Server base URL, e.g. {@code http://localhost:8000/v1} for vLLM. */
  public static final String BASE_URL = "base_url";

  /** Name of the environment variable holding the API key; the key itself is never stored. */
  public static final String API_KEY_ENV = "api_key_env";

  /**
   * A file holding only the API key (e.g. a mounted secret); instead of {@link #API_KEY_ENV}. A
   * relative path is resolved against the folder of the {@code models.yaml} that names it.
   */
  public static final String API_KEY_FILE = "api_key_file";

  /**
   * A local model folder, for adapters that run the model in-process (e.g. {@code jlama}). A
   * relative path is resolved against the folder of the {@code models.yaml} that names it.
   */
  public static final String MODEL_PATH = "model_path";

  /** Which endpoint an adapter uses, e.g. {@code chat} or {@code completions}. */
  public static final String API = "api";

  /** {@code true} to stream tokens (server-sent events) and measure time to first token. */
  public static final String STREAM = "stream";

  /**
   * Whether to ask for token log-probabilities: default {@code true} for OpenAI-style servers and
   * Ollama ({@code false} for servers that reject or ignore the field), default {@code false} for
   * Gemini (only some of its models return them).
   */
  public static final String LOGPROBS = "logprobs";

  /** {@code false} when the server cannot echo prompt log-probabilities. */
  public static final String ECHO = "echo";

  /** TCP connect timeout in seconds (decimals allowed). */
  public static final String CONNECT_TIMEOUT_S = "connect_timeout_s";

  /** Timeout between two reads of the response in seconds. */
  public static final String READ_TIMEOUT_S = "read_timeout_s";

  /** Hard deadline for the whole call (connect, send, wait, read) in seconds. */
  public static final String CALL_TIMEOUT_S = "call_timeout_s";

  /** Tokenizer name (HELM's {@code tokenizer_name}), e.g. {@code tiktoken/o200k_base}. */
  public static final String TOKENIZER = "tokenizer";

  /** HELM's {@code model_name}: the model's metadata name, which may differ from the deployment. */
  public static final String MODEL_NAME = "model_name";

  /** US dollars per one million input tokens. */
  public static final String PRICE_INPUT_PER_1M = "price_input_per_1m";

  /** US dollars per one million output tokens. */
  public static final String PRICE_OUTPUT_PER_1M = "price_output_per_1m";

  /** Most requests in flight at once for this deployment. */
  public static final String MAX_CONCURRENCY = "max_concurrency";

  /** Most requests started per minute for this deployment. */
  public static final String REQUESTS_PER_MINUTE = "requests_per_minute";

  /** Most input plus output tokens per minute for this deployment. */
  public static final String TOKENS_PER_MINUTE = "tokens_per_minute";

  /**
   * HELM's {@code max_request_length} (under {@code options:} in models.yaml): most tokens of one
   * request when the API accepts more than {@code max_sequence_length} (GPT-3 took one more, so
   * every token of a full language-modelling window gets a log-probability); defaults to the
   * context window.
   */
  public static final String MAX_REQUEST_LENGTH = "max_request_length";

  /**
   * HELM's tokenizer {@code prefix_token} (under {@code options:} in models.yaml), put before a
   * document's first language-modelling window so its first token is scored (e.g. {@code
   * <|endoftext|>}); none by default.
   */
  public static final String PREFIX_TOKEN = "prefix_token";

  /**
   * The name of the deployment's entry in HELM's runtime tables ({@code
   * inference_idealized_runtimes.json}, {@code inference_denoised_runtimes.json}, fetched with
   * {@code prism download efficiency_tables}), e.g. {@code openai/davinci}.
   */
  public static final String EFFICIENCY_PROFILE = "efficiency_profile";

  /**
   * Inline coefficients of HELM's {@code inference_idealized_runtime} estimator, as {@link
   * RuntimeModel#encode()} writes them; used before the {@link #EFFICIENCY_PROFILE} entry.
   */
  public static final String INFERENCE_IDEALIZED_RUNTIME = "inference_idealized_runtime";

  /** Inline coefficients of HELM's {@code inference_denoised_runtime} estimator; see above. */
  public static final String INFERENCE_DENOISED_RUNTIME = "inference_denoised_runtime";

  /**
   * HELM's {@code training_co2_cost} of the deployment's model (metric tons of CO2, as in HELM's
   * {@code training_efficiency.json}); used before the {@link #EFFICIENCY_PROFILE} entry.
   */
  public static final String TRAINING_CO2_COST = "training_co2_cost";

  /** HELM's {@code training_energy_cost} (MWh); see above. */
  public static final String TRAINING_ENERGY_COST = "training_energy_cost";

  private DeploymentOptions() {}

  /** The option's value, if set and not blank. */
  public static Optional<String> string(Deployment d, String key) {
    String v = d.options().get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** A boolean option ({@code true}/{@code false}, case-insensitive). */
  public static boolean bool(Deployment d, String key, boolean defaultValue) {
    Optional<String> v = string(d, key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw bad(d, key, v.get(), "true or false");
    };
  }

  /** A positive duration given in (possibly fractional) seconds. */
  public static Duration seconds(Deployment d, String key, Duration defaultValue) {
    OptionalDouble v = decimal(d, key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    if (!(v.getAsDouble() > 0) || v.getAsDouble() > 86_400) {
      throw bad(d, key, d.options().get(key), "a number of seconds between 0 and 86400");
    }
    return Duration.ofMillis(Math.max(1, Math.round(v.getAsDouble() * 1000)));
  }

  /** A non-negative decimal number. */
  public static OptionalDouble decimal(Deployment d, String key) {
    Optional<String> v = string(d, key);
    if (v.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double x = Double.parseDouble(v.get());
      if (Double.isNaN(x) || Double.isInfinite(x) || x < 0) {
        throw bad(d, key, v.get(), "a non-negative number");
      }
      return OptionalDouble.of(x);
    } catch (NumberFormatException e) {
      throw bad(d, key, v.get(), "a non-negative number");
    }
  }

  /** A positive whole number. */
  public static OptionalInt positiveInt(Deployment d, String key) {
    Optional<String> v = string(d, key);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int x = Integer.parseInt(v.get());
      if (x <= 0) {
        throw bad(d, key, v.get(), "a positive whole number");
      }
      return OptionalInt.of(x);
    } catch (NumberFormatException e) {
      throw bad(d, key, v.get(), "a positive whole number");
    }
  }

  /** A runtime model ({@link RuntimeModel#encode()}'s text). */
  public static Optional<RuntimeModel> runtimeModel(Deployment d, String key) {
    Optional<String> v = string(d, key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RuntimeModel.decode(v.get()));
    } catch (IllegalArgumentException e) {
      throw bad(
          d,
          key,
          v.get(),
          "a mapping with "
              + RuntimeModel.PER_OUTPUT_TOKEN
              + " and "
              + RuntimeModel.FOR_PROMPT_TOKENS
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  /** The option must be one of {@code allowed}; returns it, or {@code defaultValue} when unset. */
  public static String oneOf(Deployment d, String key, String defaultValue, String... allowed) {
    String v = string(d, key).orElse(defaultValue).toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(v)) {
        return a;
      }
    }
    throw bad(d, key, v, "one of " + String.join(", ", allowed));
  }

  private static PrismUserException bad(Deployment d, String key, String value, String expected) {
    return new PrismUserException(
        "deployment '" + d.name() + "': option '" + key + "' is '" + value + "'",
        "Set it to " + expected);
  }
}
