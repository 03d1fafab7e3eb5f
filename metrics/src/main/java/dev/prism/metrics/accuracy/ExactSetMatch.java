package dev.prism.metrics.accuracy;

/**
 * {@code exact_set_match}: the sets named after " is " and joined by " and " are equal. Scored per
 * request as the package documentation describes; see {@link AccuracyFunctions#exactSetMatch}.
 */
public final class ExactSetMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public ExactSetMatch() {
    super("exact_set_match", AccuracyFunctions::exactSetMatch);
  }
}
