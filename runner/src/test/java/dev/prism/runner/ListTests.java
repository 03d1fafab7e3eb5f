package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListTests {
  @Test
  void listsBuiltInScenariosModelsAndMetrics() {
    Cli scenarios = Cli.run("list", "scenarios");
    assertThat(scenarios.exit()).isZero();
    assertThat(scenarios.out()).contains("prism/arithmetic").contains("prism/mini_mcqa");
    Cli models = Cli.run("list", "models");
    assertThat(models.exit()).isZero();
    assertThat(models.out())
        .contains("simple/calculator")
        .contains("simple/echo")
        .contains("simple/random")
        .contains("replay");
    Cli metrics = Cli.run("list", "metrics");
    assertThat(metrics.exit()).isZero();
    assertThat(metrics.out())
        .contains("exact_match")
        .contains("quasi_exact_match")
        .contains("f1_score")
        .contains("family=accuracy");
  }

  @Test
  void listModelsShowsEveryConfiguredRateLimit(@TempDir Path dir) throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        """
        model_deployments:
          - name: acme/limited
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            max_concurrency: 8
            requests_per_minute: 500
            tokens_per_minute: 200000
          - name: acme/tokens-only
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            tokens_per_minute: 30000
        """);
    Cli cli = Cli.run("list", "models", "--models", models.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines.get(0).split("\\s+"))
        .containsSubsequence("CONTEXT", "$/1M", "IN", "$/1M", "OUT", "CONC", "RPM", "TPM");
    assertThat(row(lines, "acme/limited"))
        .containsSubsequence("4096", "-", "-", "8", "500", "200000");
    assertThat(row(lines, "acme/tokens-only"))
        .containsSubsequence("4096", "-", "-", "-", "-", "30000");
  }

  private static List<String> row(List<String> lines, String deployment) {
    return lines.stream()
        .filter(l -> l.startsWith(deployment + " "))
        .findFirst()
        .map(l -> List.of(l.split("\\s+")))
        .orElseThrow();
  }

  @Test
  void unknownListTargetIsAUsageError() {
    Cli cli = Cli.run("list", "modles");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).startsWith("prism: error:");
  }
}
