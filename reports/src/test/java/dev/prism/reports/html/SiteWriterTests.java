package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.SuiteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTests {
  private static final Map<String, Boolean> LOWER = Map.of("toxic_frac", true);

  @TempDir Path tmp;

  @Test
  void writesIndexRunPagesAndJson() throws IOException {
    Path out = tmp.resolve("site");
    Path index = SiteWriter.write(ReportFixtures.smallSuite(), out, LOWER);

    assertThat(index).isEqualTo(out.toAbsolutePath().resolve("index.html"));
    assertThat(files(out).keySet())
        .containsExactly(
            "compare/qa_.html",
            "compare/toxicity_.html",
            "groups/qa.html",
            "groups/toxicity.html",
            "index.html",
            "leaderboard.json",
            "runs/qa_model_alpha_m1.html",
            "runs/qa_model_beta_m2.html",
            "runs/toxicity_model_alpha_m1.html",
            "runs/toxicity_model_beta_m2.html",
            "tables/accuracy.csv",
            "tables/accuracy.json",
            "tables/accuracy.md",
            "tables/accuracy.tex",
            "tables/general_information.csv",
            "tables/general_information.json",
            "tables/general_information.md",
            "tables/general_information.tex",
            "tables/robustness.csv",
            "tables/robustness.json",
            "tables/robustness.md",
            "tables/robustness.tex",
            "tables/toxicity.csv",
            "tables/toxicity.json",
            "tables/toxicity.md",
            "tables/toxicity.tex");
    // No staging or backup folders are left next to the site.
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("site");
    }
    String html = read(index);
    assertThat(html)
        .contains("<a href=\"runs/qa_model_alpha_m1.html\">0.500</a>")
        .contains("<td class=\"num best\"><strong>1.000</strong></td>")
        .contains("<li><a href=\"runs/qa_model_beta_m2.html\">qa:model=beta/m2</a></li>")
        .contains("<a href=\"groups/qa.html\">qa</a>")
        .contains("<label for=\"t0\">Accuracy</label>")
        .contains("<label for=\"t1\">Robustness</label>")
        .contains("<svg class=\"plot\"")
        .contains("demo &lt;suite&gt;");
    assertThat(read(out.resolve("tables/accuracy.csv")))
        .isEqualTo(
            "Model,Mean win rate,qa - EM,toxicity - Toxic fraction\n"
                + "alpha/m1,0.0,0.5,0.30000000000000004\n"
                + "beta/m2,1.0,0.75,0.1\n");
    assertThat(read(out.resolve("groups/qa.html")))
        .contains("<a href=\"../compare/qa_.html\">qa:</a>")
        .contains("<li><a href=\"../runs/qa_model_alpha_m1.html\">qa:model=alpha/m1</a></li>");
  }

  @Test
  void runPageShowsStatsInstancesAndWarnings() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out, LOWER);
    String page = read(out.resolve("runs/qa_model_alpha_m1.html"));

    assertThat(page)
        .contains("<h1>qa:model=alpha/m1</h1>")
        .contains("<a href=\"../index.html\">")
        .contains("<a href=\"../groups/qa.html\">qa</a>")
        .contains("<li>1 of 3 requests failed: &lt;429&gt;</li>")
        .contains("<p class=\"error\">rate limited: &lt;429&gt;</p>")
        .contains("<li class=\"correct\" title=\"correct\">\u2713 &lt;b&gt;yes&lt;/b&gt;</li>")
        .contains("<li>no</li>")
        .contains("<li>exact_match: 0.000</li><li>num_output_tokens: 7.000</li>")
        .contains("<td>robustness (worst)</td>")
        // The empty stat shows dashes, not NaN.
        .contains("<td>training_energy_cost</td><td>test</td><td></td><td></td>")
        .contains("<input type=\"radio\" name=\"f\" id=\"f-bad\">")
        .doesNotContain("NaN");
    // Stats sorted by name, split, perturbation; instances by natural id, original first.
    assertThat(page.indexOf("<td>exact_match</td><td>test</td><td></td><td></td>"))
        .isLessThan(page.indexOf("<td>exact_match</td><td>test</td><td></td><td>robustness"))
        .isLessThan(page.indexOf("<td>exact_match</td><td>valid</td>"))
        .isLessThan(page.indexOf("<td>num_instances</td>"));
    // id1's original and its typos variant share one article; id1 is incorrect, id2 correct.
    assertThat(page)
        .contains(
            "<article class=\"inst bad\"><h3>id1 <span class=\"muted\">test \u00b7 trial 0"
                + " \u00b7 incorrect</span></h3>")
        .contains("<article class=\"inst ok\"><h3>id2 ")
        .contains("<article class=\"inst\"><h3>id10 ");
    assertThat(page.indexOf("<h3>id1 "))
        .isLessThan(page.indexOf("<h4>original</h4>"))
        .isLessThan(page.indexOf("<h4>typos <span class=\"muted\">(cached)</span></h4>"))
        .isLessThan(page.indexOf("<h3>id2 "))
        .isLessThan(page.indexOf("<h3>id10 "));
  }

  @Test
  void longRunsAreSplitIntoPages() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(
        ReportFixtures.smallSuite(), out, SiteOptions.defaults().withInstancesPerPage(1));
    assertThat(files(out).keySet())
        .contains(
            "runs/qa_model_alpha_m1.html",
            "runs/qa_model_alpha_m1~p2.html",
            "runs/qa_model_alpha_m1~p3.html")
        .doesNotContain("runs/qa_model_alpha_m1~p4.html");
    String first = read(out.resolve("runs/qa_model_alpha_m1.html"));
    String third = read(out.resolve("runs/qa_model_alpha_m1~p3.html"));
    assertThat(first)
        .contains("<h2>Stats</h2>")
        .contains("Page 1 of 3: <strong>1</strong><a href=\"qa_model_alpha_m1~p2.html\">2</a>")
        .contains("<h3>id1 ")
        .doesNotContain("<h3>id2 ");
    assertThat(third).doesNotContain("<h2>Stats</h2>").contains("<h3>id10 ");
  }

  @Test
  void runPageShowsAdapterSettings() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(
        ReportFixtures.smallSuite(),
        out,
        SiteOptions.defaults()
            .withAdapterSettings(
                Map.of("qa:model=alpha/m1", Map.of("max_tokens", "5", "instructions", "<b>"))));
    assertThat(read(out.resolve("runs/qa_model_alpha_m1.html")))
        .contains(
            "<h2>Adapter settings</h2>\n<dl class=\"meta adapter\">\n"
                + "<dt>instructions</dt><dd>&lt;b&gt;</dd>\n<dt>max_tokens</dt><dd>5</dd>\n");
  }

  @Test
  void compareViewHighlightsDisagreements() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.pairedSuite(), out);
    String page = read(out.resolve("compare/qa_.html"));
    assertThat(page)
        .contains("<th scope=\"col\">a</th><th scope=\"col\">b</th>")
        .contains("<tr class=\"diff\"><td>id0")
        .contains("<tr class=\"same\"><td>id1")
        .contains("<input type=\"checkbox\" id=\"only-diff\">");
    // The index marks b as not significantly different from a, with the interval as tooltip.
    assertThat(read(out.resolve("index.html")))
        .contains("<td class=\"num tie\" title=\"95% CI ")
        .contains("McNemar, 4 pairs), not significant\">");
  }

  @Test
  void escapesEveryModelAndDataString() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out, LOWER);
    String page = read(out.resolve("runs/qa_model_alpha_m1.html"));

    assertThat(page)
        .contains("<pre class=\"completion\">&lt;script&gt;alert(1)&lt;/script&gt;</pre>")
        .contains(
            "Q: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;\nA:")
        .doesNotContain(ReportFixtures.XSS_COMPLETION)
        .doesNotContain("<img");
    // Attribute values are escaped too (the scenario description is a header tooltip).
    assertThat(read(out.resolve("index.html")))
        .contains("title=\"Question answering &lt;with tags&gt;.");
    for (Map.Entry<String, String> f : files(out).entrySet()) {
      String lower = f.getValue().toLowerCase(java.util.Locale.ROOT);
      assertThat(lower).as(f.getKey()).doesNotContain("<script", "http://", "https://", "<img");
      assertThat(lower).as(f.getKey()).doesNotContain("<link", "@import", "url(");
      // No tag the pages emit loads anything or carries an event handler.
      Matcher tags = Pattern.compile("<[^>]*>").matcher(lower);
      while (tags.find()) {
        // Attribute names only: quoted values (escaped text) are blanked first.
        String names = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
        assertThat(names).as(f.getKey()).doesNotContainPattern("\\s(src|on[a-z]+|style)=");
      }
    }
  }

  @Test
  void sameReportGivesSameBytes() throws IOException {
    SuiteReport suite = ReportFixtures.smallSuite();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    SiteWriter.write(suite, a, LOWER);
    // Input order must not matter either.
    List<dev.prism.reports.model.RunReport> reversed = new java.util.ArrayList<>(suite.runs());
    java.util.Collections.reverse(reversed);
    SiteWriter.write(new SuiteReport(suite.suite(), reversed), b, LOWER);
    assertThat(files(b)).isEqualTo(files(a));
    SiteWriter.write(suite, a, LOWER);
    assertThat(files(a)).isEqualTo(files(b));
  }

  @Test
  void leaderboardJsonHasTableAndHelmShapedStats() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out, LOWER);
    JsonNode root = new ObjectMapper().readTree(out.resolve("leaderboard.json").toFile());

    assertThat(root.get("suite").asText()).isEqualTo("demo <suite>");
    JsonNode board = root.get("leaderboard");
    assertThat(board.get("header").findValuesAsText("value"))
        .containsExactly("Model", "Mean win rate", "qa", "toxicity");
    assertThat(board.get("header").get(3).get("lower_is_better").asBoolean()).isTrue();
    assertThat(board.get("header").get(0).has("lower_is_better")).isFalse();
    JsonNode beta = board.get("rows").get(1);
    assertThat(beta.get(0).get("display_value").asText()).isEqualTo("beta/m2");
    assertThat(beta.get(0).get("value").isNull()).isTrue();
    assertThat(beta.get(1).get("value").asDouble()).isEqualTo(1.0);
    assertThat(beta.get(2).get("value").asDouble()).isEqualTo(0.75);
    assertThat(beta.get(2).get("href").asText()).isEqualTo("runs/qa_model_beta_m2.html");

    JsonNode runs = root.get("runs");
    assertThat(runs.findValuesAsText("run_name"))
        .containsExactly(
            "qa:model=alpha/m1",
            "qa:model=beta/m2",
            "toxicity:model=alpha/m1",
            "toxicity:model=beta/m2");
    JsonNode stats = runs.get(0).get("stats");
    assertThat(stats).hasSize(5);
    JsonNode em = stats.get(0);
    assertThat(em.toString())
        .isEqualTo(
            "{\"name\":{\"name\":\"exact_match\",\"split\":\"test\"},\"count\":1,\"sum\":0.5,"
                + "\"sum_squared\":0.25,\"min\":0.5,\"max\":0.5,\"mean\":0.5,\"variance\":0.0,"
                + "\"stddev\":0.0}");
    assertThat(stats.get(1).get("name").toString())
        .isEqualTo(
            "{\"name\":\"exact_match\",\"split\":\"test\",\"perturbation\":{\"name\":\"robustness\","
                + "\"robustness\":true,\"fairness\":false,\"computed_on\":\"worst\"}}");
    JsonNode empty = stats.get(4);
    assertThat(empty.toString())
        .isEqualTo(
            "{\"name\":{\"name\":\"training_energy_cost\",\"split\":\"test\"},\"count\":0,"
                + "\"sum\":0.0,\"sum_squared\":0.0}");
    assertThat(runs.get(2).get("stats").get(0).get("name").get("sub_split").asText())
        .isEqualTo("non-toxic");
  }

  @Test
  void replacesAPreviousSiteCompletely() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out);
    SuiteReport smaller = new SuiteReport("s", List.of(ReportFixtures.smallSuite().runs().get(0)));
    SiteWriter.write(smaller, out);
    assertThat(files(out).keySet())
        .containsExactly(
            "groups/toxicity.html",
            "index.html",
            "leaderboard.json",
            "runs/toxicity_model_beta_m2.html",
            "tables/accuracy.csv",
            "tables/accuracy.json",
            "tables/accuracy.md",
            "tables/accuracy.tex",
            "tables/toxicity.csv",
            "tables/toxicity.json",
            "tables/toxicity.md",
            "tables/toxicity.tex");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("site");
    }
  }

  @Test
  void writesIntoAnEmptyExistingFolderAndCreatesParents() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    SiteWriter.write(ReportFixtures.smallSuite(), empty);
    assertThat(empty.resolve("index.html")).exists();
    Path nested = tmp.resolve("a/b/site");
    SiteWriter.write(ReportFixtures.smallSuite(), nested);
    assertThat(nested.resolve("index.html")).exists();
  }

  @Test
  void refusesToReplaceAFolderWithOtherFiles() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("prism-output"));
    Files.writeString(out.resolve("prism.mv.db"), "precious");
    assertThatThrownBy(() -> SiteWriter.write(ReportFixtures.smallSuite(), out))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("holds files that are not part of a Prism site (prism.mv.db)");
    assertThat(out.resolve("prism.mv.db")).hasContent("precious");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("prism-output");
    }
  }

  @Test
  void refusesToReplaceAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("site"), "x");
    assertThatThrownBy(() -> SiteWriter.write(ReportFixtures.smallSuite(), file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("it is a file");
  }

  @Test
  void failedWriteLeavesThePreviousSiteAndNoLeftovers() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out);
    Map<String, String> before = files(out);
    int[] written = {0};
    SiteWriter.FileHook failThird =
        file -> {
          if (++written[0] == 3) {
            throw new IOException("disk full");
          }
        };
    SuiteReport other = new SuiteReport("other", ReportFixtures.smallSuite().runs());
    assertThatThrownBy(() -> SiteWriter.write(other, out, Map.of(), failThird))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
    assertThat(files(out)).isEqualTo(before);
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("site");
    }
  }

  @Test
  void failedFirstWriteLeavesNothing() {
    Path out = tmp.resolve("site");
    SiteWriter.FileHook fail =
        file -> {
          throw new IllegalStateException("boom");
        };
    assertThatThrownBy(() -> SiteWriter.write(ReportFixtures.smallSuite(), out, Map.of(), fail))
        .isInstanceOf(IllegalStateException.class);
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void emptySuiteStillWritesASite() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(new SuiteReport("empty", List.of()), out);
    assertThat(files(out).keySet()).containsExactly("index.html", "leaderboard.json");
    assertThat(read(out.resolve("index.html"))).contains("<p>No runs yet.</p>");
  }

  /** Every file under {@code dir} by relative path ('/'-separated), sorted, with its content. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        result.put(dir.relativize(p).toString().replace('\\', '/'), read(p));
      }
    }
    return result;
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
