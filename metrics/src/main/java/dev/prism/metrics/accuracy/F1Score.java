package dev.prism.metrics.accuracy;

/**
 * {@code f1_score}: F1 over the sets of normalized tokens. Scored per request as the package
 * documentation describes; see {@link AccuracyFunctions#f1Score}.
 */
public final class F1Score extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public F1Score() {
    super("f1_score", AccuracyFunctions::f1Score);
  }
}
