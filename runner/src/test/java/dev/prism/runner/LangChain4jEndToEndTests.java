package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.testkit.FakeProvider;
import dev.prism.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prism run} on the langchain4j route (kind {@code langchain4j-openai}) against the loopback
 * fake provider with 20% faulty responses of every kind: the engine's retries work through
 * langchain4j's exceptions as through the own clients, so every request ends completed or failed
 * with its error kind, nothing is answered twice, and no SLF4J warning reaches the user.
 */
class LangChain4jEndToEndTests {
  @TempDir Path dir;

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void faultyProviderThroughLangchain4jLosesNothingAndPaysNothingTwice() throws Exception {
    FakeProvider.Config config =
        FakeProvider.Config.instant()
            .withFaults(
                0.2,
                List.of(
                    Fault.RATE_LIMIT,
                    Fault.SERVER_ERROR,
                    Fault.TIMEOUT,
                    Fault.MALFORMED_JSON,
                    Fault.TRUNCATED_BODY,
                    Fault.CONNECTION_RESET),
                1500,
                7);
    try (FakeProvider provider = FakeProvider.start(config)) {
      Files.writeString(dir.resolve("fake.key"), "sk-fake-0123456789\n");
      Path models = dir.resolve("models.yaml");
      Files.writeString(
          models,
          "model_deployments:\n"
              + "  - name: local/lc4j\n"
              + "    adapter: langchain4j-openai\n"
              + "    model: fake-model\n"
              + "    base_url: "
              + provider.baseUrl()
              + "\n"
              + "    api_key_file: fake.key\n"
              + "    read_timeout_s: 1\n"
              + "    max_sequence_length: 4096\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/arithmetic:num_instances=200,model=local/lc4j",
              "--models",
              models.toString(),
              "--concurrency",
              "16",
              "--max-attempts",
              "4",
              "--no-report",
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      assertThat(cli.err()).doesNotContain("SLF4J");
      String url = "jdbc:h2:file:" + out.toAbsolutePath().resolve("prism");
      try (Connection c = DriverManager.getConnection(url)) {
        long requests = count(c, "SELECT COUNT(*) FROM request");
        assertThat(requests).isEqualTo(200);
        assertThat(count(c, "SELECT COUNT(*) FROM completion")).isEqualTo(requests);
        assertThat(
                count(
                    c, "SELECT COUNT(*) FROM completion WHERE NOT success AND error_kind IS NULL"))
            .isZero();
        long distinctSucceeded =
            count(
                c,
                "SELECT COUNT(DISTINCT q.cache_key) FROM request q JOIN completion k"
                    + " ON k.request_id = q.id WHERE k.success");
        assertThat(provider.duplicateSuccesses()).isZero();
        assertThat(provider.distinctSuccessfulRequests()).isEqualTo(distinctSucceeded);
        assertThat(provider.successfulCalls()).isEqualTo(distinctSucceeded);
        assertThat(count(c, "SELECT COUNT(*) FROM completion WHERE NOT success")).isLessThan(5);
        assertThat(provider.calls()).isGreaterThan(provider.successfulCalls());
      }
      // Chat-only, so the prompt went as one user message to /chat/completions.
      ObjectMapper json = new ObjectMapper();
      for (String body : provider.successfulBodies()) {
        JsonNode messages = json.readTree(body).path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
      }
    }
  }

  @Test
  void separateMultipleChoiceFallsBackToTopLogprobsAndSaysSo() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Files.writeString(dir.resolve("fake.key"), "sk-fake-0123456789\n");
      Path models = dir.resolve("models.yaml");
      Files.writeString(
          models,
          "model_deployments:\n  - name: local/lc4j\n    adapter: langchain4j-openai\n"
              + "    model: fake-model\n    api_key_file: fake.key\n    base_url: "
              + provider.baseUrl()
              + "\n    max_sequence_length: 8192\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=multiple_choice_separate_original,model=local/lc4j",
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
          assertThat(rs.getString(1))
              .contains("needs prompt log-probabilities")
              .contains("scored as multiple_choice_joint");
        }
        // The letters' log-probabilities came back through langchain4j and were stored.
        try (ResultSet rs =
            s.executeQuery("SELECT completions_json FROM completion WHERE success")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).contains("\"top_logprobs\":{\"42\":-0.1}");
        }
      }
      ObjectMapper json = new ObjectMapper();
      assertThat(provider.successfulBodies()).isNotEmpty();
      for (String body : provider.successfulBodies()) {
        JsonNode b = json.readTree(body);
        assertThat(b.path("logprobs").asBoolean()).isTrue();
        assertThat(b.path("top_logprobs").asInt()).isEqualTo(5);
      }
    }
  }
}
