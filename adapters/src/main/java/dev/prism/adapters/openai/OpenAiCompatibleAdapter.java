package dev.prism.adapters.openai;

import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Any server with an OpenAI-style API (kind {@code openai-compatible}): vLLM, SGLang, TGI's OpenAI
 * route, llama.cpp server, LM Studio. Options: {@code base_url} (required, e.g. {@code
 * http://localhost:8000/v1}), {@code api: completions|chat} (default {@code completions}, as HELM's
 * vLLM client: it alone can echo prompt log-probabilities), {@code api_key_env} (optional; no
 * {@code Authorization} header without it), {@code stream}, {@code logprobs}, {@code echo}, {@code
 * max_tokens_field} and the timeouts of {@link dev.prism.adapters.http.HttpTransport}.
 */
public final class OpenAiCompatibleAdapter implements ModelAdapter, DeclaresCapabilities {
  private final UnaryOperator<String> env;

  /** Reads API keys from the process environment. */
  public OpenAiCompatibleAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public OpenAiCompatibleAdapter(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public String kind() {
    return "openai-compatible";
  }

  @Override
  public String description() {
    return "OpenAI-style servers (vLLM, SGLang, TGI, llama.cpp, LM Studio); option base_url";
  }

  @Override
  public ModelClient connect(Deployment deployment) {
    return OpenAiFamily.connect(deployment, kind(), null, "completions", null, env);
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    return OpenAiConfig.of(deployment, kind(), null, "completions").capabilities();
  }
}
