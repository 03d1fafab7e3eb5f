package dev.prism.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.core.Stat;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.runner.store.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Reads what a report needs from the store and hands it to the reports module as records. */
public final class ReportLoader {
  private final Connection c;

  public ReportLoader(Connection connection) {
    this.c = connection;
  }

  /** The suite whose run finished last, if any run finished. */
  public String latestSuite() throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT s.name FROM run r JOIN suite s ON s.id = r.suite_id"
                    + " ORDER BY r.started_at DESC, r.id DESC");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new PrismUserException(
            "the database holds no runs", "Run 'prism run --suite quickstart' first");
      }
      return rs.getString(1);
    }
  }

  /**
   * Every finished run of a suite, with stats and instances.
   *
   * @throws PrismUserException when the suite is unknown
   */
  public SuiteReport load(String suite) throws SQLException {
    List<RunReport> runs = runs(suite, null);
    if (runs.isEmpty()) {
      throw new PrismUserException(
          "suite '" + suite + "' has no runs in the database", "Check --suite or --db");
    }
    return new SuiteReport(suite, runs);
  }

  /** One run of a suite, with stats and instances; empty when the suite has no run of that name. */
  public Optional<RunReport> loadRun(String suite, String runName) throws SQLException {
    return runs(suite, runName).stream().findFirst();
  }

  /** Whether a suite of that name exists. */
  public boolean hasSuite(String suite) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM suite WHERE name = ?")) {
      ps.setString(1, suite);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The suites holding a run of that name, sorted. */
  public List<String> suitesWithRun(String runName) throws SQLException {
    List<String> suites = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT s.name FROM run r JOIN suite s ON s.id = r.suite_id"
                + " WHERE r.name = ? ORDER BY s.name")) {
      ps.setString(1, runName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          suites.add(rs.getString(1));
        }
      }
    }
    return suites;
  }

  /** The runs of a suite by name, or only the one named {@code runName} when it is not null. */
  private List<RunReport> runs(String suite, String runName) throws SQLException {
    List<RunReport> runs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.name, r.scenario_id, r.scenario_description, r.deployment,"
                + " r.prompt_method, r.main_metric, r.status, r.failures FROM run r"
                + " JOIN suite s ON s.id = r.suite_id WHERE s.name = ?"
                + " AND (CAST(? AS VARCHAR) IS NULL OR r.name = ?) ORDER BY r.name, r.id")) {
      ps.setString(1, suite);
      ps.setString(2, runName);
      ps.setString(3, runName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          List<String> warnings = new ArrayList<>();
          String status = rs.getString(8);
          if (!status.startsWith("completed")) {
            warnings.add("run did not finish (status " + status + ")");
          }
          if (rs.getInt(9) > 0) {
            warnings.add(rs.getInt(9) + " requests failed; they are scored as empty completions");
          }
          warnings.addAll(runNotes(id));
          warnings.addAll(familyNotes(id));
          runs.add(
              new RunReport(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  stats(id),
                  instances(id),
                  warnings));
        }
      }
    }
    return runs;
  }

  private List<String> runNotes(long runId) throws SQLException {
    List<String> notes = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT note FROM run_note WHERE run_id = ? ORDER BY seq")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          notes.add(rs.getString(1));
        }
      }
    }
    return notes;
  }

  /** One line per metric family that was not computed or is qualified, e.g. "toxicity: …". */
  private List<String> familyNotes(long runId) throws SQLException {
    List<String> notes = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT family, computed, reason FROM run_family WHERE run_id = ? AND reason IS NOT"
                + " NULL")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          notes.add(
              rs.getString(1) + (rs.getBoolean(2) ? ": " : ": not computed: ") + rs.getString(3));
        }
      }
    }
    notes.sort(null);
    return notes;
  }

  List<Stat> stats(long runId) throws SQLException {
    List<Stat> stats = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, split, sub_split, perturbation_json, count, sum, sum_squared,"
                + " min_value, max_value FROM stat WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          MetricKey key =
              new MetricKey(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  Json.parsePerturbation(rs.getString(4)));
          double min = rs.getDouble(8);
          min = rs.wasNull() ? Double.NaN : min;
          double max = rs.getDouble(9);
          max = rs.wasNull() ? Double.NaN : max;
          stats.add(new Stat(key, rs.getLong(5), rs.getDouble(6), rs.getDouble(7), min, max));
        }
      }
    }
    return stats;
  }

  /**
   * What the instance browser shows as the prompt: the prompt text, or for a chat request (prompt
   * method chat: the prompt is empty and the parameters hold the messages) each message under its
   * role, e.g. {@code "[system]\nBe terse.\n\n[user]\n2+2?"}.
   */
  static String shownPrompt(String prompt, String paramsJson) {
    JsonNode messages = paramsJson == null ? null : Json.read(paramsJson).get("messages");
    if (!prompt.isEmpty() || messages == null || !messages.isArray()) {
      return prompt;
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode m : messages) {
      sb.append(sb.length() == 0 ? "" : "\n\n")
          .append('[')
          .append(m.path("role").asText())
          .append("]\n")
          .append(m.path("content").asText());
    }
    return sb.toString();
  }

  private List<InstanceView> instances(long runId) throws SQLException {
    Map<String, InstanceData> perInstance = perInstanceStats(runId);
    List<InstanceView> views = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.instance_id, i.split, i.perturbation, q.train_trial_index, q.prompt,"
                + " i.instance_json, c.completions_json, c.cached, c.error_kind,"
                + " c.error_message, q.params_json FROM request q"
                + " JOIN instance i ON i.run_id = q.run_id AND i.seq = q.instance_seq"
                + " LEFT JOIN completion c ON c.request_id = q.id"
                + " WHERE q.run_id = ? ORDER BY q.seq")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<ReferenceView> refs = new ArrayList<>();
          for (JsonNode r : Json.read(rs.getString(6)).path("references")) {
            boolean correct = false;
            for (JsonNode t : r.path("tags")) {
              correct |= "correct".equals(t.asText());
            }
            refs.add(new ReferenceView(r.path("output").path("text").asText(), correct));
          }
          List<String> completions = new ArrayList<>();
          String completionsJson = rs.getString(7);
          if (completionsJson != null) {
            Json.parseCompletions(completionsJson).forEach(x -> completions.add(x.text()));
          }
          String error =
              completionsJson == null
                  ? "not run yet"
                  : rs.getString(9) == null ? null : rs.getString(9) + ": " + rs.getString(10);
          String key = instanceKey(rs.getString(1), rs.getString(3), rs.getInt(4));
          InstanceData data = perInstance.getOrDefault(key, InstanceData.NONE);
          views.add(
              new InstanceView(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  shownPrompt(rs.getString(5), rs.getString(11)),
                  refs,
                  completions,
                  rs.getBoolean(8),
                  error,
                  data.stats(),
                  data.annotations()));
        }
      }
    }
    return views;
  }

  /** An instance's stat means by name, and its metrics' notes on its completions by metric id. */
  private record InstanceData(Map<String, Double> stats, Map<String, List<String>> annotations) {
    static final InstanceData NONE = new InstanceData(Map.of(), Map.of());
  }

  private Map<String, InstanceData> perInstanceStats(long runId) throws SQLException {
    Map<String, InstanceData> byInstance = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT instance_id, perturbation, train_trial_index, stats_json, annotations_json"
                + " FROM per_instance_stat WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Double> values = new TreeMap<>();
          for (JsonNode s : Json.readStats(rs.getString(4))) {
            if (s.has("mean")) {
              values.put(s.path("name").path("name").asText(), s.get("mean").asDouble());
            }
          }
          Map<String, List<String>> annotations = new TreeMap<>();
          String annotationsJson = rs.getString(5);
          if (annotationsJson != null) {
            Json.read(annotationsJson)
                .properties()
                .forEach(
                    e -> {
                      List<String> notes = new ArrayList<>();
                      e.getValue().forEach(n -> notes.add(n.asText()));
                      annotations.put(e.getKey(), notes);
                    });
          }
          byInstance.put(
              instanceKey(rs.getString(1), rs.getString(2), rs.getInt(3)),
              new InstanceData(values, annotations));
        }
      }
    }
    return byInstance;
  }

  private static String instanceKey(String id, String perturbation, int trial) {
    return id + "\u0000" + Objects.toString(perturbation, "") + "\u0000" + trial;
  }
}
