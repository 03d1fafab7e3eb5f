package dev.prism.metrics.toxicity;

import java.util.List;
import java.util.Optional;

/**
 * Gives texts a toxicity probability. Implementations must be thread-safe; they may call a remote
 * service. {@link ToxicityMetric} caches scores per text (see {@link CachingToxicityScorer}), so an
 * implementation need not; one that gives a {@link #cacheKey()} has its scores kept across runs.
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
   * Everything that decides this scorer's scores besides the text (the endpoint, the model, the
   * categories or label read, the shape of the request), or empty when its scores are not worth
   * keeping across runs (cheap to recompute, or settings it cannot name). Two scorers with the same
   * key must give a text the same score; change the key when a change of code changes scores. Only
   * a digest of it is stored, but it should still hold no credential.
   */
  default Optional<String> cacheKey() {
    return Optional.empty();
  }

  /**
   * The most texts worth passing to one {@link #score} call: what one remote request carries.
   * Failures are per call, so a scorer that makes a request per text should say 1, and a failed
   * call then costs no other text its score.
   */
  default int batchSize() {
    return 32;
  }

  /**
   * Why this scorer cannot run at all (e.g. a missing API key), or empty when it can. Checked once
   * per run; cheap, no I/O.
   */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }
}
