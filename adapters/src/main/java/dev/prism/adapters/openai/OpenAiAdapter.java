package dev.prism.adapters.openai;

import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.adapters.UsesApiKey;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * OpenAI's own API (kind {@code openai}). Options: {@code base_url} (default {@code
 * https://api.openai.com/v1}), {@code api: chat|completions} (default {@code chat}), {@code
 * api_key_env} (default {@code OPENAI_API_KEY}; required), {@code stream}, {@code logprobs}, {@code
 * echo}, {@code max_tokens_field} ({@code max_completion_tokens} for reasoning models) and the
 * timeouts of {@link dev.prism.adapters.http.HttpTransport}.
 */
public final class OpenAiAdapter implements ModelAdapter, DeclaresCapabilities, UsesApiKey {
  /** The variable holding the key unless the deployment names another. */
  public static final String KEY_VARIABLE = "OPENAI_API_KEY";

  /** The default base URL. */
  public static final String BASE_URL = "https://api.openai.com/v1";

  private final UnaryOperator<String> env;

  /** Reads API keys from the process environment. */
  public OpenAiAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public OpenAiAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String defaultKeyVariable() {
    return KEY_VARIABLE;
  }

  @Override
  public String kind() {
    return "openai";
  }

  @Override
  public String description() {
    return "OpenAI API: chat (logprobs, streaming) or legacy completions (echo, logprobs)";
  }

  @Override
  public ModelClient connect(Deployment deployment) {
    return OpenAiFamily.connect(deployment, kind(), BASE_URL, "chat", KEY_VARIABLE, env);
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    return OpenAiConfig.of(deployment, kind(), BASE_URL, "chat").capabilities();
  }
}
