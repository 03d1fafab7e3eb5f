package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism run --dry-run}: every request and its cost, without calling or storing. */
class DryRunTests {
  @TempDir Path dir;

  private static final Path FIXTURES =
      Path.of("../scenarios/src/test/resources/helm").toAbsolutePath().normalize();

  @Test
  void dataAbsentExitsTwoWithTheDownloadCommand() {
    Cli cli =
        Cli.run(
            "run",
            "helm/mmlu:subject=anatomy,model=openai/gpt-4o-mini",
            "--dry-run",
            "--data-dir",
            dir.resolve("none").toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("prism download mmlu");
  }

  @Test
  void dataPresentWritesRequestsAndEstimatesCostWithoutCallingOrStoring() throws Exception {
    Path requests = dir.resolve("requests.jsonl");
    Cli cli =
        Cli.run(
            "run",
            "helm/mmlu:subject=philosophy,model=openai/gpt-4o-mini",
            "--dry-run",
            "--requests-out",
            requests.toString(),
            "--data-dir",
            FIXTURES.toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = Files.readAllLines(requests);
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(0))
        .contains("\"model_deployment\":\"openai/gpt-4o-mini\"")
        .contains("The following are multiple choice questions");
    assertThat(cli.out()).contains("TOTAL").contains("helm/mmlu:subject=philosophy");
    String total = cli.out().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
    assertThat(total).doesNotContain("n/a");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void budgetBelowTheEstimateRefusesToStart() {
    Cli cli =
        Cli.run(
            "run",
            "helm/mmlu:subject=philosophy,model=openai/gpt-4o-mini",
            "--budget",
            "0.0000001",
            "--data-dir",
            FIXTURES.toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("exceeds --budget");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
