package dev.prism.runner.store;

import dev.prism.core.Instance;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.metrics.PerInstanceStats;
import dev.prism.metrics.RunStats;
import dev.prism.runner.engine.FamilyCoverage;
import dev.prism.runner.engine.PreparedRun;
import dev.prism.scenarios.io.InstanceJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes runs, instances, requests, completions, the request cache and stats. One connection, used
 * by one thread at a time (methods are synchronized); every write commits before returning, so a
 * crash loses at most the calls in flight.
 */
public final class RunStore implements AutoCloseable {
  /** Version written with each run. */
  public static final String PRISM_VERSION = "0.1.0";

  private final Connection c;
  private final Clock clock;

  public RunStore(Connection connection, Clock clock) throws SQLException {
    this.c = connection;
    this.clock = clock;
    c.setAutoCommit(false);
  }

  /** The underlying connection, for read-only queries by loaders. */
  public Connection connection() {
    return c;
  }

  /** The id of the suite with this name, created if absent. */
  public synchronized long suite(String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM suite WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO suite(name, created_at) VALUES (?, ?)", new String[] {"ID"})) {
      ps.setString(1, name);
      ps.setTimestamp(2, now());
      ps.executeUpdate();
      long id = generatedId(ps);
      c.commit();
      return id;
    }
  }

  /**
   * Starts (or restarts) a run: the row for this suite and spec hash is created or marked running,
   * and its instances and requests are stored once.
   *
   * @return the run id and the request ids in request order
   */
  public synchronized StoredRun beginRun(long suiteId, PreparedRun run) throws SQLException {
    long runId;
    boolean existing;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM run WHERE suite_id = ? AND spec_hash = ?")) {
      ps.setLong(1, suiteId);
      ps.setString(2, run.spec().hash());
      try (ResultSet rs = ps.executeQuery()) {
        existing = rs.next();
        runId = existing ? rs.getLong(1) : -1;
      }
    }
    try {
      if (existing) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE run SET status = 'running', started_at = ?, finished_at = NULL,"
                    + " model_calls = 0, cache_hits = 0, failures = 0 WHERE id = ?")) {
          ps.setTimestamp(1, now());
          ps.setLong(2, runId);
          ps.executeUpdate();
        }
      } else {
        runId = insertRun(suiteId, run);
        insertInstancesAndRequests(runId, run);
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
    return new StoredRun(runId, requestIds(runId, run.requests().size()));
  }

  private long insertRun(long suiteId, PreparedRun run) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run(suite_id, name, spec_json, spec_hash, scenario_id,"
                + " scenario_description, deployment, prompt_method, main_metric, status,"
                + " started_at, prism_version) VALUES (?,?,?,?,?,?,?,?,?,'running',?,?)",
            new String[] {"ID"})) {
      ps.setLong(1, suiteId);
      ps.setString(2, run.spec().name());
      ps.setString(3, run.spec().canonicalJson());
      ps.setString(4, run.spec().hash());
      ps.setString(5, run.scenario().id());
      ps.setString(6, run.scenario().description());
      ps.setString(7, run.deployment().name());
      ps.setString(8, run.spec().promptFormat().method().helmName());
      ps.setString(9, run.scenario().mainMetric());
      ps.setTimestamp(10, now());
      ps.setString(11, PRISM_VERSION);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  private void insertInstancesAndRequests(long runId, PreparedRun run) throws SQLException {
    Map<Instance, Integer> seqOf = new IdentityHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO instance(run_id, seq, instance_id, split, sub_split, perturbation,"
                + " instance_json) VALUES (?,?,?,?,?,?,?)")) {
      int seq = 0;
      for (Instance i : run.instances()) {
        seqOf.put(i, seq);
        bindInstance(ps, runId, seq++, i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO request(run_id, seq, instance_seq, train_trial_index, reference_index,"
                + " request_mode, deployment, prompt, params_json, output_mapping_json,"
                + " num_train_instances, prompt_truncated, cache_key, num_prompt_tokens, tokenizer)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int seq = 0;
      for (RequestState s : run.requests()) {
        Integer instanceSeq = seqOf.get(s.instance());
        if (instanceSeq == null) {
          // Perturbed or re-created instance objects: store a copy so the request can point at it.
          instanceSeq = appendInstance(runId, seqOf, s.instance());
        }
        ps.setLong(1, runId);
        ps.setInt(2, seq++);
        ps.setInt(3, instanceSeq);
        ps.setInt(4, s.trainTrialIndex());
        setInteger(ps, 5, s.referenceIndex());
        ps.setString(6, s.requestMode());
        ps.setString(7, s.request().deployment());
        ps.setString(8, s.request().prompt());
        ps.setString(9, Json.params(s.request()));
        ps.setString(10, Json.write(new java.util.TreeMap<>(s.outputMapping())));
        ps.setInt(11, s.numTrainInstances());
        ps.setBoolean(12, s.promptTruncated());
        ps.setString(13, Json.sha256(Json.request(s.request())));
        ps.setInt(14, run.tokenizer().count(s.request().prompt()));
        ps.setString(15, run.tokenizer().name());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private int appendInstance(long runId, Map<Instance, Integer> seqOf, Instance i)
      throws SQLException {
    int seq = seqOf.size();
    seqOf.put(i, seq);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO instance(run_id, seq, instance_id, split, sub_split, perturbation,"
                + " instance_json) VALUES (?,?,?,?,?,?,?)")) {
      bindInstance(ps, runId, seq, i);
      ps.executeUpdate();
    }
    return seq;
  }

  private static void bindInstance(PreparedStatement ps, long runId, int seq, Instance i)
      throws SQLException {
    ps.setLong(1, runId);
    ps.setInt(2, seq);
    ps.setString(3, i.id());
    ps.setString(4, i.split().helmName());
    ps.setString(5, i.subSplit());
    ps.setString(6, i.perturbation() == null ? null : i.perturbation().name());
    ps.setString(7, InstanceJson.toJson(i).toString());
  }

  private List<Long> requestIds(long runId, int expected) throws SQLException {
    List<Long> ids = new ArrayList<>(expected);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM request WHERE run_id = ? ORDER BY seq")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.size() != expected) {
      throw new IllegalStateException(
          "run " + runId + " has " + ids.size() + " stored requests, expected " + expected);
    }
    return ids;
  }

  /**
   * Cached successful results for the requests of a run, by request position, marked as cached. One
   * query per run, so resuming a large run does not pay one lookup per request.
   */
  public synchronized Map<Integer, RequestResult> cachedResults(long runId) throws SQLException {
    Map<Integer, RequestResult> hits = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.seq, k.completions_json, k.request_time FROM request q"
                + " JOIN request_cache k ON k.cache_key = q.cache_key WHERE q.run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hits.put(
              rs.getInt(1),
              RequestResult.success(Json.parseCompletions(rs.getString(2)), rs.getDouble(3))
                  .asCached());
        }
      }
    } finally {
      c.commit();
    }
    return hits;
  }

  /** One finished request, ready to be stored. */
  public record Outcome(
      long requestId, RequestState state, RequestResult result, int attempts, boolean cacheable) {}

  /**
   * Stores finished requests (replacing earlier outcomes of the same requests) and, for fresh
   * successful results of cacheable clients, their cache entries; one transaction for the batch.
   */
  public synchronized void saveOutcomes(List<Outcome> outcomes) throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    try {
      Timestamp now = now();
      try (PreparedStatement ps =
          c.prepareStatement(
              "MERGE INTO completion(request_id, success, text, finish_reason, completions_json,"
                  + " request_time, cached, error_kind, error_message, attempts, completed_at)"
                  + " KEY(request_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        for (Outcome o : outcomes) {
          RequestResult result = o.result();
          boolean empty = result.completions().isEmpty();
          ps.setLong(1, o.requestId());
          ps.setBoolean(2, result.success());
          ps.setString(3, empty ? null : result.completions().get(0).text());
          ps.setString(4, empty ? null : result.completions().get(0).finishReason());
          ps.setString(5, Json.completions(result.completions()));
          ps.setDouble(6, result.requestTimeSeconds());
          ps.setBoolean(7, result.cached());
          ps.setString(8, result.errorKind() == null ? null : result.errorKind().name());
          ps.setString(9, truncate(result.errorMessage(), 10_000));
          ps.setInt(10, o.attempts());
          ps.setTimestamp(11, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "MERGE INTO request_cache(cache_key, deployment, params_json, completions_json,"
                  + " request_time, created_at) KEY(cache_key) VALUES (?,?,?,?,?,?)")) {
        boolean any = false;
        for (Outcome o : outcomes) {
          RequestResult result = o.result();
          if (result.success() && !result.cached() && o.cacheable()) {
            ps.setString(1, Json.sha256(Json.request(o.state().request())));
            ps.setString(2, o.state().request().deployment());
            ps.setString(3, Json.params(o.state().request()));
            ps.setString(4, Json.completions(result.completions()));
            ps.setDouble(5, result.requestTimeSeconds());
            ps.setTimestamp(6, now);
            ps.addBatch();
            any = true;
          }
        }
        if (any) {
          ps.executeBatch();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Replaces the run's stats and marks it completed with its counters. */
  public synchronized void finishRun(
      long runId,
      RunStats stats,
      List<FamilyCoverage.Family> families,
      List<String> notes,
      RunCounters counters)
      throws SQLException {
    try {
      for (String table : List.of("stat", "per_instance_stat", "run_family", "run_note")) {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
          ps.setLong(1, runId);
          ps.executeUpdate();
        }
      }
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
          setDouble(ps, 9, s.min());
          setDouble(ps, 10, s.max());
          setDouble(ps, 11, s.mean());
          setDouble(ps, 12, s.variance());
          setDouble(ps, 13, s.stddev());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO per_instance_stat(run_id, instance_id, perturbation,"
                  + " train_trial_index, stats_json) VALUES (?,?,?,?,?)")) {
        for (PerInstanceStats p : stats.perInstance()) {
          ps.setLong(1, runId);
          ps.setString(2, p.instanceId());
          ps.setString(3, p.perturbation() == null ? null : p.perturbation().name());
          ps.setInt(4, p.trainTrialIndex());
          ps.setString(5, Json.compactStats(p.stats()));
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
        ps.setTimestamp(2, now());
        ps.setInt(3, counters.modelCalls());
        ps.setInt(4, counters.cacheHits());
        ps.setInt(5, counters.failures());
        ps.setLong(6, runId);
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Marks a run as interrupted, keeping every stored outcome for the next run to reuse. */
  public synchronized void markInterrupted(long runId, RunCounters counters) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run SET status = 'interrupted', finished_at = ?, model_calls = ?,"
                + " cache_hits = ?, failures = ? WHERE id = ?")) {
      ps.setTimestamp(1, now());
      ps.setInt(2, counters.modelCalls());
      ps.setInt(3, counters.cacheHits());
      ps.setInt(4, counters.failures());
      ps.setLong(5, runId);
      ps.executeUpdate();
      c.commit();
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    c.close();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static long generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated id");
      }
      return keys.getLong(1);
    }
  }

  private static void setInteger(PreparedStatement ps, int index, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, v);
    }
  }

  private static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, v);
    }
  }

  /** A stored run: its id and its requests' ids in request order. */
  public record StoredRun(long runId, List<Long> requestIds) {
    public StoredRun {
      requestIds = List.copyOf(requestIds);
    }
  }

  /** How a run's requests were served. */
  public record RunCounters(int modelCalls, int cacheHits, int failures) {}
}
