package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.compare.SuiteComparison;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the generated site in real headless Chromium: the pages render their tables and instances,
 * hostile completions stay text (no script runs, no element is created by a payload), and nothing
 * is fetched from the network. Skipped, with the reason printed, when Chromium is not installed.
 */
class SiteBrowserTests {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Each payload, if it ever ran, would leave a mark in the DOM that the dump would show. */
  private static final String IMG_PAYLOAD =
      "<img src=x onerror=alert(1)><img src=x onerror=\"document.body.dataset.pwned='img'\">";

  private static final String SCRIPT_PAYLOAD =
      "<script>alert(1)</script><script>document.title='PWNED'</script>";

  @TempDir static Path tmp;
  private static Path site;
  private static Path comparison;

  @BeforeAll
  static void writeSite() throws IOException {
    if (!Files.isExecutable(CHROMIUM)) {
      System.out.println("SiteBrowserTests skipped: " + CHROMIUM + " is not installed");
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed");
    List<RunReport> runs = new ArrayList<>();
    for (String model : List.of("evil/m1", "good/m2")) {
      List<InstanceView> instances = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        boolean correct = model.startsWith("good") || i == 0;
        String completion = correct ? "Paris" : (i == 1 ? IMG_PAYLOAD : SCRIPT_PAYLOAD);
        instances.add(
            new InstanceView(
                "id" + i,
                "test",
                null,
                0,
                "Q: capital of France? " + SCRIPT_PAYLOAD + "\nA:",
                List.of(new ReferenceView("Paris", true), new ReferenceView(IMG_PAYLOAD, false)),
                List.of(completion),
                false,
                null,
                Map.of("exact_match", correct ? 1.0 : 0.0)));
        instances.add(
            new InstanceView(
                "id" + i,
                "test",
                "typos",
                0,
                "Q: captial of Frnace?\nA:",
                List.of(new ReferenceView("Paris", true)),
                List.of(completion),
                false,
                null,
                Map.of("exact_match", correct ? 1.0 : 0.0)));
      }
      double mean = model.startsWith("good") ? 1.0 : 1.0 / 3;
      runs.add(
          new RunReport(
              "capitals:model=" + model,
              "capitals",
              "Capitals " + SCRIPT_PAYLOAD,
              model,
              "generation",
              "exact_match",
              List.of(dev.prism.reports.ReportFixtures.stat("exact_match", "test", mean)),
              instances,
              List.of("warning " + IMG_PAYLOAD)));
    }
    site = SiteWriter.write(new SuiteReport("browser", runs), tmp.resolve("site")).getParent();
    // The good model's run as "before", the evil one's as "after": every instance but id0 flips.
    comparison =
        ComparisonWriter.write(
            "before",
            "after " + IMG_PAYLOAD,
            List.of(SuiteComparison.compareRuns(runs.get(1), runs.get(0))),
            tmp.resolve("comparisons"));
  }

  @Test
  void indexRendersTheLeaderboardWithoutRunningAnything() throws Exception {
    String dom = dumpDom(site.resolve("index.html"), "index");
    assertThat(dom)
        .contains("<table class=\"leaderboard\">")
        .contains("<td>evil/m1</td>")
        .contains("<td>good/m2</td>")
        .contains("<label for=\"t0\">Accuracy</label>")
        .contains("<svg class=\"plot\"");
    assertNothingRan(dom);
  }

  @Test
  void runPageRendersInstancesWithPayloadsAsText() throws Exception {
    String dom = dumpDom(site.resolve("runs/capitals_model_evil_m1.html"), "run");
    assertThat(dom)
        .contains("<article class=\"inst ok\">")
        .contains("<article class=\"inst bad\">")
        .contains("<h4>typos</h4>")
        // The payloads are text: escaped in the serialized DOM.
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
    assertNothingRan(dom);
  }

  @Test
  void comparePageRendersBothModels() throws Exception {
    String dom =
        chromium(
            List.of("--dump-dom", site.resolve("compare/capitals_.html").toUri().toString()),
            "compare");
    assertThat(dom).contains("<tr class=\"diff\">").contains("<tr class=\"same\">");
    assertNothingRan(dom);
  }

  @Test
  void comparisonPageRendersFlipsWithPayloadsAsText() throws Exception {
    String dom = dumpDom(comparison, "comparison");
    assertThat(dom)
        .contains("<table class=\"comparison\">")
        .contains("1→0: correct in A only (2)")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
    assertNothingRan(dom);
  }

  @Test
  void pagesCannotReachTheNetwork() throws IOException {
    try (Stream<Path> walk = Stream.concat(Files.walk(site), Stream.of(comparison))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(html)
            .as(p.toString())
            .contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                    + " style-src 'unsafe-inline'\">");
        Matcher refs =
            Pattern.compile("\\s(?:href|src|action|srcset|xlink:href)=\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
          String ref = refs.group(1).toLowerCase(Locale.ROOT);
          assertThat(ref)
              .as(p + ": " + ref)
              .doesNotContain(":")
              .doesNotStartWith("//")
              .doesNotStartWith("/");
        }
      }
    }
  }

  private static void assertNothingRan(String dom) {
    String lower = dom.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("pwned\"");
    assertThat(dom).doesNotContain("data-pwned").doesNotContain("<title>PWNED</title>");
  }

  /** Runs Chromium with {@code --dump-dom} and saves a screenshot under {@code target/}. */
  private static String dumpDom(Path page, String name) throws Exception {
    String url = page.toUri().toString();
    String dom = chromium(List.of("--dump-dom", url), name + "-dom");
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    chromium(
        List.of(
            "--screenshot=" + shots.resolve(name + ".png").toAbsolutePath(),
            "--window-size=1280,900",
            url),
        name + "-shot");
    assertThat(shots.resolve(name + ".png")).isNotEmptyFile();
    return dom;
  }

  private static String chromium(List<String> args, String name) throws Exception {
    Path profile = Files.createTempDirectory(tmp, "profile-");
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(args);
    Path err = tmp.resolve(name + ".stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as(() -> "chromium failed: " + read(err)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
