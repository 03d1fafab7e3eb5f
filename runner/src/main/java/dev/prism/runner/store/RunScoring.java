package dev.prism.runner.store;

import dev.prism.core.Stat;
import dev.prism.metrics.PerInstanceStats;
import dev.prism.metrics.RunStats;
import dev.prism.runner.engine.FamilyCoverage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The stats of one run as they are computed: per-instance stats {@link #add arrive} one at a time
 * and are written in batches, then {@link #finish} writes the run's stats, families and notes and
 * marks it completed. All of it is one transaction, on a connection of its own, so readers and a
 * crash see the old stats or the new ones, never half; and the per-instance stats of a large run
 * are never all in memory.
 */
public final class RunScoring implements AutoCloseable {
  private static final int BATCH_ROWS = 4096;

  private final Connection c;
  private final long runId;
  private final RunStore.RunCounters counters;
  private final Timestamp finishedAt;
  private final PreparedStatement insertPerInstance;
  private final List<PerInstanceStats> pending = new ArrayList<>();
  private boolean finished;

  /**
   * @param c a connection for this scoring alone; closed with it
   */
  RunScoring(Connection c, long runId, RunStore.RunCounters counters, Timestamp finishedAt)
      throws SQLException {
    this.c = c;
    this.runId = runId;
    this.counters = counters;
    this.finishedAt = finishedAt;
    c.setAutoCommit(false);
    for (String table : List.of("stat", "per_instance_stat", "run_family", "run_note")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
        ps.setLong(1, runId);
        ps.executeUpdate();
      }
    }
    insertPerInstance =
        c.prepareStatement(
            "INSERT INTO per_instance_stat(run_id, instance_id, perturbation,"
                + " train_trial_index, stats_json, annotations_json) VALUES (?,?,?,?,?,?)");
  }

  /**
   * Takes one instance's stats; written with the next batch.
   *
   * @throws IllegalStateException wrapping the {@link SQLException} of a failed batch (so this can
   *     be a {@link java.util.function.Consumer})
   */
  public void add(PerInstanceStats stats) {
    pending.add(stats);
    if (pending.size() >= BATCH_ROWS) {
      try {
        flush();
      } catch (SQLException e) {
        throw new IllegalStateException("could not store per-instance stats: " + e.getMessage(), e);
      }
    }
  }

  private void flush() throws SQLException {
    // One JSON document per instance, written on all cores.
    List<String> json = pending.parallelStream().map(p -> Json.compactStats(p.stats())).toList();
    for (int k = 0; k < pending.size(); k++) {
      PerInstanceStats p = pending.get(k);
      insertPerInstance.setLong(1, runId);
      insertPerInstance.setString(2, p.instanceId());
      insertPerInstance.setString(3, p.perturbation() == null ? null : p.perturbation().name());
      insertPerInstance.setInt(4, p.trainTrialIndex());
      insertPerInstance.setString(5, json.get(k));
      insertPerInstance.setString(
          6, p.annotations().isEmpty() ? null : Json.write(p.annotations()));
      insertPerInstance.addBatch();
    }
    insertPerInstance.executeBatch();
    pending.clear();
  }

  /**
   * Writes the run's stats (and any per-instance stats they carry), families and notes, marks the
   * run completed and commits.
   *
   * @return the run's counters, counted from its stored completions
   */
  public RunStore.RunCounters finish(
      RunStats stats, List<FamilyCoverage.Family> families, List<String> notes)
      throws SQLException {
    stats.perInstance().forEach(this::add);
    flush();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO stat(run_id, name, split, sub_split, perturbation_json, count, sum,"
                + " sum_squared, min_value, max_value, mean, variance, stddev)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (Stat s : stats.stats()) {
        ps.setLong(1, runId);
        ps.setString(2, s.key().name());
        ps.setString(3, s.key().split());
        ps.setString(4, s.key().subSplit());
        ps.setString(
            5,
            s.key().perturbation() == null
                ? null
                : Json.perturbation(s.key().perturbation()).toString());
        ps.setLong(6, s.count());
        ps.setDouble(7, s.sum());
        ps.setDouble(8, s.sumSquared());
        RunStore.setDouble(ps, 9, s.min());
        RunStore.setDouble(ps, 10, s.max());
        RunStore.setDouble(ps, 11, s.mean());
        RunStore.setDouble(ps, 12, s.variance());
        RunStore.setDouble(ps, 13, s.stddev());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO run_note(run_id, seq, note) VALUES (?,?,?)")) {
      for (int i = 0; i < notes.size(); i++) {
        ps.setLong(1, runId);
        ps.setInt(2, i);
        ps.setString(3, notes.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_family(run_id, family, computed, reason) VALUES (?,?,?,?)")) {
      for (FamilyCoverage.Family f : families) {
        ps.setLong(1, runId);
        ps.setString(2, f.family());
        ps.setBoolean(3, f.computed());
        ps.setString(4, f.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run SET status = ?, finished_at = ?, model_calls = ?, cache_hits = ?,"
                + " failures = ? WHERE id = ?")) {
      ps.setString(1, counters.failures() == 0 ? "completed" : "completed_with_errors");
      ps.setTimestamp(2, finishedAt);
      ps.setInt(3, counters.modelCalls());
      ps.setInt(4, counters.cacheHits());
      ps.setInt(5, counters.failures());
      ps.setLong(6, runId);
      ps.executeUpdate();
    }
    c.commit();
    finished = true;
    return counters;
  }

  /** Rolls back whatever was written unless {@link #finish} committed it. */
  @Override
  public void close() throws SQLException {
    try {
      insertPerInstance.close();
      if (!finished) {
        c.rollback();
      }
    } finally {
      c.close();
    }
  }
}
