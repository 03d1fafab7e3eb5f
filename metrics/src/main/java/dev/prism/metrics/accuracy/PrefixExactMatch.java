package dev.prism.metrics.accuracy;

/**
 * {@code prefix_exact_match}: the stripped prediction starts with the stripped gold. Scored per
 * request as the package documentation describes; see {@link AccuracyFunctions#prefixExactMatch}.
 */
public final class PrefixExactMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public PrefixExactMatch() {
    super("prefix_exact_match", AccuracyFunctions::prefixExactMatch);
  }
}
