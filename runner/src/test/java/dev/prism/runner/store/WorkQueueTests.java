package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims, leases and their expiry on the work queue, with a clock the test moves. */
class WorkQueueTests {
  @TempDir Path dir;

  /** A clock the test sets. */
  private static final class TestClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  /** A suite with one run of {@code n} queued requests, stored directly. */
  private static long queueOf(Connection c, int n) throws SQLException {
    StoreRows.suiteAndRun(c, "running");
    try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO request(id, run_id, seq, instance_seq, train_trial_index,"
                    + " deployment, prompt, params_json, output_mapping_json,"
                    + " num_train_instances, prompt_truncated, cache_key)"
                    + " VALUES (?, 1, ?, 0, 0, 'd', 'p', '{}', '{}', 0, FALSE, ?)");
        PreparedStatement work =
            c.prepareStatement(
                "INSERT INTO work_item(request_id, run_id, seq, owner, lease_until, claims)"
                    + " VALUES (?, 1, ?, NULL, 0, 0)")) {
      for (int i = 0; i < n; i++) {
        ps.setLong(1, 100 + i);
        ps.setInt(2, i);
        ps.setString(3, "k" + i);
        ps.executeUpdate();
        work.setLong(1, 100 + i);
        work.setInt(2, i);
        work.executeUpdate();
      }
    }
    c.commit();
    return 1;
  }

  private static RunStore.Outcome outcome(long requestId) {
    return new RunStore.Outcome(
        requestId,
        null,
        "k",
        RequestResult.success(List.of(Completion.ofText("42")), 0.01),
        1,
        false);
  }

  @Test
  void claimsAreExclusiveUntilTheLeaseExpiresAndALostClaimStoresNothing() throws Exception {
    TestClock clock = new TestClock();
    String url = "jdbc:h2:file:" + dir.resolve("q");
    try (RunStore a = RunStore.open(url, clock);
        RunStore b = RunStore.open(url, clock)) {
      long run = queueOf(a.connection(), 5);

      List<WorkQueue.Claim> first = a.queue().claim(run, "A", 3, clock.millis() + 1000);
      assertThat(first).extracting(WorkQueue.Claim::seq).containsExactly(0, 1, 2);
      assertThat(b.queue().claim(run, "B", 10, clock.millis() + 1000))
          .extracting(WorkQueue.Claim::seq)
          .containsExactly(3, 4);
      assertThat(b.queue().claim(run, "B", 10, clock.millis() + 1000)).isEmpty();
      assertThat(a.queue().remaining(run)).containsExactly(0, 5);

      // Both renew; later neither can take the other's claims.
      clock.millis += 900;
      a.queue().renewLeases("A", clock.millis() + 1000);
      b.queue().renewLeases("B", clock.millis() + 1000);
      clock.millis += 900;
      assertThat(b.queue().claim(run, "B", 10, clock.millis() + 1000)).isEmpty();

      assertThat(a.queue().claim(run, "A", 10, clock.millis() + 1000)).isEmpty();
      // A stops renewing (it hangs or died): after expiry B takes A's claims over.
      clock.millis += 1500;
      assertThat(b.queue().claim(run, "B", 10, clock.millis() + 1000))
          .extracting(WorkQueue.Claim::seq)
          .containsExactly(0, 1, 2, 3, 4);
      // A finishing late stores nothing: B holds the requests now.
      assertThat(a.saveOutcomes("A", List.of(outcome(first.get(0).requestId())))).isZero();
      assertThat(
              b.saveOutcomes("B", List.of(outcome(100), outcome(101), outcome(102), outcome(103))))
          .isEqualTo(4);
      assertThat(b.queue().remaining(run)).containsExactly(0, 1);

      // Released claims go back to the queue at once.
      b.queue().release("B", List.of(104L));
      assertThat(a.queue().remaining(run)).containsExactly(1, 0);
      assertThat(a.queue().claimScoring(run, clock.millis() + 1000)).as("work left").isFalse();
      assertThat(a.queue().claim(run, "A", 10, clock.millis() + 1000)).hasSize(1);
      assertThat(a.saveOutcomes("A", List.of(outcome(104)))).isEqualTo(1);
      assertThat(a.queue().remaining(run)).containsExactly(0, 0);

      // Exactly one worker gets to score the run.
      assertThat(a.queue().claimScoring(run, clock.millis() + 1000)).isTrue();
      assertThat(b.queue().claimScoring(run, clock.millis() + 1000)).isFalse();
      assertThat(a.counters(run).stored()).isEqualTo(5);
    }
  }

  @Test
  void deadProcessesOnThisMachineLoseTheirClaimsAtOnce() throws Exception {
    TestClock clock = new TestClock();
    String url = "jdbc:h2:file:" + dir.resolve("q");
    try (RunStore a = RunStore.open(url, clock)) {
      long run = queueOf(a.connection(), 2);
      a.queue().claim(run, "host/1/dead", 1, clock.millis() + 60_000);
      a.queue().claim(run, "host/2/alive", 1, clock.millis() + 60_000);
      assertThat(a.queue().releaseDeadOwners(owner -> owner.endsWith("/dead"))).isEqualTo(1);
      assertThat(a.queue().remaining(run)).containsExactly(1, 1);
    }
  }

  @Test
  void theFirstCacheEntryOfAKeyIsKeptWhenEqualRequestsAreStoredTogetherOrLater() throws Exception {
    TestClock clock = new TestClock();
    try (RunStore a = RunStore.open("jdbc:h2:file:" + dir.resolve("c"), clock)) {
      long run = queueOf(a.connection(), 3);
      a.queue().claim(run, "A", 3, clock.millis() + 60_000);
      // Two equal requests in one batch, a third in a later one: each is stored, one cache entry.
      assertThat(a.saveOutcomes("A", List.of(cacheable(100, "first"), cacheable(101, "second"))))
          .isEqualTo(2);
      assertThat(a.saveOutcomes("A", List.of(cacheable(102, "third")))).isEqualTo(1);
      assertThat(a.cached(List.of(SAME_KEY)).get(SAME_KEY).completions().get(0).text())
          .isEqualTo("first");
      try (var s = a.connection().createStatement();
          var rs = s.executeQuery("SELECT COUNT(*) FROM completion")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }

  /** Cache keys are SHA-256 hex strings (a {@code CHAR(64)} column). */
  private static final String SAME_KEY = "5".repeat(64);

  private static RunStore.Outcome cacheable(long requestId, String text) {
    return new RunStore.Outcome(
        requestId,
        new RequestState(
            Instance.of("i" + requestId, "p", List.of(), Split.TEST),
            0,
            null,
            null,
            new Request("d", "p", 0.0, 1, 1, 10, List.of(), false, null),
            Map.of(),
            0,
            false),
        SAME_KEY,
        RequestResult.success(List.of(Completion.ofText(text)), 0.01),
        1,
        true);
  }

  @Test
  void insertsThatKeepAStoredRowAreWrittenForEachDialect() {
    assertThat(Dialect.H2.insertKeeping("t", List.of("k", "v"), "k"))
        .isEqualTo("INSERT INTO t(k, v) VALUES (?,?)");
    assertThat(Dialect.POSTGRESQL.insertKeeping("t", List.of("k", "v"), "k"))
        .isEqualTo("INSERT INTO t(k, v) VALUES (?,?) ON CONFLICT (k) DO NOTHING");
  }

  @Test
  void aBatchOfKeepingInsertsSkipsTakenKeysButFailsOnOtherErrors() throws Exception {
    try (RunStore a = RunStore.open("jdbc:h2:file:" + dir.resolve("k"), new TestClock())) {
      Connection c = a.connection();
      try (var s = c.createStatement()) {
        s.execute("CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(10) NOT NULL)");
      }
      try (PreparedStatement ps =
          c.prepareStatement(Dialect.H2.insertKeeping("t", List.of("k", "v"), "k"))) {
        for (Object[] row : new Object[][] {{1, "a"}, {2, "b"}, {1, "c"}, {3, "d"}}) {
          ps.setInt(1, (Integer) row[0]);
          ps.setString(2, (String) row[1]);
          ps.addBatch();
        }
        Dialect.H2.executeBatchKeeping(ps);
        ps.setInt(1, 4);
        ps.setString(2, null);
        ps.addBatch();
        assertThatThrownBy(() -> Dialect.H2.executeBatchKeeping(ps))
            .isInstanceOf(java.sql.BatchUpdateException.class);
      }
      try (var s = c.createStatement();
          var rs = s.executeQuery("SELECT LISTAGG(k || v, ',') WITHIN GROUP (ORDER BY k) FROM t")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("1a,2b,3d");
      }
    }
  }

  @Test
  void upsertsAreWrittenForEachDialect() {
    assertThat(Dialect.H2.upsert("t", List.of("k", "v"), List.of("k")))
        .isEqualTo("MERGE INTO t(k, v) KEY(k) VALUES (?,?)");
    assertThat(Dialect.POSTGRESQL.upsert("t", List.of("k", "v"), List.of("k")))
        .isEqualTo("INSERT INTO t(k, v) VALUES (?,?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v");
    assertThat(Dialect.POSTGRESQL.migration("prompt CLOB NOT NULL"))
        .isEqualTo("prompt TEXT NOT NULL");
  }
}
