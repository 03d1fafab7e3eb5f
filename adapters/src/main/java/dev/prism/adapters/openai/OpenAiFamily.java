package dev.prism.adapters.openai;

import dev.prism.adapters.http.Endpoints;
import dev.prism.core.Deployment;
import dev.prism.core.ModelClient;
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
    return new OpenAiClient(config, Endpoints.apiKey(d, defaultKeyEnv, env));
  }
}
