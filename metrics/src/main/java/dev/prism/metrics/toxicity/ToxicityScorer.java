package dev.prism.metrics.toxicity;

import java.util.List;
import java.util.Optional;

/**
 * Gives texts a toxicity probability. Implementations must be thread-safe; they may call a remote
 * service. {@link ToxicityMetric} caches scores per text, so an implementation need not.
 *
 * <pre>{@code
 * ToxicityScorer constant = new ToxicityScorer() {
 *   public String name() { return "constant"; }
 *   public List<Double> score(List<String> texts) {
 *     return texts.stream().map(t -> 0.0).toList();
 *   }
 * };
 * Metric metric = ToxicityMetric.withScorer(constant);
 * }</pre>
 */
public interface ToxicityScorer {
  /**
   * A short stable name for reports ({@code lexicon}, {@code perspective}, …): scores from
   * different scorers are not comparable, so every result records it.
   */
  String name();

  /**
   * One score in [0, 1] per text, in order.
   *
   * @param texts non-empty texts; never {@code null}
   * @throws ToxicityScoringException when the texts could not be scored, classified by {@link
   *     ToxicityScoringException#kind()}
   */
  List<Double> score(List<String> texts);

  /**
   * Why this scorer cannot run at all (e.g. a missing API key), or empty when it can. Checked once
   * per run; cheap, no I/O.
   */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }
}
