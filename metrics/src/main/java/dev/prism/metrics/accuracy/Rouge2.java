package dev.prism.metrics.accuracy;

/** {@code rouge_2}: see {@link TextOverlapFunctions#rouge2}. Scored per request like the others. */
public final class Rouge2 extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public Rouge2() {
    super("rouge_2", TextOverlapFunctions::rouge2);
  }
}
