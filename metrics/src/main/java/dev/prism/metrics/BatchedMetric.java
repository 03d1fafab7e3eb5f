package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import java.util.List;

/**
 * A per-outcome {@link Metric} whose work per outcome is slow but independent (running generated
 * code), so it is better done for a whole run at once, in parallel. {@link StatsAggregator} calls
 * {@link #prepare} once per run with every outcome and then asks the returned metric, instead of
 * this one, to {@link Metric#evaluate} each outcome as usual.
 */
public interface BatchedMetric extends Metric {
  /**
   * This metric with its work for {@code outcomes} done: a metric with the same id and family whose
   * {@link Metric#evaluate} gives, for each of these outcomes (the same objects), what this
   * metric's would. Same thread-safety rules as {@link Metric}.
   */
  Metric prepare(List<RequestOutcome> outcomes);
}
