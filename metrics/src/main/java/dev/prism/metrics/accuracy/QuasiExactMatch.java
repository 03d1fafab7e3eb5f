package dev.prism.metrics.accuracy;

/**
 * {@code quasi_exact_match}: equal after HELM's {@code normalize_text}. Scored per request as the
 * package documentation describes; see {@link AccuracyFunctions#quasiExactMatch}.
 */
public final class QuasiExactMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public QuasiExactMatch() {
    super("quasi_exact_match", AccuracyFunctions::quasiExactMatch);
  }
}
