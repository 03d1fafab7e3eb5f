package dev.prism.metrics;

import java.util.Optional;

/**
 * Implemented by a {@link dev.prism.core.Metric} that may be unable to run at all (a toxicity
 * metric without a scorer). {@link StatsAggregator} asks once per run; a metric that answers with a
 * reason is not evaluated and the reason is listed in {@link RunStats#skipped()}.
 */
public interface Skippable {
  /** Why this metric cannot run now; empty when it can. */
  Optional<String> skipReason();
}
