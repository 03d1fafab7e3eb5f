package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prism.testkit.FakeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multiple_choice_separate_original}, {@code _calibrated} and {@code language_modeling}
 * through the CLI against a loopback server speaking OpenAI's legacy {@code /v1/completions} with
 * {@code echo} and {@code logprobs}, as HELM's OpenAI client uses it.
 */
class SeparateMethodsEndToEndTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");

  @TempDir Path dir;

  /**
   * Echoes the prompt split into words (leading whitespace attached), the first token without a
   * log-probability; every other token gets -0.05 when {@code liked} accepts the prompt, else -1.
   */
  private static final class EchoServer implements AutoCloseable {
    final HttpServer server;
    final Predicate<String> liked;
    final List<JsonNode> bodies = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    EchoServer(Predicate<String> liked) throws IOException {
      this.liked = liked;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/completions", this::answer);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange ex) throws IOException {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      synchronized (bodies) {
        bodies.add(body);
      }
      calls.incrementAndGet();
      String prompt = body.get("prompt").asText();
      boolean good = liked.test(prompt);
      ObjectNode root = JSON.createObjectNode().put("object", "text_completion");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0).put("text", prompt).put("finish_reason", "length");
      ObjectNode lp = choice.putObject("logprobs");
      ArrayNode tokens = lp.putArray("tokens");
      ArrayNode logprobs = lp.putArray("token_logprobs");
      ArrayNode top = lp.putArray("top_logprobs");
      ArrayNode offsets = lp.putArray("text_offset");
      Matcher m = TOKEN.matcher(prompt);
      boolean first = true;
      while (m.find()) {
        tokens.add(m.group());
        offsets.add(m.start());
        if (first) {
          logprobs.addNull();
          top.addNull();
          first = false;
        } else {
          double v = good ? -0.05 : -1.0;
          logprobs.add(v);
          top.addObject().put(m.group(), v);
        }
      }
      byte[] out = JSON.writeValueAsBytes(root);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** "question answer" for each correct answer of the bundled mini_mcqa scenario. */
  private static Set<String> rightPrompts() throws IOException {
    Set<String> prompts = new HashSet<>();
    try (InputStream in =
        SeparateMethodsEndToEndTests.class.getResourceAsStream(
            "/dev/prism/scenarios/builtin/mini_mcqa.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode instance = JSON.readTree(line);
        for (JsonNode ref : instance.get("references")) {
          if (ref.get("tags").toString().contains("correct")) {
            prompts.add(
                instance.get("input").get("text").asText()
                    + " "
                    + ref.get("output").get("text").asText());
          }
        }
      }
    }
    return prompts;
  }

  private Path models(EchoServer server) throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        "model_deployments:\n  - name: local/base\n    adapter: openai-compatible\n"
            + "    model: base-model\n    base_url: "
            + server.baseUrl()
            + "\n    api: completions\n    max_sequence_length: 2048\n"
            + "    tokenizer_name: openai/r50k_base\n");
    return models;
  }

  private static double stat(Connection c, String name) throws Exception {
    return Stores.mean(c, name, "test");
  }

  private static Connection db(Path out) throws Exception {
    return Stores.open(out);
  }

  @Test
  void separateOriginalPicksTheLikeliestContinuation() throws Exception {
    Set<String> right = rightPrompts();
    try (EchoServer server = new EchoServer(right::contains)) {
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=multiple_choice_separate_original,model=local/base",
              "--models",
              models(server).toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();

      // 20 test questions x 4 options, one echo request each.
      assertThat(server.calls.get()).isEqualTo(80);
      JsonNode body = server.bodies.get(0);
      assertThat(body.get("echo").asBoolean()).isTrue();
      assertThat(body.get("max_tokens").asInt()).isZero();
      assertThat(body.has("logprobs")).isTrue();
      try (Connection c = db(out)) {
        assertThat(stat(c, "exact_match")).isEqualTo(1.0);
        // Every instance: softmax of (-0.05, -1, -1, -1) per token, correct one first.
        double expected = 1 / (1 + 3 * Math.exp(-0.95));
        assertThat(stat(c, "max_prob")).isCloseTo(expected, within(1e-12));
        assertThat(stat(c, "ece_10_bin")).isCloseTo(1 - expected, within(1e-12));
        assertThat(stat(c, "num_references")).isEqualTo(4.0);
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT prompt, reference_index, request_mode FROM request ORDER BY seq LIMIT 1")) {
          rs.next();
          assertThat(rs.getString(1)).doesNotContain("Question:").doesNotContain("\n");
          assertThat(rs.getInt(2)).isZero();
          assertThat(rs.getString(3)).isEqualTo("original");
        }
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT COUNT(*) FROM stat WHERE name = 'quasi_exact_match'")) {
          rs.next();
          assertThat(rs.getInt(1)).as("HELM has no quasi_exact_match for separate").isZero();
        }
      }
    }
  }

  @Test
  void separateCalibratedDividesByTheAnswerOnlyProbability() throws Exception {
    // Likes a right answer wherever it ends the prompt: after its question and after "Answer:".
    List<String> answers =
        rightPrompts().stream().map(p -> p.substring(p.lastIndexOf("? ") + 1)).toList();
    try (EchoServer server = new EchoServer(p -> answers.stream().anyMatch(p::endsWith))) {
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=multiple_choice_separate_calibrated,model=local/base",
              "--models",
              models(server).toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();

      try (Connection c = db(out);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT COUNT(*) FROM request WHERE request_mode = 'calibration'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(80);
      }
      // Equal calibration prompts ("Answer: Paris" for two questions) share one call.
      assertThat(server.calls.get()).isBetween(80, 160);
      assertThat(server.bodies)
          .anySatisfy(b -> assertThat(b.get("prompt").asText()).startsWith("Answer: "));
      try (Connection c = db(out)) {
        // The server likes a correct answer as much after "Answer:" as after the question, so
        // every option scores 0: a four-way tie, a quarter right.
        assertThat(stat(c, "exact_match")).isEqualTo(0.25);
        assertThat(stat(c, "predicted_index")).isZero();
        assertThat(stat(c, "max_prob")).isCloseTo(0.25, within(1e-12));
      }
    }
  }

  @Test
  void languageModelingReportsPerplexityAndBitsPerByte() throws Exception {
    try (EchoServer server = new EchoServer(p -> false)) {
      Path scenario = dir.resolve("docs.yaml");
      Path docs = dir.resolve("docs.jsonl");
      Files.writeString(
          docs,
          "{\"input\": {\"text\": \"the quick brown fox\"}, \"references\": [], \"split\":"
              + " \"test\"}\n");
      Files.writeString(
          scenario,
          "name: local/docs\ninstances: docs.jsonl\nprompt_format:\n  method: language_modeling\n"
              + "  max_tokens: 0\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              scenario + ":model=local/base",
              "--models",
              models(server).toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();

      assertThat(server.calls.get()).isEqualTo(1);
      try (Connection c = db(out)) {
        // Echo tokens "the", " quick", " brown", " fox": the first has no log-probability (0).
        assertThat(stat(c, "logprob")).isCloseTo(-3.0, within(1e-12));
        assertThat(stat(c, "num_perplexity_tokens")).isEqualTo(4.0);
        assertThat(stat(c, "num_bytes")).isEqualTo(19.0);
        assertThat(stat(c, "perplexity")).isCloseTo(Math.exp(3.0 / 4), within(1e-12));
        assertThat(stat(c, "bits_per_byte")).isCloseTo(3.0 / 19 / Math.log(2), within(1e-12));
      }
    }
  }

  private Path chatModels(FakeProvider provider) throws IOException {
    Path models = dir.resolve("chat.yaml");
    Files.writeString(
        models,
        "model_deployments:\n  - name: local/chat\n    adapter: openai-compatible\n"
            + "    model: chat-model\n    base_url: "
            + provider.baseUrl()
            + "\n    api: chat\n    max_sequence_length: 8192\n");
    return models;
  }

  @Test
  void withoutPromptLogprobsSeparateFallsBackToTheScenariosJointFormat() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=multiple_choice_separate_original,model=local/chat",
              "--models",
              chatModels(provider).toString(),
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      try (Connection c = db(out);
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT note FROM run_note ORDER BY note")) {
          List<String> notes = new ArrayList<>();
          while (rs.next()) {
            notes.add(rs.getString(1));
          }
          assertThat(notes)
              .anySatisfy(
                  n ->
                      assertThat(n)
                          .contains("multiple_choice_separate_original")
                          .contains("scored as multiple_choice_joint"));
        }
        try (ResultSet rs = s.executeQuery("SELECT prompt FROM request ORDER BY seq LIMIT 1")) {
          rs.next();
          assertThat(rs.getString(1))
              .startsWith("The following are multiple choice questions (with answers).")
              .contains("Answer with only a single letter.")
              .contains("Question: ")
              .endsWith("Answer:");
        }
      }
    }
  }

  @Test
  void languageModelingWithoutPromptLogprobsIsAUserError() throws Exception {
    try (FakeProvider provider = FakeProvider.start(FakeProvider.Config.instant())) {
      Cli cli =
          Cli.run(
              "run",
              "prism/mini_mcqa:method=language_modeling,model=local/chat",
              "--models",
              chatModels(provider).toString(),
              "--output",
              dir.resolve("out").toString());
      assertThat(cli.exit()).isEqualTo(2);
      assertThat(cli.err())
          .contains("language_modeling scores prompt log-probabilities")
          .contains("does not provide PROMPT_LOGPROBS");
      assertThat(provider.calls()).isZero();
    }
  }
}
