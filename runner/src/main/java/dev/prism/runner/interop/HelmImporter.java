package dev.prism.runner.interop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Token;
import dev.prism.runner.store.Json;
import dev.prism.runner.store.RunStore;
import dev.prism.scenarios.io.InstanceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads HELM run folders ({@code benchmark_output/runs/<suite>/<run>/}) into the store as the runs
 * of a suite, so {@code prism report} shows them beside Prism's own runs.
 *
 * <ul>
 *   <li>A folder is a run when it holds {@code run_spec.json}, {@code scenario_state.json} or
 *       {@code stats.json}; {@code run_spec.json}, {@code scenario_state.json} and {@code
 *       stats.json} are required, {@code scenario.json} and {@code per_instance_stats.json} are
 *       read when present.
 *   <li>Run name = {@code run_spec.name}; spec JSON = the canonical JSON (sorted keys) of {@code
 *       run_spec.json}, and the spec hash its SHA-256, so importing the same run twice into a suite
 *       skips it the second time.
 *   <li>Scenario id = the part of the run name before {@code :} ({@code mmlu}, {@code
 *       narrative_qa}); description from {@code scenario.json}, whose whole object is kept so an
 *       export writes it back; deployment = {@code adapter_spec.model_deployment} (or {@code
 *       model}); prompt method = {@code adapter_spec.method}.
 *   <li>Main metric: HELM's main metric for the scenarios in {@link #KNOWN_MAIN_METRICS} when the
 *       run has that stat, else the first of {@code exact_match}, {@code quasi_exact_match}, {@code
 *       f1_score}, {@code rouge_l} the run has, else {@code exact_match}.
 *   <li>Instances, requests and completions come from {@code scenario_state.json} (streamed, one
 *       request state at a time), each request with its {@code num_conditioning_tokens};
 *       completions are stored with {@code cached = false} and HELM's {@code request_time}; nothing
 *       goes into the request cache.
 *   <li>Stats are stored with every field of {@code stats.json} as written (mean, variance and
 *       stddev included). {@code per_instance_stats.json} entries for the same instance,
 *       perturbation and trial (HELM 2024 writes one per metric class) are merged.
 * </ul>
 *
 * <p>Everything is one transaction: a malformed file rolls back the whole import and raises a
 * {@link PrismUserException} naming the file.
 */
public final class HelmImporter {
  /** HELM's main metric ({@code run_groups[].environment.main_name}) for some scenarios. */
  public static final Map<String, String> KNOWN_MAIN_METRICS =
      Map.ofEntries(
          Map.entry("narrative_qa", "f1_score"),
          Map.entry("natural_qa", "f1_score"),
          Map.entry("quac", "f1_score"),
          Map.entry("squad", "f1_score"),
          Map.entry("summarization_cnndm", "rouge_2"),
          Map.entry("summarization_xsum", "rouge_2"),
          Map.entry("wmt_14", "bleu_4"),
          Map.entry("gsm", "final_number_exact_match"),
          Map.entry("bbq", "bbq_accuracy"),
          Map.entry("code", "pass"),
          Map.entry("air_bench_2024", "air_score"),
          Map.entry("simple_safety_tests", "sst_score"),
          Map.entry("harm_bench", "harm_bench_score"),
          Map.entry("xstest", "xstest_score"),
          Map.entry("anthropic_red_team", "anthropic_red_team_score"),
          Map.entry("ifeval", "ifeval_strict_accuracy"));

  private static final List<String> FALLBACK_MAIN_METRICS =
      List.of("exact_match", "quasi_exact_match", "f1_score", "rouge_l");

  private final Connection c;
  private final Clock clock;

  public HelmImporter(Connection connection, Clock clock) {
    this.c = connection;
    this.clock = clock;
  }

  /** What an import did: the suite, the runs imported and those already present. */
  public record Imported(String suite, List<String> imported, List<String> skipped) {
    public Imported {
      imported = List.copyOf(imported);
      skipped = List.copyOf(skipped);
    }
  }

