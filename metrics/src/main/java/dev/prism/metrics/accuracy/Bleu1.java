package dev.prism.metrics.accuracy;

/** {@code bleu_1}: see {@link TextOverlapFunctions#bleu1}. Scored per request like the others. */
public final class Bleu1 extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public Bleu1() {
    super("bleu_1", TextOverlapFunctions::bleu1);
  }
}
