package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One separate multiple-choice entry on a deployment with prompt log-probabilities and on a
 * chat-only one (which falls back to joint): the leaderboard keeps the two methods in separate
 * columns.
 */
class ScoringMethodColumnsTests {
  @TempDir Path dir;

  @Test
  void runsScoredByDifferentMethodsAreNotRankedInOneColumn() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(
          models,
          provider.modelsYaml("local/completions")
              + "  - name: local/chat\n    adapter: openai-compatible\n    model: chat-model\n"
              + "    base_url: "
              + provider.baseUrl()
              + "\n    api: chat\n    max_sequence_length: 8192\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=multiple_choice_separate_original,model=local/completions",
              "prism/mini_mcqa:method=multiple_choice_separate_original,model=local/chat",
              "--models",
              models.toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      String leaderboard = Files.readString(out.resolve("site/leaderboard.json"));
      assertThat(leaderboard)
          .contains("[multiple_choice_separate_original]")
          .contains("[multiple_choice_joint]")
          .contains("are in their own column and are not ranked against these");
    }
  }
}
