package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Stat;
import dev.prism.metrics.PerInstanceStats;
import dev.prism.metrics.RunStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring writes per-instance stats as they come, and all of it lands at once or not at all. */
class RunScoringTests {
  @TempDir Path dir;

  @Test
  void perInstanceStatsBeyondOneBatchAreInvisibleUntilFinishAndGoneIfAbandoned() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db");
    try (RunStore store = RunStore.open(url, Clock.systemUTC())) {
      long runId = run(store.connection());
      int n = 5000; // more than one batch, so some rows are written before finish
      try (RunScoring scoring = store.beginScoring(runId)) {
        for (int i = 0; i < n; i++) {
          scoring.add(entry(i));
        }
        assertThat(count(store.connection(), "SELECT COUNT(*) FROM per_instance_stat"))
            .as("another connection sees none of an unfinished scoring")
            .isZero();
        // Closed without finish: as a scorer that failed.
      }
      assertThat(count(store.connection(), "SELECT COUNT(*) FROM per_instance_stat")).isZero();
      assertThat(status(store.connection())).isEqualTo("scoring");

      try (RunScoring scoring = store.beginScoring(runId)) {
        for (int i = 0; i < n; i++) {
          scoring.add(entry(i));
        }
        scoring.finish(
            new RunStats(List.of(Stat.of("exact_match", 0.5)), List.of()), List.of(), List.of());
      }
      assertThat(count(store.connection(), "SELECT COUNT(*) FROM per_instance_stat")).isEqualTo(n);
      assertThat(count(store.connection(), "SELECT COUNT(*) FROM stat")).isEqualTo(1);
      assertThat(status(store.connection())).isEqualTo("completed");
    }
  }

  private static PerInstanceStats entry(int i) {
    return new PerInstanceStats("id" + i, null, 0, List.of(Stat.of("exact_match", i % 2)));
  }

  private static long run(Connection c) throws SQLException {
    long runId = StoreRows.suiteAndRun(c, "scoring");
    c.commit();
    return runId;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long n = rs.getLong(1);
      c.commit();
      return n;
    }
  }

  private static String status(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status FROM run WHERE id = 1")) {
      rs.next();
      String status = rs.getString(1);
      c.commit();
      return status;
    }
  }
}
