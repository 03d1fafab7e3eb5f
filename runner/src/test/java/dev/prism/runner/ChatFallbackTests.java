package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multiple-choice run on a chat-only deployment records the fallback it used. */
class ChatFallbackTests {
  @TempDir Path dir;

  @Test
  void chatOnlyDeploymentGetsTheSingleLetterInstructionAndTheRunSaysSo() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(
          models,
          "model_deployments:\n  - name: local/chat\n    adapter: openai-compatible\n"
              + "    model: chat-model\n    base_url: "
              + provider.baseUrl()
              + "\n    api: chat\n    max_sequence_length: 8192\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:model=local/chat",
              "--models",
              models.toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      try (Connection c =
              DriverManager.getConnection("jdbc:h2:file:" + out.toAbsolutePath().resolve("prism"));
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT note FROM run_note")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).contains("chat-only").contains("single letter");
        }
        try (ResultSet rs = s.executeQuery("SELECT prompt FROM request ORDER BY seq LIMIT 1")) {
          rs.next();
          assertThat(rs.getString(1)).contains("Answer with only a single letter.");
        }
      }
      assertThat(Files.readString(out.resolve("site/leaderboard.json"))).contains("chat-only");
    }
  }
}
