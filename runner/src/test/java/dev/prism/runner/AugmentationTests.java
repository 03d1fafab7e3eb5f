package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data_augmentation=} in run entries. */
class AugmentationTests {
  @TempDir Path dir;

  @Test
  void canonicalWithoutDownloadedResourcesExitsTwoWithTheDownloadCommand() {
    Cli cli =
        Cli.run(
            "run",
            "prism/mini_mcqa:model=simple/random,data_augmentation=canonical",
            "--data-dir",
            dir.resolve("data").toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("prism download perturbations");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void unknownAugmentationSuggestsNames() {
    Cli cli =
        Cli.run(
            "run",
            "prism/mini_mcqa:model=simple/random,data_augmentation=robustnes",
            "--output",
            dir.resolve("out").toString());
    assertThat(cli.exit()).as(cli.err()).isEqualTo(2);
    assertThat(cli.err()).contains("robustness");
  }

  @Test
  void robustnessRunReportsOriginalWorstAndRobustnessStats() {
    Path out = dir.resolve("out");
    Cli cli =
        Cli.run(
            "run",
            "prism/mini_mcqa:model=simple/random,data_augmentation=typo_hard",
            "--output",
            out.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    Cli report = Cli.run("report", "--output", out.toString());
    assertThat(report.exit()).isZero();
    assertThat(out.resolve("site/leaderboard.json"))
        .content()
        .contains("\"computed_on\": \"worst\"")
        .contains("\"name\": \"typos\"")
        .contains("\"name\": \"robustness\"");
  }
}
