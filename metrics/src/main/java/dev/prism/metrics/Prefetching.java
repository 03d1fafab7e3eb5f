package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import java.util.List;

/**
 * Implemented by a per-outcome {@link Metric} that works better seeing all of a run's outcomes
 * first: a toxicity metric looks every text up in its {@link ScoreCache} at once and sends the
 * misses to its scorer in batches, instead of a query and a call per request; {@code code_eval}
 * runs every distinct generated program once, in parallel. {@link StatsAggregator} calls {@link
 * #prefetch} once per aggregation, before any outcome is evaluated, and evaluates every outcome
 * with the metric it returns.
 */
public interface Prefetching {
  /**
   * Does the batched work for {@code outcomes} (every outcome of the run, all trials) and returns
   * the metric to evaluate them with: same id and family, answering from what was fetched. A
   * failure that belongs to single outcomes (a scorer that could not score some texts) must not be
   * thrown but show in those outcomes' stats.
   */
  Metric prefetch(List<RequestOutcome> outcomes);
}
