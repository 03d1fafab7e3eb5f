package dev.prism.adapters;

import dev.prism.adapters.http.Endpoints;
import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Implemented by an adapter whose provider needs an API key, so that {@code prism list models} can
 * say, before any run, which deployments have no key to send. Only where the key would come from is
 * reported, never the key.
 */
public interface UsesApiKey {
  /** The environment variable read when a deployment names neither api_key_env nor api_key_file. */
  String defaultKeyVariable();

  /**
   * Where {@code d}'s key comes from and whether it is there, e.g. {@code OPENAI_API_KEY} or {@code
   * OPENAI_API_KEY (missing)}, {@code file} or {@code file (missing)}; {@code -} when the
   * deployment needs no key (a local server without {@code api_key_env}).
   */
  static String status(Deployment d, Object adapter, UnaryOperator<String> env) {
    Optional<String> file = DeploymentOptions.string(d, DeploymentOptions.API_KEY_FILE);
    if (file.isPresent()) {
      return Files.isReadable(Path.of(file.get())) ? "file" : "file (missing)";
    }
    String variable =
        DeploymentOptions.string(d, DeploymentOptions.API_KEY_ENV)
            .orElse(adapter instanceof UsesApiKey k ? k.defaultKeyVariable() : null);
    if (variable == null) {
      return "-";
    }
    try {
      Endpoints.apiKey(d, variable, env);
      return variable;
    } catch (PrismUserException missing) {
      return variable + " (missing)";
    }
  }
}
