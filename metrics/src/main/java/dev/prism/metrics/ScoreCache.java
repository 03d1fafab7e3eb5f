package dev.prism.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where metrics keep scores that cost money or time to compute (a remote toxicity classifier's), so
 * that the same text scored the same way is paid for once: within a run and, when the runner backs
 * the cache with its database, across runs and processes.
 *
 * <p>An entry is keyed by a scorer key (the scorer's name and a digest of every setting that
 * changes its scores, never a credential) and the SHA-256 of the text ({@link #sha256}); its value
 * is JSON written and read by the metric. Only successful scores are put; a failed call leaves no
 * entry, so the next run tries again. Implementations must be thread-safe; {@link #inMemory()} is
 * the one for runs without a database ({@code prism score}) and for tests.
 *
 * <pre>{@code
 * ScoreCache cache = ScoreCache.inMemory();
 * cache.putAll("perspective#…", Map.of(ScoreCache.sha256("hello"), "{\"toxicity\":0.1}"));
 * cache.getAll("perspective#…", List.of(ScoreCache.sha256("hello"))); // one entry
 * }</pre>
 */
public interface ScoreCache {
  /** The longest scorer key an implementation must accept. */
  int MAX_KEY_LENGTH = 1000;

  /**
   * The stored values for these text digests under {@code scorerKey}, by digest; digests without an
   * entry are absent. One call serves a whole run's texts: an implementation splits long lists into
   * few queries itself, never one per text.
   */
  Map<String, String> getAll(String scorerKey, Collection<String> textSha256s);

  /** Stores (or replaces) values by text digest under {@code scorerKey}. */
  void putAll(String scorerKey, Map<String, String> valuesByTextSha256);

  /** A new empty cache in this process's memory. */
  static ScoreCache inMemory() {
    return new InMemoryScoreCache();
  }

  /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes: the key of a text. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
