package dev.prism.runner.store;

import dev.prism.metrics.ScoreCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@link ScoreCache} in the database ({@code metric_cache}): what one run's metrics paid for,
 * every later run on the same database (any process) finds. Lookups take {@link #CHUNK} texts per
 * query; each {@link #putAll} is one transaction, an upsert, so workers storing the same score
 * together do not conflict. Shares its store's connection and lock, like {@link WorkQueue}.
 */
public final class MetricCacheStore implements ScoreCache {
  /** Digests per lookup query: far below any driver's limit on parameters. */
  static final int CHUNK = 500;

  private final Connection c;
  private final Object lock;
  private final Dialect dialect;
  private final Clock clock;

  private MetricCacheStore(Connection c, Object lock, Dialect dialect, Clock clock) {
    this.c = c;
    this.lock = lock;
    this.dialect = dialect;
    this.clock = clock;
  }

  /** The score cache of {@code store}'s database, on its connection. */
  public static MetricCacheStore of(RunStore store, Clock clock) {
    return new MetricCacheStore(store.connection(), store, store.dialect(), clock);
  }

  @Override
  public Map<String, String> getAll(String scorerKey, Collection<String> textSha256s) {
    Map<String, String> found = new HashMap<>();
    List<String> hashes = new ArrayList<>(new TreeSet<>(textSha256s));
    synchronized (lock) {
      try {
        for (int from = 0; from < hashes.size(); from += CHUNK) {
          List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT text_sha256, value_json FROM metric_cache WHERE scorer_key = ?"
                      + " AND text_sha256 IN ("
                      + String.join(",", Collections.nCopies(chunk.size(), "?"))
                      + ")")) {
            ps.setString(1, scorerKey);
            for (int i = 0; i < chunk.size(); i++) {
              ps.setString(i + 2, chunk.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
              }
            }
          }
        }
        c.commit();
      } catch (SQLException e) {
        throw failed("read", e);
      }
    }
    return found;
  }

  @Override
  public void putAll(String scorerKey, Map<String, String> valuesByTextSha256) {
    if (valuesByTextSha256.isEmpty()) {
      return;
    }
    synchronized (lock) {
      try (PreparedStatement ps =
          c.prepareStatement(
              dialect.upsert(
                  "metric_cache",
                  List.of("scorer_key", "text_sha256", "value_json", "created_at"),
                  List.of("scorer_key", "text_sha256")))) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Map.Entry<String, String> e : valuesByTextSha256.entrySet()) {
          ps.setString(1, scorerKey);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
          ps.setTimestamp(4, now);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        throw failed("write", e);
      }
    }
  }

  /** Rolls back and says what failed; the scores stay unstored, the run fails like any DB error. */
  private IllegalStateException failed(String what, SQLException e) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
    return new IllegalStateException(
        "cannot " + what + " the metric score cache: " + e.getMessage(), e);
  }
}
