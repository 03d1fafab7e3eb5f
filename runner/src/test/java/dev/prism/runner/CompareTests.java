package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism report --compare A B}: deltas, flips and significance between two suites. */
class CompareTests {
  @TempDir Path dir;

  @Test
  void comparesTheSameScenarioAndModelAcrossSuites() throws Exception {
    Path out = dir.resolve("out");
    String o = out.toString();
    assertThat(
            Cli.run("run", "prism/arithmetic:model=simple/calculator", "--suite", "a", "-o", o)
                .exit())
        .isZero();
    assertThat(
            Cli.run(
                    "run",
                    "prism/arithmetic:model=simple/calculator,max_train_instances=0",
                    "--suite",
                    "b",
                    "-o",
                    o)
                .exit())
        .isZero();
    Cli cli = Cli.run("report", "--compare", "a", "b", "-o", o);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("prism/arithmetic")
        .contains("simple/calculator")
        .contains("exact_match")
        .contains("significant at the 0.05 level");

    // The page goes next to the site, and its path is printed.
    Path page = out.resolve("comparisons").resolve("a--vs--b.html").toAbsolutePath();
    assertThat(cli.out()).contains("Comparison page: " + page);
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<td>prism/arithmetic<br><span class=\"muted\">A: ")
        .contains("B: prism/arithmetic:max_train_instances=0,model=simple/calculator")
        .contains("<td>simple/calculator</td><td>exact_match</td>")
        .contains("default-src 'none'");

    Cli none = Cli.run("report", "--compare", "a", "nope", "-o", o);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("nope");
    assertThat(out.resolve("comparisons").resolve("a--vs--nope.html")).doesNotExist();
  }

  @Test
  void comparesTwoRunsNamedByRunOrSuiteAndRun() throws Exception {
    Path out = dir.resolve("out");
    String o = out.toString();
    for (String model : new String[] {"simple/calculator", "simple/random"}) {
      Cli run = Cli.run("run", "prism/arithmetic:model=" + model, "--suite", "s", "-o", o);
      assertThat(run.exit()).as(run.err()).isZero();
    }
    Cli cli =
        Cli.run(
            "report",
            "--compare",
            "prism/arithmetic:model=simple/calculator",
            "s:prism/arithmetic:model=simple/random",
            "-o",
            o,
            "--site",
            dir.resolve("pages").toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("A: s:prism/arithmetic:model=simple/calculator")
        .contains("B: s:prism/arithmetic:model=simple/random");
    Path page =
        dir.resolve("pages")
            .resolve(
                "s_prism_arithmetic_model_simple_calculator--vs--"
                    + "s_prism_arithmetic_model_simple_random.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    // The random model loses instances the calculator gets right: those flips are listed.
    assertThat(html).contains("1\u21920: correct in A only").contains("<article class=\"inst\">");

    // A run in two suites must be qualified by its suite.
    Cli again = Cli.run("run", "prism/arithmetic:model=simple/random", "--suite", "t", "-o", o);
    assertThat(again.exit()).as(again.err()).isZero();
    Cli ambiguous =
        Cli.run(
            "report",
            "--compare",
            "prism/arithmetic:model=simple/random",
            "s:prism/arithmetic:model=simple/calculator",
            "-o",
            o);
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("several suites (s, t)").contains("SUITE:RUN");
  }
}
