package dev.prism.metrics;

import dev.prism.core.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Implemented by a {@link Metric} whose scores are worth keeping across runs (a remote toxicity
 * classifier's). The runner binds each such metric of a run to its database-backed {@link
 * ScoreCache} before scoring the run ({@link #bindAll}) and afterwards adds each bound metric's
 * {@link #scoreCacheNote()} to the run's notes. An unbound metric keeps its scores in memory for
 * its own life only.
 */
public interface UsesScoreCache {
  /**
   * A new instance of this metric (same id, same scorer) keeping its scores in {@code cache}, with
   * its own counters; cheap, does no I/O.
   */
  Metric withScoreCache(ScoreCache cache);

  /**
   * One line on how this instance's texts were served (scored, from the cache, failed), for the
   * run's notes; empty when there is nothing worth reporting.
   */
  Optional<String> scoreCacheNote();

  /** {@code metrics} with each {@link UsesScoreCache} one bound to {@code cache}, in order. */
  static List<Metric> bindAll(List<Metric> metrics, ScoreCache cache) {
    List<Metric> bound = new ArrayList<>(metrics.size());
    for (Metric m : metrics) {
      bound.add(m instanceof UsesScoreCache u ? u.withScoreCache(cache) : m);
    }
    return bound;
  }

  /** The {@link #scoreCacheNote()}s of {@code metrics}, in order. */
  static List<String> notes(List<Metric> metrics) {
    List<String> notes = new ArrayList<>();
    for (Metric m : metrics) {
      if (m instanceof UsesScoreCache u) {
        u.scoreCacheNote().ifPresent(notes::add);
      }
    }
    return notes;
  }
}
