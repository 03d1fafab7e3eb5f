package dev.prism.runner.store;

import dev.prism.adapters.tokenizer.Tokenizer;
import dev.prism.core.AheadInOrder;
import dev.prism.core.Instance;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes runs, instances, requests, completions, the request cache and stats. One connection, used
 * by one thread at a time (methods are synchronized); every write commits before returning, so a
 * crash loses at most the calls in flight. A run's stats are written through a {@link RunScoring}
 * on a connection of its own, committed once at its end.
 */
public final class RunStore implements AutoCloseable {
  /** Version written with each run. */
  public static final String PRISM_VERSION = "0.1.0";

  private final Connection c;
  private final Clock clock;

  /** Where to open the scoring connection. */
  private final String jdbcUrl;

  private final Dialect dialect;
  private final WorkQueue queue;

  private RunStore(Connection connection, String jdbcUrl, Clock clock) throws SQLException {
    this.c = connection;
    this.jdbcUrl = jdbcUrl;
    this.clock = clock;
    this.dialect = Dialect.of(connection);
    this.queue = new WorkQueue(connection, this, clock, dialect);
    c.setAutoCommit(false);
  }

  /** Opens the database at this JDBC URL (see {@link Database#open}) as a store. */
  public static RunStore open(String jdbcUrl, Clock clock) throws SQLException {
    Connection connection = Database.open(jdbcUrl);
    try {
      return new RunStore(connection, jdbcUrl, clock);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Another store on a connection of its own to the same database, so that one thread's writes do
   * not wait for another's statements on this one. The caller closes it.
   */
  public RunStore another() throws SQLException {
    return open(jdbcUrl, clock);
  }

  /** The work queue of this store's database (same connection, same lock). */
  public WorkQueue queue() {
    return queue;
  }

  /** The SQL dialect of the store's database. */
  public Dialect dialect() {
    return dialect;
  }

  /** The underlying connection, for read-only queries by loaders. */
  public Connection connection() {
    return c;
  }

  /** The id of the suite with this name, created if absent. */
  public synchronized long suite(String name) throws SQLException {
    Long existing = suiteId(name);
    if (existing != null) {
      return existing;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO suite(name, created_at) VALUES (?, ?)", dialect.generatedId())) {
      ps.setString(1, name);
      ps.setTimestamp(2, now());
      ps.executeUpdate();
      long id = generatedId(ps);
      c.commit();
      return id;
    } catch (SQLException e) {
      // Another process created it first.
      c.rollback();
      Long raced = suiteId(name);
      if (raced == null) {
        throw e;
      }
      return raced;
    }
  }

  private Long suiteId(String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM suite WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } finally {
      c.commit();
    }
  }

  /**
   * How a run is (re)started.
   *
   * @param cacheable whether the deployment's results may be served from the request cache
   * @param retryErrors whether requests that ended in error are made again
   */
  public record StartOptions(boolean cacheable, boolean retryErrors) {}

  /**
   * Starts (or joins) a run and puts every request that still needs a model call in the work queue.
   * A new run's instances and requests are stored once; requests found in the request cache are
   * stored as cached completions right away. Re-running a completed run serves it from the stored
   * completions (marked cached, no work queued) unless errors are to be retried or the deployment's
   * results are not cacheable.
   *
   * @return the run id, the request ids in request order, and how many requests were queued
   */
  public synchronized StoredRun beginRun(long suiteId, PreparedRun run, StartOptions options)
      throws SQLException {
    try {
      Long found = runId(suiteId, run.spec().hash());
      if (found == null) {
        try {
          return storeNewRun(suiteId, run, options.cacheable());
        } catch (SQLException e) {
          // Another process stored the same run first: join it.
          c.rollback();
          found = runId(suiteId, run.spec().hash());
          if (found == null) {
            throw e;
          }
        }
      }
      long runId = found;
      recordPlan(runId, run.planJson());
      List<Long> ids = requestIds(runId, run.requests().size());
      String status = status(runId);
      boolean completed = status.startsWith("completed");
      if (options.retryErrors()) {
        deleteCompletions(runId, "NOT c.success");
      }
      if (completed && !options.cacheable()) {
        deleteCompletions(runId, "TRUE");
      }
      enqueueMissing(runId);
      int queued = queued(runId);
      if (queued > 0) {
        setStatus(runId, "running");
      } else if (completed) {
        // Nothing to do: the stored completions serve this run again, and say so.
        markServedFromStore(runId);
      }
      c.commit();
      return new StoredRun(runId, ids, queued);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * Stores a new run in one transaction: the run, its instances and requests, a cached completion
   * for each request the request cache holds, and a work item for every other request. Workers that
   * join the run see it whole or not at all, so none of them queues anything again.
   */
  private StoredRun storeNewRun(long suiteId, PreparedRun run, boolean cacheable)
      throws SQLException {
    long runId = insertRun(suiteId, run);
    recordPlan(runId, run.planJson());
    List<Long> ids = insertInstancesAndRequests(runId, run);
    Set<Long> served = cacheable ? serveFromCache(runId) : Set.of();
    int queued = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO work_item(request_id, run_id, seq, owner, lease_until, claims)"
                + " VALUES (?, ?, ?, NULL, 0, 0)")) {
      for (int seq = 0; seq < ids.size(); seq++) {
        if (served.contains(ids.get(seq))) {
          continue;
        }
        ps.setLong(1, ids.get(seq));
        ps.setLong(2, runId);
        ps.setInt(3, seq);
        ps.addBatch();
        if (++queued % BATCH_ROWS == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
    return new StoredRun(runId, ids, queued);
  }

  private Long runId(long suiteId, String specHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM run WHERE suite_id = ? AND spec_hash = ?")) {
      ps.setLong(1, suiteId);
      ps.setString(2, specHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** The run's status. */
  public synchronized String status(long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM run WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no run " + runId);
        }
        return rs.getString(1);
      }
    }
  }

  private void setStatus(long runId, String status) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run SET status = ?, started_at = ?, finished_at = NULL WHERE id = ?"
                + " AND status <> 'running'")) {
      ps.setString(1, status);
      ps.setTimestamp(2, now());
      ps.setLong(3, runId);
      ps.executeUpdate();
    }
  }

