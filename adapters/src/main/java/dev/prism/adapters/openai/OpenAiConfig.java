package dev.prism.adapters.openai;

import dev.prism.adapters.Capability;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A deployment's OpenAI settings, validated once at connect time.
 *
 * @param deployment the deployment
 * @param who how messages name it
 * @param baseUrl base URL without a trailing slash, e.g. {@code https://api.openai.com/v1}
 * @param chat whether the chat API is used (else legacy completions)
 * @param stream whether chat responses are streamed
 * @param logprobs whether log-probabilities are requested
 * @param echo whether the server can echo prompt log-probabilities (completions API)
 * @param maxTokensField {@code max_tokens} or {@code max_completion_tokens}
 */
record OpenAiConfig(
    Deployment deployment,
    String who,
    String baseUrl,
    boolean chat,
    boolean stream,
    boolean logprobs,
    boolean echo,
    String maxTokensField) {

  /** Option choosing the name of the output-length field ({@code max_completion_tokens} for o1). */
  static final String MAX_TOKENS_FIELD = "max_tokens_field";

  static OpenAiConfig of(Deployment d, String kind, String defaultBaseUrl, String defaultApi) {
    String who = kind + " deployment '" + d.name() + "'";
    String base =
        DeploymentOptions.string(d, DeploymentOptions.BASE_URL)
            .or(() -> java.util.Optional.ofNullable(defaultBaseUrl))
            .orElseThrow(
                () ->
                    new PrismUserException(
                        who + " has no base_url",
                        "Set base_url to the server's OpenAI-compatible root, e.g."
                            + " http://localhost:8000/v1 for vLLM"));
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new PrismUserException(
          who + ": base_url '" + base + "' is not an http(s) URL",
          "Write it like http://localhost:8000/v1");
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    boolean chat =
        DeploymentOptions.oneOf(d, DeploymentOptions.API, defaultApi, "chat", "completions")
            .equals("chat");
    boolean stream = DeploymentOptions.bool(d, DeploymentOptions.STREAM, false);
    if (stream && !chat) {
      throw new PrismUserException(
          who + ": 'stream: true' needs 'api: chat'", "Remove 'stream' or set 'api: chat'");
    }
    return new OpenAiConfig(
        d,
        who,
        base,
        chat,
        stream,
        DeploymentOptions.bool(d, DeploymentOptions.LOGPROBS, true),
        DeploymentOptions.bool(d, DeploymentOptions.ECHO, true),
        DeploymentOptions.oneOf(
            d, MAX_TOKENS_FIELD, "max_tokens", "max_tokens", "max_completion_tokens"));
  }

  String model() {
    return deployment.model();
  }

  String chatUrl() {
    return baseUrl + "/chat/completions";
  }

  String completionsUrl() {
    return baseUrl + "/completions";
  }

  Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.of(Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES);
    c.add(chat ? Capability.CHAT : Capability.TEXT_COMPLETION);
    if (logprobs) {
      c.add(Capability.LOGPROBS);
      c.add(Capability.TOP_LOGPROBS);
      if (!chat && echo) {
        c.add(Capability.PROMPT_LOGPROBS);
      }
    }
    if (stream) {
      c.add(Capability.STREAMING);
    }
    return c;
  }
}
