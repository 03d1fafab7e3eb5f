package dev.prism.metrics;

import dev.prism.core.RequestOutcome;
import java.util.List;

/**
 * Implemented by a per-outcome {@link dev.prism.core.Metric} that can say, per completion, why it
 * scored as it did ({@code code_eval}: passed, failed with which error, timed out). {@link
 * StatsAggregator} collects the notes into {@link PerInstanceStats#annotations()}, which the store
 * keeps beside the instance's stats and the instance browser shows with its completions; HELM keeps
 * such per-request data in a request state's {@code annotations}.
 */
public interface Annotating {
  /**
   * One note per completion of {@code outcome}, in the order of its completions; empty when there
   * is nothing to say (the metric does not apply to the outcome, or did not run). Called after
   * {@link dev.prism.core.Metric#evaluate} on the same (prefetched) metric, so it must not do the
   * work again.
   */
  List<String> annotations(RequestOutcome outcome);
}
