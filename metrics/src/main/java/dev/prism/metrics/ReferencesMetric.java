package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;

/**
 * A metric that scores all per-reference outcomes of one instance together, HELM's {@code
 * ReferenceMetric.evaluate_references}: separate multiple choice (one echo request per reference,
 * and per reference a calibration request for the calibrated method) and ranking (one request per
 * candidate document, one score per query). {@link StatsAggregator} detects this interface: per
 * instance and train trial it passes the outcomes whose {@link
 * dev.prism.core.RequestState#referenceIndex()} is set, in request order, and keys the returned
 * stats like per-outcome stats, so they are per-instance stats (with robustness and fairness
 * variants, and inputs to calibration).
 *
 * <p>Registered as an ordinary {@link Metric}; its {@link #evaluate} returns nothing. Same
 * lifecycle rules as {@link Metric}.
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
   * The stats of one instance, keyed by name only; empty when it cannot be scored.
   *
   * @param outcomes every per-reference outcome of the instance in one train trial, in request
   *     order; never empty
   */
  List<Stat> evaluateReferences(List<RequestOutcome> outcomes);

  /** Nothing: the work happens in {@link #evaluateReferences}. */
  @Override
  default List<Stat> evaluate(RequestOutcome outcome) {
    return List.of();
  }
}
