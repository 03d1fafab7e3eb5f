package dev.prism.core;

import java.util.List;

/**
 * Scores one request outcome; aggregation over instances and trials is done by the metrics module,
 * not by implementations. Discovered with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.prism.core.Metric}); the constructor must be public, cheap and do no I/O.
 * Implementations must be stateless and thread-safe.
 *
 * <pre>{@code
 * public final class Length implements Metric {
 *   public String id() { return "output_length"; }
 *   public String family() { return "efficiency"; }
 *   public List<Stat> evaluate(RequestOutcome o) {
 *     return List.of(Stat.of("output_length", o.result().completions().get(0).text().length()));
 *   }
 * }
 * }</pre>
 */
public interface Metric {
  /** The metric's name as HELM names it, e.g. {@code exact_match}. */
  String id();

  /** Family: accuracy, calibration, robustness, fairness, bias, toxicity or efficiency. */
  String family();

  /**
   * Per-instance stats for one outcome, keyed by name only (the caller adds split, sub-split and
   * perturbation). Returns an empty list when the metric does not apply.
   */
  List<Stat> evaluate(RequestOutcome outcome);
}