  /** The run folders under {@code dir}: {@code dir} itself when it is one, else its children. */
  public static List<Path> runFolders(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new PrismUserException(
          dir + ": folder not found",
          "Pass a HELM suite folder (benchmark_output/runs/<suite>) or one run folder");
    }
    if (isRunFolder(dir)) {
      return List.of(dir);
    }
    List<Path> runs;
    try (Stream<Path> children = Files.list(dir)) {
      runs =
          children.filter(Files::isDirectory).filter(HelmImporter::isRunFolder).sorted().toList();
    } catch (IOException e) {
      throw new PrismUserException(
          dir + ": cannot list: " + e.getMessage(), "Check that the folder is readable", e);
    }
    if (runs.isEmpty()) {
      throw new PrismUserException(
          dir + ": no HELM run folders (folders with run_spec.json) here",
          "Pass a HELM suite folder (benchmark_output/runs/<suite>) or one run folder");
    }
    return runs;
  }

  private static boolean isRunFolder(Path p) {
    return Stream.of("run_spec.json", "scenario_state.json", "stats.json")
        .anyMatch(f -> Files.isRegularFile(p.resolve(f)));
  }

  /** The default suite name: the folder's name, or its parent's for a single run folder. */
  public static String defaultSuite(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path named = isRunFolder(abs) && abs.getParent() != null ? abs.getParent() : abs;
    return named.getFileName() == null ? "helm" : named.getFileName().toString();
  }

  /**
   * Imports every run folder under {@code dir} into {@code suite}, all or nothing.
   *
   * @throws PrismUserException naming the file when a folder is malformed; nothing is stored then
   */
  public Imported importFolder(Path dir, String suite) throws SQLException {
    List<Path> folders = runFolders(dir);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long suiteId = suiteId(suite);
      List<String> imported = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (Path folder : folders) {
        String name = importRun(suiteId, folder);
        if (name.startsWith("\u0000")) {
          skipped.add(name.substring(1));
        } else {
          imported.add(name);
        }
      }
      c.commit();
      return new Imported(suite, imported, skipped);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private long suiteId(String name) throws SQLException {
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
      return generatedId(ps);
    }
  }

  /** Imports one run; returns its name, prefixed by NUL when it was already in the suite. */
  private String importRun(long suiteId, Path folder) throws SQLException {
    Path specFile = folder.resolve("run_spec.json");
    Path statsFile = folder.resolve("stats.json");
    Path stateFile = folder.resolve("scenario_state.json");
    for (Path required : List.of(specFile, stateFile, statsFile)) {
      if (!Files.isRegularFile(required)) {
        throw HelmJson.missing(required);
      }
    }
    JsonNode spec = HelmJson.read(specFile);
    String name = text(spec, "name");
    JsonNode adapter = spec.get("adapter_spec");
    if (!spec.isObject() || name == null || adapter == null || !adapter.isObject()) {
      throw HelmJson.malformed(specFile, "expected an object with 'name' and 'adapter_spec'");
    }
    String canonical = Json.write(HelmJson.MAPPER.convertValue(spec, Object.class));
    String hash = Json.sha256(canonical);
    if (exists(suiteId, hash)) {
      return "\u0000" + name;
    }
    JsonNode stats = HelmJson.read(statsFile);
    if (!stats.isArray()) {
      throw HelmJson.malformed(statsFile, "expected a JSON array of stats");
    }
    Set<String> statNames = new LinkedHashSet<>();
    for (int i = 0; i < stats.size(); i++) {
      statNames.add(checkStat(statsFile, "[" + i + "]", stats.get(i)));
    }
    String description = "";
    String scenarioJson = null;
    Path scenarioFile = folder.resolve("scenario.json");
    if (Files.isRegularFile(scenarioFile)) {
      JsonNode scenario = HelmJson.read(scenarioFile);
      if (!scenario.isObject()) {
        throw HelmJson.malformed(scenarioFile, "expected a JSON object");
      }
      description = scenario.path("description").asText("");
      // Kept as written (tags, definition_path, HELM's own name) for the export to give back.
      scenarioJson = scenario.toString();
    }
    int colon = name.indexOf(':');
    String scenarioId = colon < 0 ? name : name.substring(0, colon);
    String deployment = text(adapter, "model_deployment");
    if (deployment == null) {
      deployment = text(adapter, "model");
    }
    if (deployment == null) {
      throw HelmJson.malformed(specFile, "adapter_spec has neither 'model_deployment' nor 'model'");
    }
    long runId =
        insertRun(
            suiteId,
            name,
            canonical,
            hash,
            scenarioId,
            truncate(description, 2000),
            deployment,
            adapter.path("method").asText("generation"),
            mainMetric(scenarioId, statNames),
            scenarioJson);
    int failures = importScenarioState(runId, stateFile, deployment);
    insertStats(runId, stats);
    Path perInstanceFile = folder.resolve("per_instance_stats.json");
    if (Files.isRegularFile(perInstanceFile)) {
      insertPerInstanceStats(runId, perInstanceFile);
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE run SET failures = ?, finished_at = ? WHERE id = ?")) {
      ps.setInt(1, failures);
      ps.setTimestamp(2, now());
      ps.setLong(3, runId);
      ps.executeUpdate();
    }
    return name;
  }

  /** HELM's main metric for a scenario, as documented on the class. */
  public static String mainMetric(String scenarioId, Set<String> statNames) {
    String known = KNOWN_MAIN_METRICS.get(scenarioId);
    if (known != null && statNames.contains(known)) {
      return known;
    }
    for (String m : FALLBACK_MAIN_METRICS) {
      if (statNames.contains(m)) {
        return m;
      }
    }
    return "exact_match";
  }

  private boolean exists(long suiteId, String hash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM run WHERE suite_id = ? AND spec_hash = ?")) {
      ps.setLong(1, suiteId);
      ps.setString(2, hash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private long insertRun(
      long suiteId,
      String name,
      String specJson,
      String hash,
      String scenarioId,
      String description,
      String deployment,
      String method,
      String mainMetric,
      String scenarioJson)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run(suite_id, name, spec_json, spec_hash, scenario_id,"
                + " scenario_description, deployment, prompt_method, main_metric, status,"
                + " started_at, prism_version, helm_scenario_json)"
                + " VALUES (?,?,?,?,?,?,?,?,?,'completed',?,?,?)",
            new String[] {"ID"})) {
      ps.setLong(1, suiteId);
      ps.setString(2, name);
      ps.setString(3, specJson);
      ps.setString(4, hash);
      ps.setString(5, scenarioId);
      ps.setString(6, description);
      ps.setString(7, deployment);
      ps.setString(8, method);
      ps.setString(9, mainMetric);
      ps.setTimestamp(10, now());
      ps.setString(11, "helm-import " + RunStore.PRISM_VERSION);
      ps.setString(12, scenarioJson);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  /** Streams {@code request_states}; returns how many requests failed. */
  private int importScenarioState(long runId, Path file, String deployment) throws SQLException {
    boolean sawStates = false;
    int failures = 0;
    try (JsonParser p = HelmJson.parser(file);
        PreparedStatement instances =
            c.prepareStatement(
                "INSERT INTO instance(run_id, seq, instance_id, split, sub_split, perturbation,"
                    + " instance_json) VALUES (?,?,?,?,?,?,?)");
        PreparedStatement requests =
            c.prepareStatement(
                "INSERT INTO request(run_id, seq, instance_seq, train_trial_index,"
                    + " reference_index, request_mode, deployment, prompt, params_json,"
                    + " output_mapping_json, num_train_instances, prompt_truncated, cache_key,"
                    + " num_conditioning_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                new String[] {"ID"});
        PreparedStatement completions =
            c.prepareStatement(
                "INSERT INTO completion(request_id, success, text, finish_reason,"
                    + " completions_json, request_time, cached, error_kind, error_message,"
                    + " attempts, completed_at) VALUES (?,?,?,?,?,?,false,?,?,1,?)")) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw HelmJson.malformed(file, "expected a JSON object with 'request_states'");
      }
      Map<String, Integer> instanceSeq = new HashMap<>();
      int seq = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!"request_states".equals(field)) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw HelmJson.malformed(file, "'request_states' must be an array");
        }
        sawStates = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode state = HelmJson.MAPPER.readTree(p);
          String where = "request_states[" + seq + "]";
          if (!storeRequestState(
              runId,
              file,
              where,
              seq,
              state,
              deployment,
              instanceSeq,
              instances,
              requests,
              completions)) {
            failures++;
          }
          seq++;
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
          throw HelmJson.malformed(file, "request_states[" + seq + "] is not an object");
        }
      }
    } catch (IOException e) {
      throw HelmJson.failure(file, e);
    }
    if (!sawStates) {
      throw HelmJson.malformed(file, "missing 'request_states'");
    }
    return failures;
  }

  /** Stores one request state; returns false when its result is a failure. */
  private boolean storeRequestState(
      long runId,
      Path file,
      String where,
      int seq,
      JsonNode state,
      String deployment,
      Map<String, Integer> instanceSeq,
      PreparedStatement instances,
      PreparedStatement requests,
      PreparedStatement completions)
      throws SQLException {
    Instance instance;
    try {
      instance = InstanceJson.fromJson(state.path("instance"));
    } catch (IllegalArgumentException e) {
      throw HelmJson.malformed(file, where + ".instance: " + e.getMessage());
    }
    JsonNode request = state.get("request");
    if (request == null || !request.isObject()) {
      throw HelmJson.malformed(file, where + ": missing 'request'");
    }
    String perturbation = instance.perturbation() == null ? null : instance.perturbation().name();
    String key = instance.id() + "\u0000" + (perturbation == null ? "" : perturbation);
    Integer iseq = instanceSeq.get(key);
    if (iseq == null) {
      iseq = instanceSeq.size();
      instanceSeq.put(key, iseq);
      instances.setLong(1, runId);
      instances.setInt(2, iseq);
      instances.setString(3, instance.id());
      instances.setString(4, instance.split().helmName());
      instances.setString(5, instance.subSplit());
      instances.setString(6, perturbation);
      instances.setString(7, InstanceJson.toJson(instance).toString());
      instances.executeUpdate();
    }
    String requestDeployment = text(request, "model_deployment");
    if (requestDeployment == null) {
      requestDeployment = text(request, "model") != null ? text(request, "model") : deployment;
    }
    Map<String, Object> params = new TreeMap<>();
    params.put("model_deployment", requestDeployment);
    for (String k :
        List.of(
            "temperature",
            "num_completions",
            "top_k_per_token",
            "max_tokens",
            "stop_sequences",
            "echo_prompt",
            "random",
            "messages")) {
      JsonNode v = request.get(k);
      if (v != null && !v.isNull()) {
        params.put(k, v);
      }
    }
    // A chat request has messages (kept in the parameters, as Prism stores its own) and an empty
    // prompt, so its cache key is the one Prism gives the same chat.
    String prompt = text(request, "prompt");
    if (prompt == null || params.containsKey("messages")) {
      prompt = "";
    }
    String paramsJson = Json.write(params);
    Map<String, Object> withPrompt = new TreeMap<>(params);
    withPrompt.put("prompt", prompt);
    JsonNode mapping = state.path("output_mapping");
    requests.setLong(1, runId);
    requests.setInt(2, seq);
    requests.setInt(3, iseq);
    requests.setInt(4, state.path("train_trial_index").asInt(0));
    JsonNode referenceIndex = state.get("reference_index");
    if (referenceIndex != null && referenceIndex.isInt()) {
      requests.setInt(5, referenceIndex.asInt());
    } else {
      requests.setNull(5, Types.INTEGER);
    }
    requests.setString(6, text(state, "request_mode"));
    requests.setString(7, requestDeployment);
    requests.setString(8, prompt);
    requests.setString(9, paramsJson);
    requests.setString(
        10,
        mapping.isObject()
            ? Json.write(HelmJson.MAPPER.convertValue(mapping, Object.class))
            : "{}");
    requests.setInt(11, state.path("num_train_instances").asInt(0));
    requests.setBoolean(12, state.path("prompt_truncated").asBoolean(false));
    requests.setString(13, Json.sha256(Json.write(withPrompt)));
    JsonNode conditioning = state.get("num_conditioning_tokens");
    if (conditioning != null && conditioning.isIntegralNumber() && conditioning.canConvertToInt()) {
      requests.setInt(14, conditioning.asInt());
    } else {
      requests.setNull(14, Types.INTEGER);
    }
    requests.executeUpdate();
    long requestId = generatedId(requests);

    JsonNode result = state.get("result");
    if (result == null || !result.isObject()) {
      return true; // HELM wrote the request without a result: stored as not run
    }
    List<Completion> list = new ArrayList<>();
    for (JsonNode co : result.path("completions")) {
      List<Token> tokens = new ArrayList<>();
      for (JsonNode t : co.path("tokens")) {
        tokens.add(new Token(t.path("text").asText(""), t.path("logprob").asDouble(0)));
      }
      JsonNode reason = co.path("finish_reason");
      String finish =
          reason.isObject() && reason.path("reason").isTextual()
              ? reason.path("reason").asText()
              : reason.isTextual() ? reason.asText() : null;
      list.add(
          new Completion(
              co.path("text").asText(""), co.path("logprob").asDouble(0), tokens, finish));
    }
    boolean success = result.path("success").asBoolean(true);
    completions.setLong(1, requestId);
    completions.setBoolean(2, success);
    completions.setString(3, list.isEmpty() ? null : list.get(0).text());
    completions.setString(4, list.isEmpty() ? null : list.get(0).finishReason());
    completions.setString(5, Json.completions(list));
    completions.setDouble(6, result.path("request_time").asDouble(0));
    completions.setString(7, success ? null : "FATAL");
    completions.setString(
        8, success ? null : truncate(result.path("error").asText("request failed"), 10_000));
    JsonNode datetime = result.get("request_datetime");
    completions.setTimestamp(
        9,
        datetime != null && datetime.isNumber()
            ? Timestamp.from(Instant.ofEpochSecond(datetime.asLong()))
            : now());
    completions.executeUpdate();
    return success;
  }

  /** Checks one stats.json entry and returns its metric name. */
  private static String checkStat(Path file, String where, JsonNode s) {
    if (!s.isObject()
        || !s.path("name").isObject()
        || !s.path("name").path("name").isTextual()
        || !s.path("count").isNumber()
        || !s.path("sum").isNumber()
        || !s.path("sum_squared").isNumber()) {
      throw HelmJson.malformed(
          file,
          where
              + ": expected a stat {\"name\": {\"name\", \"split\"}, \"count\", \"sum\","
              + " \"sum_squared\", …}");
    }
    return s.path("name").path("name").asText();
  }

  private void insertStats(long runId, JsonNode stats) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO stat(run_id, name, split, sub_split, perturbation_json, count, sum,"
                + " sum_squared, min_value, max_value, mean, variance, stddev)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (JsonNode s : stats) {
        JsonNode name = s.get("name");
        ps.setLong(1, runId);
        ps.setString(2, name.get("name").asText());
        ps.setString(3, text(name, "split"));
        ps.setString(4, text(name, "sub_split"));
        JsonNode perturbation = name.get("perturbation");
        ps.setString(
            5, perturbation != null && perturbation.isObject() ? perturbation.toString() : null);
        ps.setLong(6, s.get("count").asLong());
        ps.setDouble(7, s.get("sum").asDouble());
        ps.setDouble(8, s.get("sum_squared").asDouble());
        String[] optional = {"min", "max", "mean", "variance", "stddev"};
        for (int k = 0; k < optional.length; k++) {
          JsonNode v = s.get(optional[k]);
          if (v != null && v.isNumber()) {
            ps.setDouble(9 + k, v.asDouble());
          } else {
            ps.setNull(9 + k, Types.DOUBLE);
          }
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void insertPerInstanceStats(long runId, Path file) throws SQLException {
    JsonNode entries = HelmJson.read(file);
    if (!entries.isArray()) {
      throw HelmJson.malformed(file, "expected a JSON array");
    }
    record Key(String instanceId, String perturbation, int trial) {}
    Map<Key, ArrayNode> merged = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String id = text(e, "instance_id");
      if (id == null || !e.path("stats").isArray()) {
        throw HelmJson.malformed(file, "[" + i + "]: expected {\"instance_id\", \"stats\": […]}");
      }
      for (JsonNode s : e.get("stats")) {
        checkStat(file, "[" + i + "].stats", s);
      }
      JsonNode p = e.path("perturbation");
      Key key =
          new Key(
              id,
              p.isObject() ? p.path("name").asText() : null,
              e.path("train_trial_index").asInt(0));
      merged
          .computeIfAbsent(key, k -> HelmJson.MAPPER.createArrayNode())
          .addAll((ArrayNode) e.get("stats"));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO per_instance_stat(run_id, instance_id, perturbation,"
                + " train_trial_index, stats_json) VALUES (?,?,?,?,?)")) {
      for (Map.Entry<Key, ArrayNode> e : merged.entrySet()) {
        ps.setLong(1, runId);
        ps.setString(2, e.getKey().instanceId());
        ps.setString(3, e.getKey().perturbation());
        ps.setInt(4, e.getKey().trial());
        ps.setString(5, e.getValue().toString());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
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
}
