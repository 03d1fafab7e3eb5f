package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt method chat from a declarative scenario file, through the CLI, to a chat server. */
class ChatEndToEndTests {
  @TempDir Path dir;

  private Path scenario;

  private static final String SYSTEM =
      "{\"role\": \"system\", \"content\": \"Answer with a number.\"}";

  @BeforeEach
  void writeScenario() throws Exception {
    Files.writeString(
        dir.resolve("chat.jsonl"),
        "{\"id\": \"c0\", \"input\": {\"messages\": ["
            + SYSTEM
            + ", {\"role\": \"user\", \"content\": \"6 times 7?\"}]},"
            + " \"references\": [{\"output\": {\"text\": \"42\"}, \"tags\": [\"correct\"]}]}\n"
            + "{\"id\": \"c1\", \"input\": {\"messages\": ["
            + "{\"role\": \"user\", \"content\": \"2+2?\"},"
            + " {\"role\": \"assistant\", \"content\": \"4\"},"
            + " {\"role\": \"user\", \"content\": \"And 40+2?\"}]},"
            + " \"references\": [{\"output\": {\"text\": \"42\"}, \"tags\": [\"correct\"]}]}\n");
    scenario = dir.resolve("chat.yaml");
    Files.writeString(
        scenario,
        "name: local/chat\ninstances: chat.jsonl\nprompt_format:\n  method: chat\n"
            + "  instructions: ignored, as by HELM's chat adapter\n  max_tokens: 5\n"
            + "  num_outputs: 1\n  temperature: 0\n");
  }

  private Path chatModels(FakeProvider provider) throws Exception {
    return Files.writeString(
        dir.resolve("models.yaml"),
        "model_deployments:\n  - name: local/chat\n    adapter: openai-compatible\n"
            + "    model: chat-model\n    base_url: "
            + provider.baseUrl()
            + "\n    api: chat\n    logprobs: false\n    max_sequence_length: 8192\n");
  }

  @Test
  void theServerReceivesEachInstancesMessagesAndTheRunStoresAndShowsThem() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              scenario + ":model=local/chat",
              "--models",
              chatModels(provider).toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();

