package dev.prism.adapters.openai;

import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.http.ApiKey;
import dev.prism.core.Deployment;
import dev.prism.core.ModelClient;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What the two OpenAI adapter kinds share: connecting with defaults that differ per kind. */
final class OpenAiFamily {
  private OpenAiFamily() {}

  static ModelClient connect(
      Deployment d,
      String kind,
      String defaultBaseUrl,
      String defaultApi,
      String defaultKeyEnv,
      UnaryOperator<String> env) {
    OpenAiConfig config = OpenAiConfig.of(d, kind, defaultBaseUrl, defaultApi);
    Optional<String> keyEnv =
        DeploymentOptions.string(d, DeploymentOptions.API_KEY_ENV)
            .or(() -> Optional.ofNullable(defaultKeyEnv));
    ApiKey key = keyEnv.isEmpty() ? null : ApiKey.fromEnv(d, keyEnv.get(), env);
    return new OpenAiClient(config, key);
  }
}
