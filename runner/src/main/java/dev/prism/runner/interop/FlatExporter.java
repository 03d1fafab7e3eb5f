package dev.prism.runner.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.runner.store.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flat exports of a suite, for spreadsheets and scripts.
 *
 * <ul>
 *   <li>{@code stats.csv} / {@code stats.jsonl}: every stat of every run (JSONL lines are HELM's
 *       stat objects plus {@code "run"}).
 *   <li>{@code predictions.csv}: one row per stored request with a completion: run, instance,
 *       perturbation, trial, reference index, request mode, request time, success, first
 *       completion's text.
 *   <li>{@code <run folder name>.predictions.jsonl}: per run, in the predictions format {@code
 *       prism score --predictions} reads ({@code instance_id}, {@code perturbation}, {@code
 *       train_trial_index}, {@code reference_index}, {@code request_mode}, {@code request_time},
 *       {@code completions}); requests without completions (failures) are left out.
 * </ul>
 */
public final class FlatExporter {
  private static final List<String> STAT_COLUMNS =
      List.of(
          "run",
          "name",
          "split",
          "sub_split",
          "perturbation",
          "computed_on",
          "count",
          "sum",
          "sum_squared",
          "min",
          "max",
          "mean",
          "variance",
          "stddev");

  private final Connection c;

  public FlatExporter(Connection connection) {
    this.c = connection;
  }

  /**
   * Writes the suite's stats and predictions under {@code outDir}.
   *
   * @param format {@code csv} or {@code jsonl}
   * @return the files written
   */
  public List<Path> export(String suite, Path outDir, String format)
      throws SQLException, IOException {
    List<HelmExporter.RunRow> runs = HelmExporter.runs(c, suite);
    Files.createDirectories(outDir);
    boolean csv = "csv".equals(format);
    List<Path> files = new ArrayList<>();
    HelmExporter helm = new HelmExporter(c);
    Path statsFile = outDir.resolve(csv ? "stats.csv" : "stats.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(statsFile, StandardCharsets.UTF_8)) {
      if (csv) {
        w.write(String.join(",", STAT_COLUMNS));
        w.write('\n');
      }
      for (HelmExporter.RunRow run : runs) {
        ArrayNode stats = helm.stats(run.id());
        for (JsonNode s : stats) {
          if (csv) {
            w.write(statRow(run.name(), s));
          } else {
            ObjectNode line = HelmJson.MAPPER.createObjectNode();
            line.put("run", run.name());
            line.setAll((ObjectNode) s);
            w.write(line.toString());
          }
          w.write('\n');
        }
      }
    }
    files.add(statsFile);
    if (csv) {
      Path predictions = outDir.resolve("predictions.csv");
      try (BufferedWriter w = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
        w.write(
            "run,instance_id,perturbation,train_trial_index,reference_index,request_mode,"
                + "request_time,success,text\n");
        for (HelmExporter.RunRow run : runs) {
          writePredictions(run, w, true);
        }
      }
      files.add(predictions);
    } else {
      for (HelmExporter.RunRow run : runs) {
        Path predictions =
            outDir.resolve(HelmExporter.folderName(run.name()) + ".predictions.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
          writePredictions(run, w, false);
        }
        files.add(predictions);
      }
    }
    return files;
  }

  private void writePredictions(HelmExporter.RunRow run, BufferedWriter w, boolean csv)
      throws SQLException, IOException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.instance_id, i.perturbation, q.train_trial_index, q.reference_index,"
                + " q.request_mode, c.request_time, c.success, c.completions_json FROM request q"
                + " JOIN instance i ON i.run_id = q.run_id AND i.seq = q.instance_seq"
                + " JOIN completion c ON c.request_id = q.id WHERE q.run_id = ? ORDER BY q.seq")) {
      ps.setLong(1, run.id());
      ps.setFetchSize(256);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonNode completions = Json.read(rs.getString(8));
          int referenceIndex = rs.getInt(4);
          boolean hasReference = !rs.wasNull();
          if (csv) {
            List<String> cells =
                List.of(
                    run.name(),
                    rs.getString(1),
                    nullToEmpty(rs.getString(2)),
                    Integer.toString(rs.getInt(3)),
                    hasReference ? Integer.toString(referenceIndex) : "",
                    nullToEmpty(rs.getString(5)),
                    number(rs.getDouble(6)),
                    Boolean.toString(rs.getBoolean(7)),
                    completions.size() > 0 ? completions.get(0).path("text").asText() : "");
            w.write(csvRow(cells));
            w.write('\n');
            continue;
          }
          if (completions.size() == 0) {
            continue; // a failed request: the predictions format needs a completion
          }
          ObjectNode line = HelmJson.MAPPER.createObjectNode();
          line.put("instance_id", rs.getString(1));
          if (rs.getString(2) != null) {
            line.put("perturbation", rs.getString(2));
          }
          line.put("train_trial_index", rs.getInt(3));
          if (hasReference) {
            line.put("reference_index", referenceIndex);
          }
          if (rs.getString(5) != null) {
            line.put("request_mode", rs.getString(5));
          }
          line.put("request_time", rs.getDouble(6));
          ArrayNode out = line.putArray("completions");
          for (JsonNode co : completions) {
            ObjectNode o = out.addObject();
            o.set("text", co.path("text"));
            o.set("logprob", co.path("logprob"));
            o.set("tokens", co.path("tokens"));
          }
          w.write(line.toString());
          w.write('\n');
        }
      }
    }
  }

  private static String statRow(String run, JsonNode s) {
    JsonNode name = s.path("name");
    JsonNode p = name.path("perturbation");
    List<String> cells = new ArrayList<>();
    cells.add(run);
    cells.add(name.path("name").asText());
    cells.add(name.path("split").asText(""));
    cells.add(name.path("sub_split").asText(""));
    cells.add(p.path("name").asText(""));
    cells.add(p.path("computed_on").asText(""));
    cells.add(Long.toString(s.path("count").asLong()));
    for (String k : List.of("sum", "sum_squared", "min", "max", "mean", "variance", "stddev")) {
      cells.add(s.has(k) ? number(s.get(k).asDouble()) : "");
    }
    return csvRow(cells);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format(Locale.ROOT, "%.1f", v)
        : Double.toString(v);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** One CSV row (RFC 4180 quoting). */
  static String csvRow(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = cells.get(i);
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }
}