  private void deleteCompletions(long runId, String condition) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM completion WHERE request_id IN (SELECT c.request_id FROM completion c"
                + " JOIN request q ON q.id = c.request_id WHERE q.run_id = ? AND "
                + condition
                + ")")) {
      ps.setLong(1, runId);
      ps.executeUpdate();
    }
  }

  /** Queues every request of the run that has neither a completion nor a work item. */
  private void enqueueMissing(long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO work_item(request_id, run_id, seq, owner, lease_until, claims)"
                + " SELECT q.id, q.run_id, q.seq, NULL, 0, 0 FROM request q"
                + " WHERE q.run_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM completion c WHERE c.request_id = q.id)"
                + " AND NOT EXISTS (SELECT 1 FROM work_item w WHERE w.request_id = q.id)")) {
      ps.setLong(1, runId);
      ps.executeUpdate();
    }
  }

  private int queued(long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM work_item WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Stores a cached completion for every request of a new run that the request cache holds.
   *
   * @return the ids of those requests
   */
  private Set<Long> serveFromCache(long runId) throws SQLException {
    Set<Long> served = new HashSet<>();
    List<Outcome> hits = new ArrayList<>();
    List<String> hitJson = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.id, k.completions_json, k.request_time FROM request q"
                + " JOIN request_cache k ON k.cache_key = q.cache_key WHERE q.run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          RequestResult hit =
              RequestResult.success(Json.parseCompletions(rs.getString(2)), rs.getDouble(3))
                  .asCached();
          hits.add(new Outcome(rs.getLong(1), null, null, hit, 0, false));
          hitJson.add(rs.getString(2));
          served.add(rs.getLong(1));
        }
      }
    }
    writeCompletions(hits, hitJson);
    return served;
  }

  private void markServedFromStore(long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE completion SET cached = TRUE, attempts = 0 WHERE success AND request_id IN"
                + " (SELECT id FROM request WHERE run_id = ?)")) {
      ps.setLong(1, runId);
      ps.executeUpdate();
    }
    RunCounters counters = counters(runId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run SET started_at = ?, finished_at = ?, model_calls = ?, cache_hits = ?,"
                + " failures = ? WHERE id = ?")) {
      ps.setTimestamp(1, now());
      ps.setTimestamp(2, now());
      ps.setInt(3, counters.modelCalls());
      ps.setInt(4, counters.cacheHits());
      ps.setInt(5, counters.failures());
      ps.setLong(6, runId);
      ps.executeUpdate();
    }
  }

  /** How the run's stored completions were served: model calls, cache hits, failures. */
  public synchronized RunCounters counters(long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(SUM(CASE WHEN c.cached THEN 0 ELSE c.attempts END), 0),"
                + " COALESCE(SUM(CASE WHEN c.cached THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN c.success THEN 0 ELSE 1 END), 0), COUNT(*)"
                + " FROM completion c JOIN request q ON q.id = c.request_id WHERE q.run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new RunCounters(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
      }
    }
  }

  /** A run that is not finished, as a worker finds it. */
  public record OpenRun(long runId, String suite, String name, String specHash, String planJson) {}

  /** Runs with requests left to make or stats left to compute, oldest first. */
  public synchronized List<OpenRun> openRuns(String suite) throws SQLException {
    List<OpenRun> runs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, s.name, r.name, r.spec_hash, r.plan_json FROM run r"
                + " JOIN suite s ON s.id = r.suite_id"
                + " WHERE (r.status IN ('running', 'interrupted')"
                + " OR (r.status = 'scoring' AND r.scoring_until < ?))"
                + " AND (? IS NULL OR s.name = ?) ORDER BY r.id")) {
      ps.setLong(1, clock.millis());
      ps.setString(2, suite);
      ps.setString(3, suite);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new OpenRun(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    } finally {
      c.commit();
    }
    return runs;
  }

  /** The mean of a stat with no sub-split or perturbation, for the first split that has it. */
  public synchronized java.util.OptionalDouble mainValue(long runId, String metric)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT split, mean FROM stat WHERE run_id = ? AND name = ? AND sub_split IS NULL"
                + " AND perturbation_json IS NULL AND split IN ('test', 'valid')"
                + " ORDER BY CASE split WHEN 'test' THEN 0 ELSE 1 END")) {
      ps.setLong(1, runId);
      ps.setString(2, metric);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double v = rs.getDouble(2);
          if (!rs.wasNull()) {
            return java.util.OptionalDouble.of(v);
          }
        }
      }
    } finally {
      c.commit();
    }
    return java.util.OptionalDouble.empty();
  }

  /**
   * Records how to plan the run again, so that any worker can join it (also for runs stored by a
   * Prism that did not record it).
   */
  private void recordPlan(long runId, String planJson) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE run SET plan_json = ? WHERE id = ? AND plan_json IS NULL")) {
      ps.setString(1, planJson);
      ps.setLong(2, runId);
      ps.executeUpdate();
    }
  }

  private long insertRun(long suiteId, PreparedRun run) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run(suite_id, name, spec_json, spec_hash, scenario_id,"
                + " scenario_description, deployment, prompt_method, main_metric, status,"
                + " started_at, prism_version) VALUES (?,?,?,?,?,?,?,?,?,'running',?,?)",
            dialect.generatedId())) {
      ps.setLong(1, suiteId);
      ps.setString(2, run.spec().name());
      ps.setString(3, run.spec().canonicalJson());
      ps.setString(4, run.spec().hash());
      ps.setString(5, run.scenario().id());
      ps.setString(6, run.scenario().description());
      ps.setString(7, run.deployment().name());
      ps.setString(8, run.spec().promptFormat().method().helmName());
      ps.setString(9, run.mainMetric());
      ps.setTimestamp(10, now());
      ps.setString(11, PRISM_VERSION);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  /**
   * Rows per JDBC batch when storing a run: large enough to amortise the round trip, small enough
   * that a 100,000-request run does not hold all its rows' text at once.
   */
  private static final int BATCH_ROWS = 4096;

  /**
   * @return the ids of the run's requests, in request order
   */
  private List<Long> insertInstancesAndRequests(long runId, PreparedRun run) throws SQLException {
    // The JSON forms, hashes and token counts are pure and the costliest part of storing a large
    // run: they are computed on the other cores a few hundred rows ahead of this one connection,
    // which inserts them in order.
    Map<Instance, Integer> seqOf = new IdentityHashMap<>();
    List<Instance> instances = run.instances();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO instance(run_id, seq, instance_id, split, sub_split, perturbation,"
                + " instance_json) VALUES (?,?,?,?,?,?,?)")) {
      Iterator<String> json = AheadInOrder.map(instances, i -> InstanceJson.toJson(i).toString());
      for (int seq = 0; seq < instances.size(); seq++) {
        seqOf.put(instances.get(seq), seq);
        bindInstance(ps, runId, seq, instances.get(seq), json.next());
        ps.addBatch();
        if ((seq + 1) % BATCH_ROWS == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    List<RequestState> requests = run.requests();
    List<Long> ids = new ArrayList<>(requests.size());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO request(run_id, seq, instance_seq, train_trial_index, reference_index,"
                + " request_mode, deployment, prompt, params_json, output_mapping_json,"
                + " num_train_instances, prompt_truncated, cache_key, num_prompt_tokens, tokenizer,"
                + " num_conditioning_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            dialect.generatedId())) {
      Iterator<RequestRow> rows =
          AheadInOrder.map(requests, r -> RequestRow.of(r, run.tokenizer()));
      for (int seq = 0; seq < requests.size(); seq++) {
        RequestState s = requests.get(seq);
        RequestRow row = rows.next();
        Integer instanceSeq = seqOf.get(s.instance());
        if (instanceSeq == null) {
          // Perturbed or re-created instance objects: store a copy the request can point at.
          instanceSeq = appendInstance(runId, seqOf, s.instance());
        }
        ps.setLong(1, runId);
        ps.setInt(2, seq);
        ps.setInt(3, instanceSeq);
        ps.setInt(4, s.trainTrialIndex());
        setInteger(ps, 5, s.referenceIndex());
        ps.setString(6, s.requestMode());
        ps.setString(7, s.request().deployment());
        ps.setString(8, s.request().prompt());
        ps.setString(9, row.paramsJson());
        ps.setString(10, row.outputMappingJson());
        ps.setInt(11, s.numTrainInstances());
        ps.setBoolean(12, s.promptTruncated());
        ps.setString(13, row.cacheKey());
        ps.setInt(14, row.promptTokens());
        ps.setString(15, run.tokenizer().name());
        ps.setInt(16, s.numConditioningTokens());
        ps.addBatch();
        if ((seq + 1) % BATCH_ROWS == 0 || seq == requests.size() - 1) {
          ps.executeBatch();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            while (keys.next()) {
              ids.add(keys.getLong(1));
            }
          }
        }
      }
    }
    if (ids.size() != requests.size()) {
      throw new IllegalStateException(
          "stored " + requests.size() + " requests but got " + ids.size() + " ids back");
    }
    return ids;
  }

  /** The computed columns of a request row. */
  private record RequestRow(
      String paramsJson, String outputMappingJson, String cacheKey, int promptTokens) {
    static RequestRow of(RequestState s, Tokenizer tokenizer) {
      return new RequestRow(
          Json.params(s.request()),
          Json.write(new java.util.TreeMap<>(s.outputMapping())),
          Json.sha256(Json.request(s.request())),
          s.request().promptTokens(tokenizer::count));
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
      bindInstance(ps, runId, seq, i, InstanceJson.toJson(i).toString());
      ps.executeUpdate();
    }
    return seq;
  }

  private static void bindInstance(
      PreparedStatement ps, long runId, int seq, Instance i, String instanceJson)
      throws SQLException {
    ps.setLong(1, runId);
    ps.setInt(2, seq);
    ps.setString(3, i.id());
    ps.setString(4, i.split().helmName());
    ps.setString(5, i.subSplit());
    ps.setString(6, i.perturbation() == null ? null : i.perturbation().name());
    ps.setString(7, instanceJson);
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

  /** Successful results in the request cache for these cache keys (one query). */
  public synchronized Map<String, RequestResult> cached(java.util.Collection<String> cacheKeys)
      throws SQLException {
    Map<String, RequestResult> hits = new HashMap<>();
    List<String> keys = List.copyOf(new java.util.TreeSet<>(cacheKeys));
    if (keys.isEmpty()) {
      return hits;
    }
    String marks = String.join(",", java.util.Collections.nCopies(keys.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT cache_key, completions_json, request_time FROM request_cache"
                + " WHERE cache_key IN ("
                + marks
                + ")")) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(i + 1, keys.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hits.put(
              rs.getString(1),
              RequestResult.success(Json.parseCompletions(rs.getString(2)), rs.getDouble(3))
                  .asCached());
        }
      }
    } finally {
      c.commit();
    }
    return hits;
  }

  /**
   * The stored results of a run by request position (a failed result keeps its error), for scoring.
   */
  public synchronized Map<Integer, RequestResult> results(long runId) throws SQLException {
    Map<Integer, RequestResult> results = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.seq, c.success, c.completions_json, c.request_time, c.cached,"
                + " c.error_kind, c.error_message FROM request q"
                + " JOIN completion c ON c.request_id = q.id WHERE q.run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          RequestResult r =
              rs.getBoolean(2)
                  ? RequestResult.success(Json.parseCompletions(rs.getString(3)), rs.getDouble(4))
                  : RequestResult.failure(
                      dev.prism.core.ErrorKind.valueOf(rs.getString(6)),
                      rs.getString(7),
                      rs.getDouble(4));
          results.put(rs.getInt(1), rs.getBoolean(5) ? r.asCached() : r);
        }
      }
    } finally {
      c.commit();
    }
    return results;
  }

  /** One finished request, ready to be stored. */
  public record Outcome(
      long requestId,
      RequestState state,
      String cacheKey,
      RequestResult result,
      int attempts,
      boolean cacheable) {}

  /**
   * Stores finished requests that {@code owner} still holds, releasing their work items, and, for
   * fresh successful results of cacheable clients, their cache entries; one transaction for the
   * batch. An outcome whose claim was lost (its lease expired and another worker took it) is not
   * stored: the other worker's outcome will be.
   *
   * @return how many outcomes were stored
   */
  public synchronized int saveOutcomes(String owner, List<Outcome> outcomes) throws SQLException {
    if (outcomes.isEmpty()) {
      return 0;
    }
    try {
      List<Outcome> held = new ArrayList<>(outcomes.size());
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM work_item WHERE request_id = ? AND owner = ?")) {
        for (Outcome o : outcomes) {
          ps.setLong(1, o.requestId());
          ps.setString(2, owner);
          ps.addBatch();
        }
        int[] deleted = ps.executeBatch();
        for (int i = 0; i < deleted.length; i++) {
          if (deleted[i] != 0) {
            held.add(outcomes.get(i));
          }
        }
      }
      // Serialised once for the completion and the cache entry.
      List<String> completionsJson =
          held.stream().map(o -> Json.completions(o.result().completions())).toList();
      writeCompletions(held, completionsJson);
      // An entry stored first (by another worker, for an equal request) is as good as this one.
      try (PreparedStatement ps =
          c.prepareStatement(
              dialect.insertKeeping(
                  "request_cache",
                  List.of(
                      "cache_key",
                      "deployment",
                      "params_json",
                      "completions_json",
                      "request_time",
                      "created_at"),
                  "cache_key"))) {
        boolean any = false;
        Timestamp now = now();
        for (int i = 0; i < held.size(); i++) {
          Outcome o = held.get(i);
          RequestResult result = o.result();
          if (result.success() && !result.cached() && o.cacheable()) {
            ps.setString(1, o.cacheKey());
            ps.setString(2, o.state().request().deployment());
            ps.setString(3, Json.params(o.state().request()));
            ps.setString(4, completionsJson.get(i));
            ps.setDouble(5, result.requestTimeSeconds());
            ps.setTimestamp(6, now);
            ps.addBatch();
            any = true;
          }
        }
        if (any) {
          dialect.executeBatchKeeping(ps);
        }
      }
      c.commit();
      return held.size();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * Inserts the completions of {@code outcomes}, whose JSON forms are given in the same order. A
   * plain insert: a request has no completion while it is queued (the one transaction that stores
   * its completion deletes its work item, and only a worker holding the item may store it), and a
   * new run's requests have none when its cache hits are stored.
   */
  private void writeCompletions(List<Outcome> outcomes, List<String> completionsJson)
      throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    Timestamp now = now();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO completion(request_id, success, text, finish_reason, completions_json,"
                + " request_time, cached, error_kind, error_message, attempts, completed_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome o = outcomes.get(i);
        RequestResult result = o.result();
        boolean empty = result.completions().isEmpty();
        ps.setLong(1, o.requestId());
        ps.setBoolean(2, result.success());
        ps.setString(3, empty ? null : result.completions().get(0).text());
        ps.setString(4, empty ? null : result.completions().get(0).finishReason());
        ps.setString(5, completionsJson.get(i));
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
  }

  /**
   * Starts replacing the run's stats: see {@link RunScoring}. The caller closes it; it is on a
   * connection of its own, so nothing else committed through this store can commit half of it.
   */
  public synchronized RunScoring beginScoring(long runId) throws SQLException {
    RunCounters counters = counters(runId);
    Timestamp finishedAt = now();
    Connection own = Database.open(jdbcUrl);
    try {
      return new RunScoring(own, runId, counters, finishedAt);
    } catch (SQLException | RuntimeException e) {
      own.close();
      throw e;
    }
  }

  /**
   * Marks a run as interrupted, keeping every stored outcome for the next run to reuse; a run that
   * other workers still hold leases on stays running.
   */
  public synchronized void markInterrupted(long runId) throws SQLException {
    RunCounters counters = counters(runId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run SET status = 'interrupted', finished_at = ?, model_calls = ?,"
                + " cache_hits = ?, failures = ? WHERE id = ? AND status = 'running'"
                + " AND NOT EXISTS (SELECT 1 FROM work_item w WHERE w.run_id = ?"
                + " AND w.lease_until >= ?)")) {
      ps.setTimestamp(1, now());
      ps.setInt(2, counters.modelCalls());
      ps.setInt(3, counters.cacheHits());
      ps.setInt(4, counters.failures());
      ps.setLong(5, runId);
      ps.setLong(6, runId);
      ps.setLong(7, clock.millis());
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

  static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, v);
    }
  }

  /**
   * A stored run: its id, its requests' ids in request order, and how many of them were queued for
   * a model call when it was (re)started.
   */
  public record StoredRun(long runId, List<Long> requestIds, int queued) {
    public StoredRun {
      requestIds = List.copyOf(requestIds);
    }
  }

  /**
   * How a run's requests were served.
   *
   * @param stored requests with a stored outcome
   */
  public record RunCounters(int modelCalls, int cacheHits, int failures, int stored) {}
}
