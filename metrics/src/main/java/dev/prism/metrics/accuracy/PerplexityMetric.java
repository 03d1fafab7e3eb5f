package dev.prism.metrics.accuracy;

import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.InstancesMetric;
import dev.prism.metrics.InstancesResult;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.ScoredInstance;
import dev.prism.metrics.efficiency.EfficiencyMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's {@code compute_perplexity_metrics} ({@code derive_stats}), per (train trial, context),
 * from the sums over every request of the context that {@link LanguageModelingMetric} scores (all
 * windows of all documents for language modelling): with {@code L} = Σ logprob, {@code T} = Σ
 * scored tokens, {@code B} = Σ their bytes ({@code get_num_bytes}),
 *
 * <ul>
 *   <li>{@code perplexity} = e^(−L / T), when T > 0;
 *   <li>{@code bits_per_byte} = −L / B / ln 2 and {@code logprob_per_byte} = L / B, when B > 0.
 * </ul>
 *
 * Like HELM, a model that returns no log-probabilities (all 0) gets perplexity 1. Skipped, with the
 * reason, when the context has no such request (separate multiple choice, or every request failed).
 * Stateless and thread-safe.
 */
public final class PerplexityMetric implements InstancesMetric, NamedStats {
  /** Called by {@link java.util.ServiceLoader}. */
  public PerplexityMetric() {}

  @Override
  public String id() {
    return "perplexity_metrics";
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<String> statNames() {
    return List.of("perplexity", "bits_per_byte", "logprob_per_byte");
  }

  /** Reads the outcomes only. */
  @Override
  public boolean usesStat(String name) {
    return false;
  }

  @Override
  public InstancesResult evaluateInstances(List<ScoredInstance> instances) {
    double logprob = 0;
    long tokens = 0;
    long bytes = 0;
    boolean any = false;
    for (ScoredInstance instance : instances) {
      for (RequestOutcome outcome : instance.outcomes()) {
        List<Token> predicted = PredictedTokens.of(outcome);
        if (predicted == null) {
          continue;
        }
        any = true;
        logprob += PredictedTokens.logprob(predicted);
        tokens += predicted.size();
        bytes += EfficiencyMetric.numBytes(predicted.stream().map(Token::text).toList());
      }
    }
    if (!any) {
      return InstancesResult.skipped(
          "no successful generation or language-modelling request to take log-probabilities from");
    }
    List<Stat> stats = new ArrayList<>();
    if (tokens > 0) {
      stats.add(Stat.of("perplexity", Math.exp(-logprob / tokens)));
    }
    if (bytes > 0) {
      stats.add(Stat.of("bits_per_byte", -logprob / bytes / Math.log(2)));
      stats.add(Stat.of("logprob_per_byte", logprob / bytes));
    }
    return InstancesResult.of(stats);
  }
}
