package dev.prism.metrics.accuracy;

/**
 * {@code quasi_prefix_exact_match}: the normalized prediction starts with the normalized gold.
 * Scored per request as the package documentation describes; see {@link
 * AccuracyFunctions#quasiPrefixExactMatch}.
 */
public final class QuasiPrefixExactMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public QuasiPrefixExactMatch() {
    super("quasi_prefix_exact_match", AccuracyFunctions::quasiPrefixExactMatch);
  }
}
