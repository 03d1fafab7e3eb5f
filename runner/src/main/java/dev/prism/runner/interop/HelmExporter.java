package dev.prism.runner.interop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.PrismUserException;
import dev.prism.runner.store.Json;
import dev.prism.scenarios.perturbation.DataAugmentation;
import dev.prism.scenarios.perturbation.PerturbationSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the runs of a suite as HELM's per-run folders ({@code benchmark_output/runs/<suite>/}):
 * {@code <run name with '/' → '_'>/} holding {@code run_spec.json}, {@code scenario.json}, {@code
 * scenario_state.json}, {@code stats.json} and {@code per_instance_stats.json}, with HELM's key
 * names and nesting.
 *
 * <p>Runs that were imported from HELM get their original {@code run_spec.json} and {@code
 * scenario.json} (tags, definition path) back, and each request state its {@code
 * num_conditioning_tokens}; Prism's own runs write the count their language-modelling windows have
 * (0 for every other method) and a {@code scenario.json} without tags. For Prism's own runs the
 * spec is translated: {@code scenario_spec.class_name} and {@code metric_specs[].class_name} hold
 * Prism's scenario id and metric names (there is no Python class), {@code data_augmenter_spec}
 * holds the run's {@code data_augmentation} option with Prism's perturbation names, and {@code
 * run_spec.name} keeps Prism's run name (the folder name replaces {@code /} by {@code _}). Request
 * states stream from the database to the file, so a large run needs little memory.
 */
public final class HelmExporter {
  private final Connection c;

  public HelmExporter(Connection connection) {
    this.c = connection;
  }

  /** One exported run: its name and folder. */
  public record Exported(String name, Path folder, int requests, int stats) {}

  /**
   * Exports every run of {@code suite} under {@code outDir} (created if absent).
   *
   * @throws PrismUserException when the suite has no runs
   */
  public List<Exported> export(String suite, Path outDir) throws SQLException, IOException {
    List<RunRow> runs = runs(c, suite);
    Files.createDirectories(outDir);
    List<Exported> exported = new ArrayList<>();
    Set<String> folders = new HashSet<>();
    for (RunRow run : runs) {
      String folderName = folderName(run.name());
      if (!folders.add(folderName)) {
        folderName = folderName + "-" + run.hash().substring(0, 12);
        folders.add(folderName);
      }
      Path folder = outDir.resolve(folderName);
      Files.createDirectories(folder);
      ObjectNode spec = runSpec(run);
      HelmJson.write(folder.resolve("run_spec.json"), spec);
      HelmJson.write(folder.resolve("scenario.json"), scenario(run));
      int requests = writeScenarioState(run, spec.path("adapter_spec"), folder);
      ArrayNode stats = stats(run.id());
      HelmJson.write(folder.resolve("stats.json"), stats);
      HelmJson.write(folder.resolve("per_instance_stats.json"), perInstanceStats(run.id()));
      exported.add(new Exported(run.name(), folder, requests, stats.size()));
    }
    return exported;
  }

  /** HELM's folder name for a run: the run name with {@code /} replaced by {@code _}. */
  public static String folderName(String runName) {
    return runName.replace('/', '_');
  }

  /** One row of the run table. */
  record RunRow(
      long id,
      String name,
      String specJson,
      String hash,
      String scenarioId,
      String description,
      String deployment,
      String method,
      String helmScenarioJson) {}

