package dev.prism.metrics.accuracy;

import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.NamedStats;
import java.util.List;

/**
 * HELM's {@code compute_language_modeling_metrics}, per request that is not per-reference: {@code
 * logprob} (Σ log-probability of the {@link PredictedTokens}) and {@code num_perplexity_tokens}
 * (their number). With {@code num_bytes} (from the efficiency stats, counted over the same tokens)
 * these are what {@link PerplexityMetric} divides. For a language-modelling window the tokens are
 * the echoed document tokens it scores; for generation, the generated tokens. Stateless and
 * thread-safe.
 */
public final class LanguageModelingMetric implements dev.prism.core.Metric, NamedStats {
  /** Called by {@link java.util.ServiceLoader}. */
  public LanguageModelingMetric() {}

  @Override
  public String id() {
    return "language_modeling";
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<String> statNames() {
    return List.of("logprob", "num_perplexity_tokens");
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    List<Token> tokens = PredictedTokens.of(outcome);
    if (tokens == null) {
      return List.of();
    }
    return List.of(
        Stat.of("logprob", PredictedTokens.logprob(tokens)),
        Stat.of("num_perplexity_tokens", tokens.size()));
  }
}
