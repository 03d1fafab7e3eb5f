package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prism.adapters.tokenizer.Tokenizer;
import dev.prism.adapters.tokenizer.Tokenizers;
import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.scenarios.io.InstanceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm/msmarco} ({@code ranking_binary}) through the CLI on the scenario's test fixture,
 * against a loopback {@code /v1/completions} server that answers Yes or No for the passage each
 * prompt asks about.
 */
class RankingEndToEndTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DATA =
      Path.of("../scenarios/src/test/resources/helm").toAbsolutePath().normalize();

  /**
   * The passages judged relevant (1) to each query in the fixture's regular_qrels.tsv, as
   * "qid/docid" (201/9 is judged 0).
   */
  private static final Set<String> RELEVANT = Set.of("200/3", "201/8", "203/12");

  /**
   * The passage and query the prompt asks about: the fixture's passages say "Passage N about ...",
   * its queries end with their id.
   */
  private static final Pattern ASKED =
      Pattern.compile(
          "Passage: (?:Passage|Quoted start of passage) (\\d+)[^\\n]*\\n"
              + "Query: [^\\n]* (\\d+)\\n[^\\n]*\\nAnswer:$");

  @TempDir Path dir;

  /**
   * Answers " Yes" (log-probability -0.1) when {@code yes} accepts the asked "qid/docid", else "
   * No".
   */
  private static final class JudgeServer implements AutoCloseable {
    final HttpServer server;
    final Predicate<String> yes;
    final List<String> prompts = new ArrayList<>();

    JudgeServer(Predicate<String> yes) throws IOException {
      this.yes = yes;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/completions", this::answer);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange ex) throws IOException {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      String prompt = body.get("prompt").asText();
      synchronized (prompts) {
        prompts.add(prompt);
      }
      Matcher m = ASKED.matcher(prompt);
      String text;
      int status = 200;
      if (m.find()) {
        text = yes.test(m.group(2) + "/" + m.group(1)) ? " Yes" : " No";
      } else {
        text = " ?";
        status = 400; // the prompt is not a ranking prompt: fail the test loudly
      }
      ObjectNode root = JSON.createObjectNode().put("object", "text_completion");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0).put("text", text).put("finish_reason", "stop");
      ObjectNode lp = choice.putObject("logprobs");
      lp.putArray("tokens").add(text);
      lp.putArray("token_logprobs").add(-0.1);
      lp.putArray("top_logprobs").addObject().put(text, -0.1);
      lp.putArray("text_offset").add(prompt.length());
      byte[] out = JSON.writeValueAsBytes(root);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private Path models(JudgeServer server) throws IOException {
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

  private Path run(JudgeServer server) throws IOException {
    Path out = dir.resolve("out");
    Cli cli =
        Cli.run(
            "run",
            "helm/msmarco:track=regular,valid_topk=11,model=local/base",
            "--models",
            models(server).toString(),
            "--data-dir",
            DATA.toString(),
            "--output",
            out.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    return out;
  }

  private static double stat(Connection c, String name) throws Exception {
    return Stores.mean(c, name, "valid");
  }

  private static Connection db(Path out) throws Exception {
    return Stores.open(out);
  }

  @Test
  void aModelThatSaysYesToTheRelevantPassagesRanksThemFirst() throws Exception {
    try (JudgeServer server = new JudgeServer(RELEVANT::contains)) {
      Path out = run(server);

      try (Connection c = db(out)) {
        assertThat(stat(c, "RR@10")).isEqualTo(1.0);
        assertThat(stat(c, "Success@1")).isEqualTo(1.0);
        // The fixture's relevant passages are judged but not in their query's top-k list, so
        // among the top 11 ranked passages alone none is relevant.
        assertThat(stat(c, "RR@10 (topk=11)")).isZero();
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT COUNT(*), COUNT(reference_index), MIN(reference_index),"
                        + " MAX(reference_index) FROM request")) {
          rs.next();
          // The two valid queries of the fixture with valid_topk=11: 12 passages each (see
          // MsMarcoScenarioTests), one request per passage.
          assertThat(rs.getInt(1)).isEqualTo(24);
          assertThat(rs.getInt(2)).isEqualTo(24);
          assertThat(rs.getInt(3)).isZero();
          assertThat(rs.getInt(4)).isEqualTo(11);
        }
      }
      assertThat(server.prompts).hasSize(24);
      // Two example queries, each a relevant and a non-relevant passage.
      assertThat(server.prompts.get(0).split("\nAnswer: Yes\n", -1)).hasSize(3);
      assertThat(server.prompts.get(0).split("\nAnswer: No\n", -1)).hasSize(3);
    }
  }

  @Test
  void aModelThatSaysNoToTheRelevantPassagesRanksThemBelowTheTopTen() throws Exception {
    try (JudgeServer server = new JudgeServer(asked -> !RELEVANT.contains(asked))) {
      Path out = run(server);

      try (Connection c = db(out)) {
        // Every other passage of a query (at least 11) is answered Yes and ranked first.
        assertThat(stat(c, "RR@10")).isZero();
        assertThat(stat(c, "Recall@20")).isEqualTo(1.0);
      }
    }
  }

  /** The run's valid instances, as stored. */
  private static List<Instance> validInstances(Connection c) throws Exception {
    List<Instance> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT instance_json FROM instance WHERE split = 'valid' ORDER BY seq")) {
      while (rs.next()) {
        out.add(InstanceJson.fromJson(JSON.readTree(rs.getString(1))));
      }
    }
    return out;
  }

  @Test
  void basicReferenceStatsAreHelmsOnARankingRun() throws Exception {
    try (JudgeServer server = new JudgeServer(RELEVANT::contains)) {
      Path out = run(server);

      try (Connection c = db(out)) {
        // HELM's get_msmarco_spec adds BasicReferenceMetric and InstancesPerSplitMetric to the
        // ranking metric; per request BasicReferenceMetric also gives the request-state basics.
        for (String name :
            List.of(
                "max_prob",
                "exact_match",
                "predicted_index",
                "num_references",
                "num_train_trials",
                "num_train_instances",
                "prompt_truncated",
                "finish_reason_stop",
                "num_prompt_tokens",
                "num_instances")) {
          stat(c, name);
        }
        // BasicReferenceMetric.compute_logprob_and_length on a ranking request: lp is the whole
        // answer's log-probability (-0.1 for Yes and No alike here), n the deployment tokenizer's
        // count of " " + document, so the document with the most tokens wins whatever the answer.
        Tokenizer r50k = Tokenizers.byName("openai/r50k_base");
        List<Instance> valid = validInstances(c);
        assertThat(valid).hasSize(2);
        double maxProb = 0;
        double exactMatch = 0;
        double predicted = 0;
        for (Instance instance : valid) {
          List<Reference> refs = instance.references();
          double[] scores = new double[refs.size()];
          double best = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < scores.length; i++) {
            scores[i] = -0.1 / r50k.count(" " + refs.get(i).text());
            best = Math.max(best, scores[i]);
          }
          double z = 0;
          List<Integer> argmax = new ArrayList<>();
          for (int i = 0; i < scores.length; i++) {
            z += Math.exp(scores[i] - best);
            if (scores[i] >= best) {
              argmax.add(i);
            }
          }
          maxProb += 1 / z / valid.size();
          exactMatch +=
              argmax.stream().filter(i -> refs.get(i).isCorrect()).count()
                  / (double) argmax.size()
                  / valid.size();
          predicted += argmax.get(0) / (double) valid.size();
        }
        assertThat(stat(c, "max_prob")).isCloseTo(maxProb, within(1e-12));
        assertThat(stat(c, "exact_match")).isCloseTo(exactMatch, within(1e-12));
        assertThat(stat(c, "predicted_index")).isCloseTo(predicted, within(1e-12));
        assertThat(stat(c, "num_references")).isEqualTo(12.0);
        // get_ranking_binary_adapter_spec halves max_train_instances=4: two example queries.
        assertThat(stat(c, "num_train_instances")).isEqualTo(2.0);
      }
    }
  }
}
