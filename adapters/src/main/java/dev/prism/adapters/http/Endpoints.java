package dev.prism.adapters.http;

import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.PrismUserException;
import dev.prism.core.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Helpers shared by the HTTP adapters: base URL and API key at connect time, unsupported requests,
 * one call per completion.
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * The {@code base_url} option (or {@code defaultUrl}) without trailing slashes.
   *
   * @throws PrismUserException when neither is set or it is not an http(s) URL
   */
  public static String baseUrl(Deployment d, String who, String defaultUrl, String example) {
    String base =
        DeploymentOptions.string(d, DeploymentOptions.BASE_URL)
            .or(() -> Optional.ofNullable(defaultUrl))
            .orElseThrow(
                () ->
                    new PrismUserException(
                        who + " has no base_url", "Set base_url, e.g. " + example));
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new PrismUserException(
          who + ": base_url '" + base + "' is not an http(s) URL", "Write it like " + example);
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  /**
   * The key in the file named by {@code api_key_file}, else in the variable named by {@code
   * api_key_env} (or {@code defaultVariable}); {@code null} when none is set.
   *
   * @throws PrismUserException when both options are set, or the file or variable holds no key
   */
  public static ApiKey apiKey(Deployment d, String defaultVariable, UnaryOperator<String> env) {
    Optional<String> file = DeploymentOptions.string(d, DeploymentOptions.API_KEY_FILE);
    Optional<String> named = DeploymentOptions.string(d, DeploymentOptions.API_KEY_ENV);
    if (file.isPresent() && named.isPresent()) {
      throw new PrismUserException(
          "deployment '" + d.name() + "' sets both api_key_env and api_key_file",
          "Keep one of them");
    }
    if (file.isPresent()) {
      return ApiKey.fromFile(d, Path.of(file.get()));
    }
    Optional<String> variable = named.or(() -> Optional.ofNullable(defaultVariable));
    return variable.isEmpty() ? null : ApiKey.fromEnv(d, variable.get(), env);
  }

  /** Fails an echo request on an adapter that cannot return prompt log-probabilities. */
  public static void rejectEcho(Request r, String who) throws CallFailure {
    if (r.echoPrompt()) {
      throw new CallFailure(
          ErrorKind.INVALID_REQUEST,
          who
              + " cannot echo the prompt with log-probabilities (capability PROMPT_LOGPROBS);"
              + " use a generation or joint multiple-choice prompt format");
    }
  }

  /** Fails a request for zero output tokens on an API that needs at least one. */
  public static void requireOutput(Request r, String who) throws CallFailure {
    if (r.maxTokens() < 1) {
      throw new CallFailure(
          ErrorKind.INVALID_REQUEST, who + " needs maxTokens >= 1, got " + r.maxTokens());
    }
  }

  /** One call that returns one completion. */
  @FunctionalInterface
  public interface SingleCompletionCall {
    Completion call() throws CallFailure, InterruptedException;
  }

  /**
   * For APIs that return one completion per call: makes {@code max(1, numCompletions)} calls and
   * cuts each completion at the request's stop sequences (which some APIs ignore).
   */
  public static List<Completion> perCompletion(Request r, SingleCompletionCall call)
      throws CallFailure, InterruptedException {
    List<Completion> out = new ArrayList<>();
    for (int i = 0; i < Math.max(1, r.numCompletions()); i++) {
      out.add(Truncation.atStops(call.call(), r.stopSequences()));
    }
    return out;
  }
}
