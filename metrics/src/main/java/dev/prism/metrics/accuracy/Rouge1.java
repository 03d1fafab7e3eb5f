package dev.prism.metrics.accuracy;

/** {@code rouge_1}: see {@link TextOverlapFunctions#rouge1}. Scored per request like the others. */
public final class Rouge1 extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public Rouge1() {
    super("rouge_1", TextOverlapFunctions::rouge1);
  }
}