      assertThat(provider.successfulBodies())
          .containsExactly(
              "{\"model\":\"chat-model\",\"messages\":["
                  + "{\"role\":\"system\",\"content\":\"Answer with a number.\"},"
                  + "{\"role\":\"user\",\"content\":\"6 times 7?\"}],"
                  + "\"temperature\":0.0,\"max_tokens\":5}",
              "{\"model\":\"chat-model\",\"messages\":["
                  + "{\"role\":\"user\",\"content\":\"2+2?\"},"
                  + "{\"role\":\"assistant\",\"content\":\"4\"},"
                  + "{\"role\":\"user\",\"content\":\"And 40+2?\"}],"
                  + "\"temperature\":0.0,\"max_tokens\":5}");
      try (Connection c =
              DriverManager.getConnection("jdbc:h2:file:" + out.toAbsolutePath().resolve("prism"));
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT prompt, params_json, num_prompt_tokens FROM request ORDER BY seq")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEmpty();
          assertThat(rs.getString(2))
              .contains(
                  "\"messages\":[{\"content\":\"Answer with a number.\",\"role\":\"system\"},"
                      + "{\"content\":\"6 times 7?\",\"role\":\"user\"}]");
          assertThat(rs.getInt(3)).as("message contents are counted").isPositive();
        }
        try (ResultSet rs =
            s.executeQuery(
                "SELECT mean FROM stat WHERE name = 'exact_match' AND split = 'test'"
                    + " AND perturbation_json IS NULL")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).isEqualTo(1.0); // the fake server answers "42"
        }
      }
      try (Stream<Path> files = Files.walk(out.resolve("site"))) {
        List<Path> pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        boolean shown = false;
        for (Path page : pages) {
          shown |= Files.readString(page).contains("[user]\n2+2?\n\n[assistant]\n4");
        }
        assertThat(shown).as("the instance browser shows the messages under their roles").isTrue();
      }

      // HELM's scenario_state.json carries the messages on the request, as HELM writes them.
      Path helm = dir.resolve("helm");
      Cli export =
          Cli.run(
              "export",
              "--format",
              "helm",
              "--suite",
              "default",
              "-o",
              out.toString(),
              "--to",
              helm.toString());
      assertThat(export.exit()).as(export.err()).isZero();
      try (Stream<Path> files = Files.walk(helm)) {
        Path state = files.filter(p -> p.endsWith("scenario_state.json")).findFirst().orElseThrow();
        assertThat(Files.readString(state).replaceAll("\\s+", ""))
            .contains(
                "\"messages\":[{\"content\":\"2+2?\",\"role\":\"user\"},"
                    + "{\"content\":\"4\",\"role\":\"assistant\"},"
                    + "{\"content\":\"And40+2?\",\"role\":\"user\"}]");
      }
      // Imported back, a chat request is stored as Prism stores its own: an empty prompt, the
      // messages in the parameters, the same cache key; also from a file whose chat requests have
      // no "prompt" key at all.
      try (Stream<Path> files = Files.walk(helm)) {
        Path state = files.filter(p -> p.endsWith("scenario_state.json")).findFirst().orElseThrow();
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(state.toFile());
        for (JsonNode rs : root.path("request_states")) {
          ((ObjectNode) rs.path("request")).remove("prompt");
        }
        json.writeValue(state.toFile(), root);
      }
      Path back = dir.resolve("back");
      Cli imported = Cli.run("import", "helm", helm.toString(), "--output", back.toString());
      assertThat(imported.exit()).as(imported.err()).isZero();
      assertThat(requestRows(back)).isEqualTo(requestRows(out));
    }
  }

  private static List<String> requestRows(Path output) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + output.toAbsolutePath().resolve("prism"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT prompt, params_json, cache_key FROM request ORDER BY seq")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
      }
      return rows;
    }
  }

  @Test
  void aDeploymentWithoutTheChatCapabilityIsRefusedBeforeAnyCall() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path models = Files.writeString(dir.resolve("models.yaml"), provider.modelsYaml("local/raw"));
      Cli cli =
          Cli.run(
              "run",
              scenario + ":model=local/raw",
              "--models",
              models.toString(),
              "--output",
              dir.resolve("out").toString());

      assertThat(cli.exit()).isEqualTo(2);
      assertThat(cli.err())
          .contains(
              "prompt method chat sends chat messages, but model 'local/raw' (adapter"
                  + " openai-compatible) does not provide CHAT")
          .contains("'api: chat'");
      assertThat(provider.calls()).isZero();
    }
  }

  @Test
  void aDryRunWritesTheMessagesAndCountsTheirTokens() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path requests = dir.resolve("requests.jsonl");
      Cli cli =
          Cli.run(
              "run",
              scenario + ":model=local/chat",
              "--models",
              chatModels(provider).toString(),
              "--dry-run",
              "--requests-out",
              requests.toString(),
              "--output",
              dir.resolve("out").toString());
      assertThat(cli.exit()).as(cli.err()).isZero();

      List<String> lines = Files.readAllLines(requests);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(1))
          .contains(
              "\"messages\":[{\"content\":\"2+2?\",\"role\":\"user\"},"
                  + "{\"content\":\"4\",\"role\":\"assistant\"},"
                  + "{\"content\":\"And 40+2?\",\"role\":\"user\"}]")
          .contains("\"prompt\":\"\"");
      String total = cli.out().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
      // TOTAL, 2 requests, then the prompt tokens of the six message contents.
      assertThat(Long.parseLong(total.trim().split("\\s+")[2])).isPositive();
      assertThat(provider.calls()).isZero();
    }
  }
}
