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

  @Test
  void listModelsAlignsLangchain4jKindsAndNamesTheirKeys(@TempDir Path dir) throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        """
        model_deployments:
          - name: acme/claude-via-lc4j
            adapter: langchain4j-anthropic
            model: claude-3-5-haiku-20241022
            max_sequence_length: 200000
          - name: acme/gpt-via-lc4j
            adapter: langchain4j-openai
            model: gpt-4o-mini
            max_sequence_length: 128000
        """);
    Cli cli = Cli.run("list", "models", "--models", models.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = cli.out().lines().toList();
    int context = lines.get(0).indexOf("CONTEXT") + "CONTEXT".length();
    String claude = line(lines, "acme/claude-via-lc4j");
    String gpt = line(lines, "acme/gpt-via-lc4j");
    // Numbers are right-aligned under their header even with a 21-character adapter kind.
    assertThat(claude.substring(0, context)).endsWith("200000");
    assertThat(gpt.substring(0, context)).endsWith("128000");
    assertThat(claude).contains("ANTHROPIC_API_KEY").contains("chat,multiple_completions");
    assertThat(gpt).contains("OPENAI_API_KEY").contains("logprobs").contains("top_logprobs");
  }

  private static String line(List<String> lines, String deployment) {
    return lines.stream().filter(l -> l.startsWith(deployment + " ")).findFirst().orElseThrow();
  }

  @Test
  void listModelsSaysWhichKeysAreMissingWithoutShowingThem(@TempDir Path dir) throws IOException {
    Path keyFile = dir.resolve("vllm.key");
    Files.writeString(keyFile, "sk-test-not-a-real-key-0123456789");
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        """
        model_deployments:
          - name: acme/unset
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            api_key_env: PRISM_TEST_VARIABLE_NOBODY_SETS
          - name: acme/set
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            api_key_env: PATH
          - name: acme/from-file
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            api_key_file: vllm.key
          - name: acme/gone-file
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
            api_key_file: nowhere.key
          - name: acme/local
            adapter: openai-compatible
            model: m
            base_url: http://localhost:1/v1
            max_sequence_length: 4096
        """);
    Cli cli = Cli.run("list", "models", "--models", models.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(row(lines, "acme/unset"))
        .containsSubsequence("PRISM_TEST_VARIABLE_NOBODY_SETS", "(missing)");
    assertThat(row(lines, "acme/set")).contains("PATH").doesNotContain("(missing)");
    assertThat(row(lines, "acme/from-file")).contains("file").doesNotContain("(missing)");
    assertThat(row(lines, "acme/gone-file")).containsSubsequence("file", "(missing)");
    assertThat(row(lines, "acme/local")).contains("-").doesNotContain("(missing)");
    assertThat(row(lines, "openai/gpt-4o")).contains("OPENAI_API_KEY");
    assertThat(cli.out()).doesNotContain("sk-test-not-a-real-key");
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
