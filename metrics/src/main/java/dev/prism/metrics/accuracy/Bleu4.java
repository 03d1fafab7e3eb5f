package dev.prism.metrics.accuracy;

/** {@code bleu_4}: see {@link TextOverlapFunctions#bleu4}. Scored per request like the others. */
public final class Bleu4 extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public Bleu4() {
    super("bleu_4", TextOverlapFunctions::bleu4);
  }
}
