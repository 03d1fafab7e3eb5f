package dev.prism.metrics.accuracy;

/** {@code rouge_l}: see {@link TextOverlapFunctions#rougeL}. Scored per request like the others. */
public final class RougeL extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public RougeL() {
    super("rouge_l", TextOverlapFunctions::rougeL);
  }
}