  /**
   * The runs of a suite, by name.
   *
   * @throws PrismUserException when the suite has none
   */
  static List<RunRow> runs(Connection c, String suite) throws SQLException {
    List<RunRow> runs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.name, r.spec_json, r.spec_hash, r.scenario_id,"
                + " r.scenario_description, r.deployment, r.prompt_method, r.helm_scenario_json"
                + " FROM run r"
                + " JOIN suite s ON s.id = r.suite_id WHERE s.name = ? ORDER BY r.name, r.id")) {
      ps.setString(1, suite);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new RunRow(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    }
    if (runs.isEmpty()) {
      throw new PrismUserException(
          "suite '" + suite + "' has no runs in the database", "Check --suite or --db");
    }
    return runs;
  }

  /** HELM's order of {@code RunSpec} fields. */
  private static final List<String> RUN_SPEC_ORDER =
      List.of(
          "name",
          "scenario_spec",
          "adapter_spec",
          "metric_specs",
          "data_augmenter_spec",
          "groups",
          "annotators");

  /** HELM's order of {@code AdapterSpec} fields. */
  private static final List<String> ADAPTER_SPEC_ORDER =
      List.of(
          "method",
          "global_prefix",
          "global_suffix",
          "instructions",
          "input_prefix",
          "input_suffix",
          "reference_prefix",
          "reference_suffix",
          "chain_of_thought_prefix",
          "chain_of_thought_suffix",
          "output_prefix",
          "output_suffix",
          "instance_prefix",
          "substitutions",
          "max_train_instances",
          "max_eval_instances",
          "num_outputs",
          "num_train_trials",
          "num_trials",
          "sample_train",
          "model_deployment",
          "model",
          "temperature",
          "max_tokens",
          "stop_sequences",
          "random",
          "multi_label");

  private static ObjectNode runSpec(RunRow run) {
    JsonNode stored = Json.read(run.specJson());
    if (stored.has("scenario_spec")) {
      // Imported from HELM: give the original back, in HELM's field order.
      ObjectNode spec = ordered(stored, RUN_SPEC_ORDER);
      if (spec.get("adapter_spec") instanceof ObjectNode adapter) {
        spec.set("adapter_spec", ordered(adapter, ADAPTER_SPEC_ORDER));
      }
      List<String> objectSpec = List.of("class_name", "args");
      if (spec.get("scenario_spec") instanceof ObjectNode scenario) {
        spec.set("scenario_spec", ordered(scenario, objectSpec));
      }
      for (String list : List.of("metric_specs", "annotators")) {
        if (spec.get(list) instanceof ArrayNode specs) {
          for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).isObject()) {
              specs.set(i, ordered(specs.get(i), objectSpec));
            }
          }
        }
      }
      return spec;
    }
    ObjectNode spec = HelmJson.MAPPER.createObjectNode();
    spec.put("name", run.name());
    ObjectNode scenarioSpec = spec.putObject("scenario_spec");
    scenarioSpec.put("class_name", stored.path("scenario").path("id").asText(run.scenarioId()));
    scenarioSpec.set("args", stored.path("scenario").path("args").deepCopy());
    ObjectNode adapter = stored.path("adapter_spec").deepCopy();
    adapter.put("model_deployment", run.deployment());
    adapter.put("model", run.deployment());
    spec.set("adapter_spec", ordered(adapter, ADAPTER_SPEC_ORDER));
    ArrayNode metrics = spec.putArray("metric_specs");
    for (JsonNode m : stored.path("metrics")) {
      ObjectNode metric = metrics.addObject();
      metric.put("class_name", m.asText());
      metric.putObject("args");
    }
    spec.set("data_augmenter_spec", augmenterSpec(run.name()));
    spec.putArray("groups").add(run.scenarioId());
    return spec;
  }

  /**
   * A copy with the keys in {@code order} first, then the others as they were; null values are left
   * out, as HELM's {@code asdict_without_nones} does.
   */
  private static ObjectNode ordered(JsonNode node, List<String> order) {
    ObjectNode o = HelmJson.MAPPER.createObjectNode();
    for (String k : order) {
      JsonNode v = node.get(k);
      if (v != null && !v.isNull()) {
        o.set(k, v);
      }
    }
    node.properties()
        .forEach(
            e -> {
              if (!o.has(e.getKey()) && !e.getValue().isNull()) {
                o.set(e.getKey(), e.getValue());
              }
            });
    return o;
  }

  /** HELM's {@code DataAugmenterSpec} for the run's {@code data_augmentation} option, if any. */
  private static ObjectNode augmenterSpec(String runName) {
    DataAugmentation augmentation = null;
    String option = runArgs(runName).get("data_augmentation");
    if (option != null) {
      try {
        augmentation = DataAugmentation.named(option);
      } catch (RuntimeException unknown) {
        augmentation = null; // an option this Prism no longer knows: export without it
      }
    }
    ObjectNode o = HelmJson.MAPPER.createObjectNode();
    ArrayNode specs = o.putArray("perturbation_specs");
    if (augmentation != null) {
      for (PerturbationSpec p : augmentation.perturbations()) {
        ObjectNode s = specs.addObject();
        s.put("class_name", p.name());
        ObjectNode args = s.putObject("args");
        p.args().forEach((k, v) -> args.set(k, argValue(v)));
      }
    }
    boolean eval = augmentation != null;
    o.put("should_augment_train_instances", false);
    o.put("should_include_original_train", false);
    o.put("should_skip_unchanged_train", false);
    o.put("should_augment_eval_instances", eval);
    o.put("should_include_original_eval", eval && augmentation.includeOriginal());
    o.put("should_skip_unchanged_eval", eval && augmentation.skipUnchanged());
    o.put("seeds_per_instance", eval ? augmentation.seedsPerInstance() : 1);
    return o;
  }

  /** A perturbation argument as JSON: a number when it reads as one, else text. */
  private static JsonNode argValue(String v) {
    try {
      return HelmJson.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(v).doubleValue());
    } catch (NumberFormatException text) {
      return HelmJson.MAPPER.getNodeFactory().textNode(v);
    }
  }

  /** The {@code key=value} arguments after the first {@code :} of a run name. */
  static Map<String, String> runArgs(String runName) {
    Map<String, String> args = new HashMap<>();
    int colon = runName.indexOf(':');
    if (colon < 0) {
      return args;
    }
    for (String part : runName.substring(colon + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        args.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return args;
  }

  /** HELM's order of {@code Scenario} fields in {@code scenario.json}. */
  private static final List<String> SCENARIO_ORDER =
      List.of("name", "description", "tags", "definition_path");

  /**
   * {@code scenario.json}: an imported run's original (tags and definition path included); for
   * Prism's runs the scenario id and description, with no tags (Prism's scenarios declare none).
   */
  private static ObjectNode scenario(RunRow run) {
    if (run.helmScenarioJson() != null) {
      return ordered(Json.read(run.helmScenarioJson()), SCENARIO_ORDER);
    }
    ObjectNode o = HelmJson.MAPPER.createObjectNode();
    o.put("name", run.scenarioId());
    o.put("description", run.description());
    o.putArray("tags");
    return o;
  }

  private int writeScenarioState(RunRow run, JsonNode adapterSpec, Path folder)
      throws SQLException, IOException {
    int n = 0;
    try (OutputStream out = Files.newOutputStream(folder.resolve("scenario_state.json"));
        JsonGenerator g = HelmJson.generator(out);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT i.instance_json, q.train_trial_index, q.reference_index, q.request_mode,"
                    + " q.output_mapping_json, q.deployment, q.prompt, q.params_json,"
                    + " q.num_train_instances, q.prompt_truncated, c.success,"
                    + " c.completions_json, c.cached, c.request_time, c.error_kind,"
                    + " c.error_message, c.completed_at, q.num_conditioning_tokens FROM request q"
                    + " JOIN instance i ON i.run_id = q.run_id AND i.seq = q.instance_seq"
                    + " LEFT JOIN completion c ON c.request_id = q.id"
                    + " WHERE q.run_id = ? ORDER BY q.seq")) {
      g.writeStartObject();
      g.writeFieldName("adapter_spec");
      g.writeTree(adapterSpec);
      g.writeArrayFieldStart("request_states");
      ps.setLong(1, run.id());
      ps.setFetchSize(256);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          g.writeTree(requestState(rs));
          n++;
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    return n;
  }

  private static ObjectNode requestState(ResultSet rs) throws SQLException {
    ObjectNode state = HelmJson.MAPPER.createObjectNode();
    state.set("instance", Json.read(rs.getString(1)));
    state.put("train_trial_index", rs.getInt(2));
    int referenceIndex = rs.getInt(3);
    if (!rs.wasNull()) {
      state.put("reference_index", referenceIndex);
    }
    if (rs.getString(4) != null) {
      state.put("request_mode", rs.getString(4));
    }
    JsonNode mapping = Json.read(rs.getString(5));
    if (mapping.size() > 0) {
      state.set("output_mapping", mapping);
    }
    ObjectNode request = state.putObject("request");
    JsonNode params = Json.read(rs.getString(8));
    request.put("model_deployment", params.path("model_deployment").asText(rs.getString(6)));
    request.put("model", params.path("model_deployment").asText(rs.getString(6)));
    request.put("embedding", false);
    request.put("prompt", rs.getString(7));
    for (String key :
        List.of(
            "temperature",
            "num_completions",
            "top_k_per_token",
            "max_tokens",
            "stop_sequences",
            "echo_prompt",
            "random",
            "messages")) {
      if (params.has(key)) {
        request.set(key, params.get(key));
      }
    }
    String completions = rs.getString(12);
    if (completions != null) {
      ObjectNode result = state.putObject("result");
      result.put("success", rs.getBoolean(11));
      result.putArray("embedding");
      result.set("completions", Json.read(completions));
      result.put("cached", rs.getBoolean(13));
      result.put("request_time", rs.getDouble(14));
      Timestamp completedAt = rs.getTimestamp(17);
      if (completedAt != null) {
        result.put("request_datetime", completedAt.toInstant().getEpochSecond());
      }
      if (rs.getString(15) != null || rs.getString(16) != null) {
        String kind = rs.getString(15);
        String message = rs.getString(16);
        result.put(
            "error", kind == null ? message : message == null ? kind : kind + ": " + message);
      }
    }
    state.put("num_train_instances", rs.getInt(9));
    state.put("prompt_truncated", rs.getBoolean(10));
    // HELM writes it on every request state; Prism's own prompts condition on nothing (HELM's 0).
    state.put("num_conditioning_tokens", rs.getInt(18));
    return state;
  }

  /** The run's stats in HELM's {@code stats.json} shape, with the stored mean/variance/stddev. */
  ArrayNode stats(long runId) throws SQLException {
    ArrayNode array = HelmJson.MAPPER.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, split, sub_split, perturbation_json, count, sum, sum_squared,"
                + " min_value, max_value, mean, variance, stddev FROM stat WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode o = array.addObject();
          ObjectNode name = o.putObject("name");
          name.put("name", rs.getString(1));
          if (rs.getString(2) != null) {
            name.put("split", rs.getString(2));
          }
          if (rs.getString(3) != null) {
            name.put("sub_split", rs.getString(3));
          }
          if (rs.getString(4) != null) {
            name.set("perturbation", Json.read(rs.getString(4)));
          }
          o.put("count", rs.getLong(5));
          o.put("sum", rs.getDouble(6));
          o.put("sum_squared", rs.getDouble(7));
          String[] optional = {"min", "max", "mean", "variance", "stddev"};
          for (int k = 0; k < optional.length; k++) {
            double v = rs.getDouble(8 + k);
            if (!rs.wasNull()) {
              o.put(optional[k], v);
            }
          }
        }
      }
    }
    return array;
  }

  private ArrayNode perInstanceStats(long runId) throws SQLException {
    Map<String, JsonNode> perturbations = perturbations(runId);
    ArrayNode array = HelmJson.MAPPER.createArrayNode();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT instance_id, perturbation, train_trial_index, stats_json"
                + " FROM per_instance_stat WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode o = array.addObject();
          o.put("instance_id", rs.getString(1));
          String perturbation = rs.getString(2);
          if (perturbation != null) {
            JsonNode full = perturbations.get(perturbation);
            if (full != null) {
              o.set("perturbation", full);
            } else {
              o.putObject("perturbation").put("name", perturbation);
            }
          }
          o.put("train_trial_index", rs.getInt(3));
          o.set("stats", Json.readStats(rs.getString(4)));
        }
      }
    }
    return array;
  }

  /** Perturbation name → the perturbation object of the run's instances (HELM's description). */
  private Map<String, JsonNode> perturbations(long runId) throws SQLException {
    Map<String, JsonNode> byName = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT perturbation, instance_json FROM instance WHERE run_id = ? AND perturbation"
                + " IS NOT NULL")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!byName.containsKey(rs.getString(1))) {
            JsonNode p = Json.read(rs.getString(2)).path("perturbation");
            if (p.isObject()) {
              byName.put(rs.getString(1), p);
            }
          }
        }
      }
    }
    return byName;
  }
}
