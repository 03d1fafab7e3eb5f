package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism report --compare A B}: deltas, flips and significance between two suites. */
class CompareTests {
  @TempDir Path dir;

  @Test
  void comparesTheSameScenarioAndModelAcrossSuites() {
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

    Cli none = Cli.run("report", "--compare", "a", "nope", "-o", o);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("nope");
  }
}
