package dev.prism.metrics.accuracy;

/**
 * {@code exact_match}: the stripped prediction equals the stripped gold. Scored per request as the
 * package documentation describes; see {@link AccuracyFunctions#exactMatch}.
 */
public final class ExactMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public ExactMatch() {
    super("exact_match", AccuracyFunctions::exactMatch);
  }
}
