package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism export --format helm} and {@code prism import helm}, end to end through the CLI. */
class HelmInteropTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String url(Path out) {
    return "jdbc:h2:file:" + out.toAbsolutePath().resolve("prism");
  }

  /** Every stat row of a suite as one comparable string per stat, sorted. */
  private static List<String> statRows(Path out, String suite) throws SQLException, IOException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url(out));
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.name, t.name, t.split, t.sub_split, t.perturbation_json, t.count,"
                    + " t.sum, t.sum_squared, t.min_value, t.max_value, t.mean, t.variance,"
                    + " t.stddev FROM stat t JOIN run r ON r.id = t.run_id"
                    + " JOIN suite s ON s.id = r.suite_id WHERE s.name = ?")) {
      ps.setString(1, suite);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StringBuilder sb = new StringBuilder();
          for (int i = 1; i <= 13; i++) {
            Object v = rs.getObject(i);
            if (i == 5 && v != null) {
              v = JSON.readTree((String) v); // compare perturbations as JSON, not as text
            }
            sb.append(v).append(" | ");
          }
          rows.add(sb.toString());
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  private static long count(Path out, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(out));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void exportingARunToHelmAndImportingItBackYieldsIdenticalStats() throws Exception {
    Path a = dir.resolve("a");
    Cli run =
        Cli.run(
            "run",
            "prism/mini_mcqa:model=simple/random,data_augmentation=typo_hard",
            "--no-report",
            "--output",
            a.toString());
    assertThat(run.exit()).as(run.err()).isZero();

    Path helm = dir.resolve("benchmark_output/runs/default");
    Cli export =
        Cli.run(
            "export",
            "--format",
            "helm",
            "--suite",
            "default",
            "-o",
            a.toString(),
            "--to",
            helm.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    Path folder = helm.resolve("prism_mini_mcqa:data_augmentation=typo_hard,model=simple_random");
    assertThat(folder).isDirectory();
    for (String f :
        List.of(
            "run_spec.json",
            "scenario.json",
            "scenario_state.json",
            "stats.json",
            "per_instance_stats.json")) {
      assertThat(folder.resolve(f)).isRegularFile();
    }
    JsonNode spec = JSON.readTree(folder.resolve("run_spec.json").toFile());
    assertThat(spec.fieldNames())
        .toIterable()
        .containsExactly(
            "name",
            "scenario_spec",
            "adapter_spec",
            "metric_specs",
            "data_augmenter_spec",
            "groups");
    assertThat(spec.path("adapter_spec").path("model_deployment").asText())
        .isEqualTo("simple/random");
    assertThat(spec.path("data_augmenter_spec").path("perturbation_specs")).isNotEmpty();
    JsonNode state = JSON.readTree(folder.resolve("scenario_state.json").toFile());
    JsonNode first = state.path("request_states").get(0);
    assertThat(first.path("instance").path("input").path("text").isTextual()).isTrue();
    assertThat(first.path("request").path("model_deployment").asText()).isEqualTo("simple/random");
    assertThat(first.path("request").path("prompt").isTextual()).isTrue();
    assertThat(first.path("result").path("completions").get(0).has("tokens")).isTrue();
    assertThat(first.path("result").path("request_time").isNumber()).isTrue();
    for (JsonNode rs : state.path("request_states")) {
      // HELM writes it on every request state, last before annotations; Prism's is always 0.
      List<String> keys = new ArrayList<>();
      rs.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).endsWith("prompt_truncated", "num_conditioning_tokens");
      assertThat(rs.get("num_conditioning_tokens").isInt()).isTrue();
      assertThat(rs.get("num_conditioning_tokens").asInt()).isZero();
    }
    JsonNode scenario = JSON.readTree(folder.resolve("scenario.json").toFile());
    assertThat(scenario.fieldNames()).toIterable().containsExactly("name", "description", "tags");
    assertThat(scenario.path("name").asText()).isEqualTo("prism/mini_mcqa");
    assertThat(state.path("request_states").size())
        .isEqualTo((int) count(a, "SELECT COUNT(*) FROM request"));
    boolean perturbed = false;
    for (JsonNode p : JSON.readTree(folder.resolve("per_instance_stats.json").toFile())) {
      assertThat(p.has("instance_id") && p.has("train_trial_index") && p.has("stats")).isTrue();
      perturbed |= p.path("perturbation").path("name").asText().equals("typos");
    }
    assertThat(perturbed).as("per-instance stats of perturbed copies").isTrue();

    Path b = dir.resolve("b");
    Cli imported = Cli.run("import", "helm", helm.toString(), "--output", b.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Suite default: 1 runs imported");

    List<String> original = statRows(a, "default");
    assertThat(original).isNotEmpty().anyMatch(r -> r.contains("\"worst\""));
    assertThat(statRows(b, "default")).containsExactlyElementsOf(original);
    assertThat(count(b, "SELECT COUNT(*) FROM request"))
        .isEqualTo(count(a, "SELECT COUNT(*) FROM request"));
    assertThat(count(b, "SELECT COUNT(*) FROM per_instance_stat"))
        .isEqualTo(count(a, "SELECT COUNT(*) FROM per_instance_stat"));
    assertThat(count(b, "SELECT COUNT(*) FROM completion WHERE cached")).isZero();

    // Importing again skips the run; exporting the import gives the same stats.json back.
    Cli again = Cli.run("import", "helm", helm.toString(), "--output", b.toString());
    assertThat(again.out()).contains("1 skipped");
    Path back = dir.resolve("back");
    Cli reexport =
        Cli.run("export", "--suite", "default", "-o", b.toString(), "--to", back.toString());
    assertThat(reexport.exit()).as(reexport.err()).isZero();
    assertThat(Files.readString(back.resolve(folder.getFileName()).resolve("stats.json")))
        .isEqualTo(Files.readString(folder.resolve("stats.json")));

    Cli report = Cli.run("report", "--suite", "default", "--output", b.toString());
    assertThat(report.exit()).as(report.err()).isZero();
  }

  @Test
  void flatExportsWriteStatsAndPredictionsThatScoreReads() throws Exception {
    Path a = dir.resolve("a");
    assertThat(
            Cli.run("run", "prism/mini_mcqa:model=simple/random", "--no-report", "-o", a.toString())
                .exit())
        .isZero();
    Path csv = dir.resolve("csv");
    Cli c = Cli.run("export", "--format", "csv", "-o", a.toString(), "--to", csv.toString());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(Files.readAllLines(csv.resolve("stats.csv")).get(0)).startsWith("run,name,split");
    assertThat(Files.readAllLines(csv.resolve("predictions.csv")).size()).isGreaterThan(1);

    Path jsonl = dir.resolve("jsonl");
    Cli j = Cli.run("export", "--format", "jsonl", "-o", a.toString(), "--to", jsonl.toString());
    assertThat(j.exit()).as(j.err()).isZero();
    Path predictions = jsonl.resolve("prism_mini_mcqa:model=simple_random.predictions.jsonl");
    assertThat(predictions).isRegularFile();
    Cli score =
        Cli.run(
            "score",
            "--scenario",
            "prism/mini_mcqa",
            "--predictions",
            predictions.toString(),
            "--format",
            "json");
    assertThat(score.exit()).as(score.err()).isZero();
    assertThat(score.err()).doesNotContain("no saved prediction");
    Map<String, Double> scored = new HashMap<>();
    for (JsonNode s : JSON.readTree(score.out())) {
      if (s.path("name").path("perturbation").isMissingNode() && s.has("mean")) {
        scored.put(
            s.path("name").path("name").asText() + "/" + s.path("name").path("split").asText(),
            s.get("mean").asDouble());
      }
    }
    for (String line : Files.readAllLines(jsonl.resolve("stats.jsonl"))) {
      JsonNode s = JSON.readTree(line);
      if (s.path("name").path("name").asText().equals("exact_match")
          && s.path("name").path("perturbation").isMissingNode()) {
        assertThat(scored.get("exact_match/" + s.path("name").path("split").asText()))
            .isEqualTo(s.get("mean").asDouble());
      }
    }
  }

  /** {@code shared/reference/helm-runs}, found by walking up from the working directory. */
  private static Path helmRuns() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path candidate = p.resolve("shared/reference/helm-runs");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void importsEveryRealHelmRunWithItsStatsExactly() throws Exception {
    Path runs = helmRuns();
    Assumptions.assumeTrue(runs != null, "shared/reference/helm-runs not found; skipped");
    Path out = dir.resolve("real");
    int checked = 0;
    List<Path> sources;
    try (Stream<Path> s = Files.list(runs)) {
      sources = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path source : sources) {
      String suite = source.getFileName().toString();
      Cli imported = Cli.run("import", "helm", source.toString(), "--output", out.toString());
      assertThat(imported.exit()).as(imported.err()).isZero();
      List<Path> runFolders;
      try (Stream<Path> s = Files.list(source)) {
        runFolders =
            s.filter(p -> Files.isRegularFile(p.resolve("run_spec.json"))).sorted().toList();
      }
      Path exported = dir.resolve("export-" + suite);
      Cli export =
          Cli.run("export", "--suite", suite, "-o", out.toString(), "--to", exported.toString());
      assertThat(export.exit()).as(export.err()).isZero();
      for (Path run : runFolders) {
        assertStatsEqualFile(out, suite, run);
        assertScenarioAndConditioningTokensExported(run, exported.resolve(run.getFileName()));
        checked++;
      }
      Cli report =
          Cli.run(
              "report",
              "--suite",
              suite,
              "--output",
              out.toString(),
              "--site",
              dir.resolve("site-" + suite).toString());
      assertThat(report.exit()).as(report.err()).isZero();
      assertThat(dir.resolve("site-" + suite).resolve("index.html")).isRegularFile();
    }
    assertThat(checked).isEqualTo(6);
  }

  private static void assertStatsEqualFile(Path out, String suite, Path run) throws Exception {
    JsonNode file = JSON.readTree(run.resolve("stats.json").toFile());
    String name = JSON.readTree(run.resolve("run_spec.json").toFile()).path("name").asText();
    Map<String, Map<String, Object>> db = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url(out));
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT t.name, t.split, t.sub_split, t.perturbation_json, t.count, t.sum,"
                    + " t.sum_squared, t.min_value, t.max_value, t.mean, t.variance, t.stddev"
                    + " FROM stat t JOIN run r ON r.id = t.run_id"
                    + " JOIN suite s ON s.id = r.suite_id WHERE s.name = ? AND r.name = ?")) {
      ps.setString(1, suite);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key =
              key(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4) == null ? null : JSON.readTree(rs.getString(4)));
          Map<String, Object> values = new HashMap<>();
          String[] cols = {
            "count", "sum", "sum_squared", "min", "max", "mean", "variance", "stddev"
          };
          for (int i = 0; i < cols.length; i++) {
            values.put(cols[i], rs.getObject(5 + i));
          }
          assertThat(db.put(key, values)).as("duplicate stat %s", key).isNull();
        }
      }
    }
    assertThat(db).as(name).hasSize(file.size());
    for (JsonNode s : file) {
      JsonNode n = s.get("name");
      String key =
          key(
              n.get("name").asText(),
              n.has("split") ? n.get("split").asText() : null,
              n.has("sub_split") ? n.get("sub_split").asText() : null,
              n.get("perturbation"));
      Map<String, Object> values = db.get(key);
      assertThat(values).as("%s: stat %s", name, key).isNotNull();
      assertThat(((Number) values.get("count")).longValue()).isEqualTo(s.get("count").asLong());
      for (String f : List.of("sum", "sum_squared", "min", "max", "mean", "variance", "stddev")) {
        if (s.has(f)) {
          assertThat(values.get(f)).as("%s %s %s", name, key, f).isEqualTo(s.get(f).asDouble());
        } else {
          assertThat(values.get(f)).as("%s %s %s", name, key, f).isNull();
        }
      }
    }
    // Per-instance entries are merged per (instance, perturbation, trial).
    Set<String> distinct = new HashSet<>();
    for (JsonNode p : JSON.readTree(run.resolve("per_instance_stats.json").toFile())) {
      distinct.add(
          p.path("instance_id").asText()
              + "/"
              + p.path("perturbation")
              + "/"
              + p.path("train_trial_index").asInt());
    }
    assertThat(
            count(
                out,
                "SELECT COUNT(*) FROM per_instance_stat p JOIN run r ON r.id = p.run_id"
                    + " JOIN suite s ON s.id = r.suite_id WHERE s.name = '"
                    + suite
                    + "' AND r.name = '"
                    + name.replace("'", "''")
                    + "'"))
        .isEqualTo(distinct.size());
  }

  /** The exported folder has HELM's scenario.json and per-request conditioning tokens back. */
  private static void assertScenarioAndConditioningTokensExported(Path original, Path exported)
      throws IOException {
    JsonNode scenario = JSON.readTree(original.resolve("scenario.json").toFile());
    JsonNode back = JSON.readTree(exported.resolve("scenario.json").toFile());
    assertThat(back).as(exported.toString()).isEqualTo(scenario);
    assertThat(back.fieldNames()).toIterable().containsExactlyElementsOf(scenario::fieldNames);
    assertThat(conditioningTokens(exported)).isEqualTo(conditioningTokens(original));
  }

  private static List<Integer> conditioningTokens(Path run) throws IOException {
    List<Integer> tokens = new ArrayList<>();
    for (JsonNode rs :
        JSON.readTree(run.resolve("scenario_state.json").toFile()).path("request_states")) {
      tokens.add(
          rs.has("num_conditioning_tokens") ? rs.get("num_conditioning_tokens").asInt() : null);
    }
    return tokens;
  }

  @Test
  void languageModelingConditioningTokensAndScenarioTagsSurviveImportAndExport() throws Exception {
    Path suite = dir.resolve("runs/lm");
    Path run = suite.resolve("toy:model=a_b");
    writeToyRun(run, "toy:model=a_b", true);
    ObjectNode state = (ObjectNode) JSON.readTree(run.resolve("scenario_state.json").toFile());
    ArrayNode states = (ArrayNode) state.get("request_states");
    // A document split into two windows: the second conditions on the first window's tail.
    ObjectNode second = states.get(0).deepCopy();
    ((ObjectNode) second.get("request")).put("prompt", "the second window");
    ((ObjectNode) states.get(0)).put("num_conditioning_tokens", 0);
    second.put("num_conditioning_tokens", 384);
    states.add(second);
    JSON.writeValue(run.resolve("scenario_state.json").toFile(), state);
    Files.writeString(
        run.resolve("scenario.json"),
        "{\"name\": \"toy_lm\", \"description\": \"A toy <b>corpus</b>.\","
            + " \"tags\": [\"language_modeling\", \"toy\"],"
            + " \"definition_path\": \"https://example.org/toy_scenario.py\"}");

    Path out = dir.resolve("out");
    Cli imported = Cli.run("import", "helm", suite.toString(), "--output", out.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    Path back = dir.resolve("back");
    Cli export = Cli.run("export", "--suite", "lm", "-o", out.toString(), "--to", back.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(conditioningTokens(back.resolve("toy:model=a_b"))).containsExactly(0, 384);
    assertScenarioAndConditioningTokensExported(run, back.resolve("toy:model=a_b"));
    assertThat(
            JSON.readTree(back.resolve("toy:model=a_b").resolve("scenario.json").toFile())
                .path("tags"))
        .hasSize(2);
  }

  private static String key(String name, String split, String subSplit, JsonNode perturbation) {
    return name + "|" + split + "|" + subSplit + "|" + (perturbation == null ? "" : perturbation);
  }

  private static void writeToyRun(Path folder, String name, boolean withStats) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("run_spec.json"),
        "{\"name\": \""
            + name
            + "\", \"scenario_spec\": {\"class_name\": \"x.Toy\", \"args\": {}},"
            + " \"adapter_spec\": {\"method\": \"generation\", \"model_deployment\": \"a/b\"},"
            + " \"metric_specs\": [], \"groups\": [\"toy\"]}");
    Files.writeString(
        folder.resolve("scenario_state.json"),
        "{\"adapter_spec\": {}, \"request_states\": [{\"instance\": {\"id\": \"id1\","
            + " \"input\": {\"text\": \"q\"}, \"references\": [{\"output\": {\"text\": \"a\"},"
            + " \"tags\": [\"correct\"]}], \"split\": \"test\"}, \"train_trial_index\": 0,"
            + " \"request\": {\"model_deployment\": \"a/b\", \"prompt\": \"q\","
            + " \"temperature\": 0.0, \"num_completions\": 1, \"max_tokens\": 5,"
            + " \"stop_sequences\": [], \"echo_prompt\": false}, \"result\": {\"success\": true,"
            + " \"completions\": [{\"text\": \"a\", \"logprob\": 0.0, \"tokens\": []}],"
            + " \"cached\": false, \"request_time\": 0.5}, \"num_train_instances\": 0,"
            + " \"prompt_truncated\": false}]}");
    if (withStats) {
      Files.writeString(
          folder.resolve("stats.json"),
          "[{\"name\": {\"name\": \"exact_match\", \"split\": \"test\"}, \"count\": 1,"
              + " \"sum\": 1.0, \"sum_squared\": 1.0, \"min\": 1.0, \"max\": 1.0,"
              + " \"mean\": 1.0, \"variance\": 0.0, \"stddev\": 0.0}]");
    }
  }

  @Test
  void aRunFolderWithoutStatsJsonIsAUserErrorNamingTheFile() throws Exception {
    Path suite = dir.resolve("runs/v1");
    writeToyRun(suite.resolve("toy:model=a_b"), "toy:model=a_b", true);
    writeToyRun(suite.resolve("toy:model=c_d"), "toy:model=c_d", false);
    Path out = dir.resolve("out");
    Cli cli = Cli.run("import", "helm", suite.toString(), "--output", out.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(cli.err())
        .contains("prism: error: ")
        .contains(suite.resolve("toy:model=c_d").resolve("stats.json").toString());
    // All or nothing: the good run before it was rolled back too.
    assertThat(count(out, "SELECT COUNT(*) FROM run")).isZero();
    assertThat(count(out, "SELECT COUNT(*) FROM suite")).isZero();
    assertThat(count(out, "SELECT COUNT(*) FROM request")).isZero();

    Files.writeString(suite.resolve("toy:model=c_d").resolve("stats.json"), "[{\"name\": ");
    Cli bad = Cli.run("import", "helm", suite.toString(), "--output", out.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("stats.json").contains("bad JSON");
    assertThat(count(out, "SELECT COUNT(*) FROM run")).isZero();

    Files.writeString(
        suite.resolve("toy:model=c_d").resolve("stats.json"),
        "[{\"name\": {\"name\": \"exact_match\", \"split\": \"test\"}, \"count\": 0,"
            + " \"sum\": 0, \"sum_squared\": 0}]");
    Cli good = Cli.run("import", "helm", suite.toString(), "--output", out.toString());
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(good.out()).contains("Suite v1: 2 runs imported");
    assertThat(count(out, "SELECT COUNT(*) FROM stat WHERE mean IS NULL")).isEqualTo(1);

    Cli missing = Cli.run("import", "helm", dir.resolve("nope").toString(), "-o", out.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope");
  }
}
