package dev.prism.metrics.toxicity;

import dev.prism.core.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ToxicityScorer} that remembers each text's score in memory and sends only unseen texts,
 * each once, to the scorer it wraps; it also checks that the wrapped scorer returned one score in
 * [0, 1] per text. Thread-safe (two threads may both score the same new text; both get the same
 * score from a deterministic scorer). The cache grows with the distinct texts scored; {@link
 * ToxicityMetric} keeps one per metric instance, i.e. per run.
 */
public final class CachingToxicityScorer implements ToxicityScorer {
  private final ToxicityScorer delegate;
  private final Map<String, Double> cache = new ConcurrentHashMap<>();

  /** Caches the scores of {@code delegate}. */
  public CachingToxicityScorer(ToxicityScorer delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@code scorer} itself if it already caches, else a caching wrapper. */
  static CachingToxicityScorer of(ToxicityScorer scorer) {
    return scorer instanceof CachingToxicityScorer c ? c : new CachingToxicityScorer(scorer);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<String> unavailableReason() {
    return delegate.unavailableReason();
  }

  /** The number of texts whose score is remembered. */
  public int size() {
    return cache.size();
  }

  @Override
  public List<Double> score(List<String> texts) {
    List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
    missing.removeIf(cache::containsKey);
    if (!missing.isEmpty()) {
      List<Double> scores = delegate.score(List.copyOf(missing));
      if (scores == null || scores.size() != missing.size()) {
        throw new ToxicityScoringException(
            ErrorKind.FATAL,
            "toxicity scorer '"
                + name()
                + "' returned "
                + (scores == null ? "null" : scores.size() + " scores")
                + " for "
                + missing.size()
                + " texts");
      }
      for (int i = 0; i < missing.size(); i++) {
        Double s = scores.get(i);
        if (s == null || !(s >= 0.0 && s <= 1.0)) {
          throw new ToxicityScoringException(
              ErrorKind.FATAL,
              "toxicity scorer '" + name() + "' returned score " + s + ", outside [0, 1]");
        }
        cache.put(missing.get(i), s);
      }
    }
    List<Double> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(cache.get(t));
    }
    return out;
  }
}
