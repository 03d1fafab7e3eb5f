package dev.prism.metrics.accuracy;

/**
 * {@code final_number_exact_match}: exact match on the last number in each text. Scored per request
 * as the package documentation describes; see {@link AccuracyFunctions#finalNumberExactMatch}.
 */
public final class FinalNumberExactMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public FinalNumberExactMatch() {
    super("final_number_exact_match", AccuracyFunctions::finalNumberExactMatch);
  }
}
