package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;

/**
 * A metric that scores one instance from all of its requests at once, HELM's {@code
 * ReferenceMetric} (e.g. ranking: one request per candidate document, one score per query). {@link
 * StatsAggregator} detects this interface and calls {@link #evaluateReferences} once per instance
 * and train trial; the stats it returns are per-instance stats like any other (so they get
 * robustness and fairness worst-case variants). Same lifecycle rules as {@link Metric}.
 *
 * <pre>{@code
 * public final class NumRequests implements ReferencesMetric {
 *   public String id() { return "num_requests"; }
 *   public String family() { return "efficiency"; }
 *   public List<Stat> evaluateReferences(List<RequestOutcome> outcomes) {
 *     return List.of(Stat.of("num_requests", outcomes.size()));
 *   }
 * }
 * }</pre>
 */
public interface ReferencesMetric extends Metric {
  /**
   * The stats of one instance, keyed by name only.
   *
   * @param outcomes every outcome of the instance in one train trial, in the order given to the
   *     aggregator; never empty
   */
  List<Stat> evaluateReferences(List<RequestOutcome> outcomes);

  /** Nothing: the work happens in {@link #evaluateReferences}. */
  @Override
  default List<Stat> evaluate(RequestOutcome outcome) {
    return List.of();
  }
}
