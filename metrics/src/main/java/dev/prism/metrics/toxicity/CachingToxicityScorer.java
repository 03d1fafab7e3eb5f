package dev.prism.metrics.toxicity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.ErrorKind;
import dev.prism.metrics.ScoreCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ToxicityScorer} that sends each text to the scorer it wraps at most once: a text's score
 * is remembered in memory for the life of the instance and, when the wrapped scorer has a {@link
 * ToxicityScorer#cacheKey()}, kept in a {@link ScoreCache} as well, so that later runs find it
 * there. Unseen texts go to the scorer in batches of its {@link ToxicityScorer#batchSize()}; each
 * batch's scores are stored as soon as it succeeds, a failed batch stores nothing. It also checks
 * that the wrapped scorer returned one score in [0, 1] per text.
 *
 * <p>Thread-safe (two threads may both score the same new text; both get the same score from a
 * deterministic scorer). The memory grows with the distinct texts scored; {@link ToxicityMetric}
 * keeps one instance per metric instance, i.e. per run.
 */
public final class CachingToxicityScorer implements ToxicityScorer {
  private final ToxicityScorer delegate;
  private final ScoreCache store;

  /** {@code null} when the delegate's scores are kept in memory only. */
  private final String storeKey;

  private final Map<String, Double> memory = new ConcurrentHashMap<>();
  private final AtomicInteger repeats = new AtomicInteger();
  private final AtomicInteger fromStore = new AtomicInteger();
  private final AtomicInteger scored = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  /** Caches the scores of {@code delegate} in memory only. */
  public CachingToxicityScorer(ToxicityScorer delegate) {
    this(delegate, ScoreCache.inMemory());
  }

  /**
   * Caches the scores of {@code delegate} in memory and, when it has a {@link #cacheKey()}, in
   * {@code store}.
   */
  public CachingToxicityScorer(ToxicityScorer delegate, ScoreCache store) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.store = Objects.requireNonNull(store, "store");
    this.storeKey = delegate.cacheKey().map(k -> storeKey(delegate.name(), k)).orElse(null);
  }

  /**
   * The key scores are stored under: the scorer's name, readable in the database, and a digest of
   * its settings, which keeps the key short and any secret in a URL out of the database.
   */
  static String storeKey(String name, String settings) {
    String digest = ScoreCache.sha256(settings);
    int room = ScoreCache.MAX_KEY_LENGTH - digest.length() - 1;
    return (name.length() > room ? name.substring(0, room) : name) + "#" + digest;
  }

  /** {@code scorer} itself if it already caches, else a caching wrapper. */
  static CachingToxicityScorer of(ToxicityScorer scorer) {
    return scorer instanceof CachingToxicityScorer c ? c : new CachingToxicityScorer(scorer);
  }

  /** A new instance over the same scorer, keeping its scores in {@code cache}; counters at 0. */
  CachingToxicityScorer withStore(ScoreCache cache) {
    return new CachingToxicityScorer(delegate, cache);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<String> unavailableReason() {
    return delegate.unavailableReason();
  }

  @Override
  public Optional<String> cacheKey() {
    return delegate.cacheKey();
  }

  @Override
  public int batchSize() {
    return delegate.batchSize();
  }

  /** The number of texts whose score is remembered in memory. */
  public int size() {
    return memory.size();
  }

  /** Whether scores outlive this instance (the wrapped scorer has a cache key). */
  boolean persistent() {
    return storeKey != null;
  }

  /**
   * How the texts asked for so far were served; each text asked for counts once, under the first
   * that applies.
   *
   * @param repeats texts already remembered, or repeated within one call
   * @param fromStore texts found in the {@link ScoreCache}
   * @param scored texts the wrapped scorer scored
   * @param failed texts the wrapped scorer failed to score (nothing stored for them)
   */
  record Counters(int repeats, int fromStore, int scored, int failed) {
    int texts() {
      return repeats + fromStore + scored + failed;
    }
  }

  Counters counters() {
    return new Counters(repeats.get(), fromStore.get(), scored.get(), failed.get());
  }

  /** The remembered score of {@code text}, or {@code null}. */
  Double remembered(String text) {
    return memory.get(text);
  }

  /**
   * One score per text, in order.
   *
   * @throws ToxicityScoringException at the first batch the wrapped scorer fails (the scores of the
   *     batches before it are kept), or when it returns a wrong number of scores or one outside [0,
   *     1]
   */
  @Override
  public List<Double> score(List<String> texts) {
    Map<String, ToxicityScoringException> failures = fill(texts, false);
    if (!failures.isEmpty()) {
      throw failures.values().iterator().next();
    }
    List<Double> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(memory.get(t));
    }
    return out;
  }

  /**
   * Scores every text that can be scored, going on after failures: a batch that fails for something
   * in its texts ({@link ErrorKind#INVALID_REQUEST}, {@link ErrorKind#FATAL}) is split until the
   * failing texts are alone, a refused key ({@link ErrorKind#AUTH}) stops all further calls. Scores
   * are then {@link #remembered}.
   *
   * @return the failure of each text that could not be scored, in the order met; nothing is stored
   *     or remembered for them
   */
  Map<String, ToxicityScoringException> scoreAll(List<String> texts) {
    return fill(texts, true);
  }

  private Map<String, ToxicityScoringException> fill(List<String> texts, boolean goOn) {
    Set<String> missing = new LinkedHashSet<>();
    for (String t : texts) {
      if (memory.containsKey(t) || !missing.add(t)) {
        repeats.incrementAndGet();
      }
    }
    if (!missing.isEmpty() && storeKey != null) {
      missing.removeAll(lookUp(missing));
    }
    Map<String, ToxicityScoringException> failures = new LinkedHashMap<>();
    List<String> todo = List.copyOf(missing);
    int size = Math.max(1, delegate.batchSize());
    ToxicityScoringException stop = null;
    for (int from = 0; from < todo.size(); from += size) {
      List<String> batch = todo.subList(from, Math.min(todo.size(), from + size));
      if (stop != null) {
        // Nothing is sent for these: they fail with the failure that stopped the calls.
        for (String t : batch) {
          failures.put(t, stop);
        }
        continue;
      }
      scoreBatch(batch, failures, goOn);
      for (String t : batch) {
        ToxicityScoringException e = failures.get(t);
        if (e != null && (!goOn || e.kind() == ErrorKind.AUTH)) {
          stop = e;
        }
      }
    }
    failed.addAndGet(failures.size());
    return failures;
  }

  /** Remembers the stored scores of {@code texts}; returns the texts found. */
  private Set<String> lookUp(Set<String> texts) {
    Map<String, String> textByHash = new LinkedHashMap<>();
    for (String t : texts) {
      textByHash.put(ScoreCache.sha256(t), t);
    }
    Set<String> found = new LinkedHashSet<>();
    store
        .getAll(storeKey, textByHash.keySet())
        .forEach(
            (hash, json) -> {
              String text = textByHash.get(hash);
              Double score = parse(json);
              // An unreadable entry (another version's) is a miss: scored again and replaced.
              if (text != null && score != null) {
                memory.put(text, score);
                found.add(text);
              }
            });
    fromStore.addAndGet(found.size());
    return found;
  }

  private void scoreBatch(
      List<String> batch, Map<String, ToxicityScoringException> failures, boolean isolate) {
    List<Double> scores;
    try {
      scores = checked(batch, delegate.score(List.copyOf(batch)));
    } catch (ToxicityScoringException e) {
      boolean aboutTheTexts = e.kind() == ErrorKind.INVALID_REQUEST || e.kind() == ErrorKind.FATAL;
      if (isolate && aboutTheTexts && batch.size() > 1) {
        int half = batch.size() / 2;
        scoreBatch(batch.subList(0, half), failures, true);
        scoreBatch(batch.subList(half, batch.size()), failures, true);
      } else {
        batch.forEach(t -> failures.put(t, e));
      }
      return;
    }
    Map<String, String> toStore = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      memory.put(batch.get(i), scores.get(i));
      if (storeKey != null) {
        toStore.put(ScoreCache.sha256(batch.get(i)), json(scores.get(i)));
      }
    }
    scored.addAndGet(batch.size());
    if (!toStore.isEmpty()) {
      store.putAll(storeKey, toStore);
    }
  }

  private List<Double> checked(List<String> texts, List<Double> scores) {
    if (scores == null || scores.size() != texts.size()) {
      throw new ToxicityScoringException(
          ErrorKind.FATAL,
          "toxicity scorer '"
              + name()
              + "' returned "
              + (scores == null ? "null" : scores.size() + " scores")
              + " for "
              + texts.size()
              + " texts");
    }
    for (Double s : scores) {
      if (s == null || !(s >= 0.0 && s <= 1.0)) {
        throw new ToxicityScoringException(
            ErrorKind.FATAL,
            "toxicity scorer '" + name() + "' returned score " + s + ", outside [0, 1]");
      }
    }
    return scores;
  }

  /** A stored value: {@code {"toxicity": score}}, room for more attributes later. */
  static String json(double score) {
    return JsonHttp.JSON.createObjectNode().put("toxicity", score).toString();
  }

  /** The score of a stored value, or {@code null} when it has none in [0, 1]. */
  static Double parse(String json) {
    try {
      JsonNode score = JsonHttp.JSON.readTree(json).path("toxicity");
      return score.isNumber() && score.asDouble() >= 0 && score.asDouble() <= 1
          ? score.asDouble()
          : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
