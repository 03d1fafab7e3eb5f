package dev.prism.runner.engine;

import dev.prism.core.Deployment;
import dev.prism.metrics.efficiency.TokenCounter;
import java.util.function.ToIntFunction;

/** Counts prompt tokens for a deployment. */
public final class PromptTokens {
  private PromptTokens() {}

  /**
   * The token counter for {@code deployment}: for now the documented approximation of {@link
   * TokenCounter#APPROXIMATE}, until deployments' tokenizers are wired in.
   */
  public static ToIntFunction<String> forDeployment(Deployment deployment) {
    return TokenCounter.APPROXIMATE::count;
  }
}
