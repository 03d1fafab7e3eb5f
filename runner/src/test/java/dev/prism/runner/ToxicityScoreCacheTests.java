package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Toxicity scores are cached in the database like model calls: {@code prism run} (a child process,
 * since the Perspective key comes from the environment) scores each distinct text once, a later run
 * on the same database sends nothing and stores the same stats, and a refused call is not cached.
 * Perspective is a loopback MockWebServer speaking its wire format.
 */
class ToxicityScoreCacheTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "perspective-test-key-123";

  /** Echoed back by simple/echo, so these are the completions; three are repeats. */
  private static final List<String> TEXTS =
      List.of(
          "you are kind",
          "you are kind",
          "what an idiot",
          "over quota",
          "hello there",
          "hello there",
          "over quota",
          "fine");

  @TempDir Path dir;

  private final MockWebServer perspective = new MockWebServer();
  private final Map<String, AtomicInteger> callsByText = new ConcurrentHashMap<>();
  private volatile boolean refuseQuota = true;
  private Path scenario;

  @BeforeEach
  void start() throws IOException {
    perspective.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String text;
            try {
              text = JSON.readTree(request.getBody().utf8()).at("/comment/text").asText();
            } catch (IOException e) {
              return json(400, "{\"error\":{\"message\":\"bad JSON\"}}");
            }
            callsByText.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            if (refuseQuota && text.contains("quota")) {
              return json(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\"}}");
            }
            double score = text.contains("idiot") ? 0.92 : text.length() / 100.0;
            return json(
                200,
                "{\"attributeScores\":{\"TOXICITY\":{\"spanScores\":[{\"begin\":0,\"end\":"
                    + text.length()
                    + ",\"score\":{\"value\":"
                    + score
                    + ",\"type\":\"PROBABILITY\"}}],\"summaryScore\":{\"value\":"
                    + score
                    + ",\"type\":\"PROBABILITY\"}}},\"languages\":[\"en\"]}");
          }
        });
    perspective.start();
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < TEXTS.size(); i++) {
      jsonl.append(
          JSON.writeValueAsString(
              Map.of(
                  "id",
                  "i" + i,
                  "input",
                  Map.of("text", TEXTS.get(i)),
                  "references",
                  List.of(Map.of("output", Map.of("text", "x"), "tags", List.of("correct"))),
                  "split",
                  "test")));
      jsonl.append('\n');
    }
    Files.writeString(dir.resolve("tox.jsonl"), jsonl);
    scenario =
        Files.writeString(
            dir.resolve("tox.yaml"),
            "name: acme/tox\ninstances: tox.jsonl\n"
                + "prompt_format: {method: generation, max_tokens: 20, num_outputs: 1}\n"
                + "metrics: ['toxicity_metric:scorer=perspective']\n");
  }

  @AfterEach
  void stop() {
    perspective.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void eachTextIsScoredOnceAcrossRunsAndFailuresAreNotCached() throws Exception {
    String url = Stores.url(dir.resolve("out"));

    run("first");
    // Each distinct text sent once; the refused one three times (Perspective's retries).
    assertThat(callsByText)
        .containsOnlyKeys("you are kind", "what an idiot", "over quota", "hello there", "fine");
    callsByText.forEach(
        (text, calls) -> assertThat(calls).as(text).hasValue(text.equals("over quota") ? 3 : 1));
    assertThat(stat(url, "first", "toxicity_scoring_failed")).isEqualTo(2.0 / 8);
    assertThat(note(url, "first"))
        .contains(
            "toxicity_metric:scorer=perspective: 8 completion texts: 4 scored by perspective,"
                + " 0 from the score cache, 3 repeats, 1 failed (not cached)");
    assertThat(Stores.count(url, "SELECT COUNT(*) FROM metric_cache")).isEqualTo(4);
    assertThat(
            Stores.count(
                url, "SELECT COUNT(*) FROM metric_cache WHERE scorer_key LIKE '%" + KEY + "%'"))
        .isZero();

    refuseQuota = false;
    callsByText.clear();
    run("second");
    assertThat(callsByText).containsOnlyKeys("over quota");
    assertThat(callsByText.get("over quota")).hasValue(1);
    assertThat(stat(url, "second", "toxicity_scoring_failed")).isZero();
    assertThat(stat(url, "second", "expected_max_toxicity"))
        .isCloseTo(expectedMaxToxicity(), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(note(url, "second")).contains("1 scored by perspective, 4 from the score cache");

    callsByText.clear();
    run("third");
    assertThat(callsByText).as("nothing sent again").isEmpty();
    assertThat(stats(url, "third")).isNotEmpty().isEqualTo(stats(url, "second"));
    assertThat(note(url, "third")).contains("0 scored by perspective, 5 from the score cache");
  }

  /** The mean over instances of the one completion's score, as the server above scores it. */
  private static double expectedMaxToxicity() {
    return TEXTS.stream()
        .mapToDouble(t -> t.contains("idiot") ? 0.92 : t.length() / 100.0)
        .average()
        .orElseThrow();
  }

  @Test
  void scoreWithDbKeepsScoresForTheNextScoreCommand() throws Exception {
    refuseQuota = false;
    StringBuilder predictions = new StringBuilder();
    for (int i = 0; i < TEXTS.size(); i++) {
      predictions.append(
          JSON.writeValueAsString(
              Map.of(
                  "instance_id", "i" + i, "completions", List.of(Map.of("text", TEXTS.get(i))))));
      predictions.append('\n');
    }
    Path preds = Files.writeString(dir.resolve("preds.jsonl"), predictions);
    String db = "jdbc:h2:file:" + dir.resolve("scores").toAbsolutePath();
    String[] score = {
      "score", "--scenario", scenario.toString(), "--predictions", preds.toString(), "--db", db
    };

    Cli first = prism("score1", score);
    assertThat(callsByText.values())
        .as("five distinct texts")
        .hasSize(5)
        .allMatch(c -> c.get() == 1);
    assertThat(first.err()).contains("5 scored by perspective, 0 from the score cache, 3 repeats");
    callsByText.clear();
    Cli second = prism("score2", score);
    assertThat(callsByText).as("no scorer call").isEmpty();
    assertThat(second.err()).contains("0 scored by perspective, 5 from the score cache");
    assertThat(second.out())
        .isEqualTo(first.out())
        .containsPattern("(?m)^expected_max_toxicity +test +1 ");
    // Without --db nothing is kept: the server is asked again.
    prism("score3", Arrays.copyOf(score, score.length - 2));
    assertThat(callsByText).hasSize(5);
  }

  private void run(String suite) throws Exception {
    prism(
        suite,
        "run",
        scenario + ":model=simple/echo",
        "--suite",
        suite,
        "--no-report",
        "--output",
        dir.resolve("out").toString());
  }

  /** Runs prism in a child process with the Perspective key set; it must succeed. */
  private Cli prism(String name, String... args) throws Exception {
    Cli cli =
        Cli.child(
            dir,
            name,
            Map.of(
                "PERSPECTIVE_API_KEY",
                KEY,
                "PERSPECTIVE_API_BASE_URL",
                perspective.url("/v1alpha1").toString()),
            args);
    assertThat(cli.exit()).as(cli.err()).isZero();
    return cli;
  }

  private static double stat(String url, String suite, String name) throws Exception {
    return stats(url, suite).stream()
        .filter(row -> row.startsWith(name + "|"))
        .mapToDouble(row -> Double.parseDouble(row.substring(row.lastIndexOf('|') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stat " + name));
  }

  /** The run's stat rows as "name|split|perturbation|count|sum|mean", sorted; runtimes left out. */
  private static List<String> stats(String url, String suite) throws Exception {
    return rows(
        url,
        "SELECT s.name, s.split, s.perturbation_json, s.count, s.sum, s.mean FROM stat s"
            + " JOIN run r ON r.id = s.run_id JOIN suite u ON u.id = r.suite_id"
            + " WHERE u.name = ? AND s.name NOT LIKE '%runtime%'",
        suite);
  }

  private static String note(String url, String suite) throws Exception {
    return String.join(
        "\n",
        rows(
            url,
            "SELECT n.note FROM run_note n JOIN run r ON r.id = n.run_id"
                + " JOIN suite u ON u.id = r.suite_id WHERE u.name = ?",
            suite));
  }

  private static List<String> rows(String url, String sql, String suite) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, suite);
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getString(i));
          }
          rows.add(String.join("|", row));
        }
      }
    }
    rows.sort(null);
    return rows;
  }
}
