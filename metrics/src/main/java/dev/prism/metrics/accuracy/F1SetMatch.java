package dev.prism.metrics.accuracy;

/**
 * {@code f1_set_match}: F1 of the sets named after " is ". Scored per request as the package
 * documentation describes; see {@link AccuracyFunctions#f1SetMatch}.
 */
public final class F1SetMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public F1SetMatch() {
    super("f1_set_match", AccuracyFunctions::f1SetMatch);
  }
}
