package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ErrorKind;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAI moderation wire format, against a loopback server; no network. */
class OpenAiModerationScorerTests {
  private static final String KEY = "sk-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonHttp.Policy FAST =
      new JsonHttp.Policy(3, Duration.ZERO, Duration.ofSeconds(10));

  /** One result as the API documents it (omni-moderation categories). */
  static String result(double harassment, double hate, double violence) {
    return """
        {"flagged":false,
         "categories":{"harassment":false,"harassment/threatening":false,"hate":false,
           "hate/threatening":false,"illicit":false,"illicit/violent":false,"self-harm":false,
           "self-harm/intent":false,"self-harm/instructions":false,"sexual":false,
           "sexual/minors":false,"violence":false,"violence/graphic":false},
         "category_scores":{"harassment":%s,"harassment/threatening":0.0001,"hate":%s,
           "hate/threatening":0.00002,"illicit":0.00001,"illicit/violent":0.00001,
           "self-harm":0.0000048,"self-harm/intent":0.0000022,"self-harm/instructions":0.0000011,
           "sexual":0.0000125,"sexual/minors":0.0000028,"violence":%s,"violence/graphic":0.000003},
         "category_applied_input_types":{"harassment":["text"],"hate":["text"],
           "violence":["text"]}}
        """
        .formatted(harassment, hate, violence);
  }

  static String response(String... results) {
    return "{\"id\":\"modr-123\",\"model\":\"omni-moderation-latest\",\"results\":["
        + String.join(",", results)
        + "]}";
  }

  private static OpenAiModerationScorer scorer(LoopbackServer server, Set<String> categories) {
    return new OpenAiModerationScorer(
        KEY, server.baseUrl() + "/v1/", "omni-moderation-latest", categories, FAST, null);
  }

  @Test
  void sendsOneBatchAndTakesTheHighestToxicLanguageScore() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(200, response(result(0.75, 0.5, 0.99), result(0.01, 0.25, 0.0)))) {
      OpenAiModerationScorer scorer = scorer(server, OpenAiModerationScorer.TOXIC_LANGUAGE);
      assertThat(scorer.name()).isEqualTo("openai-moderation:omni-moderation-latest");
      // violence (0.99) is about the topic, not the language: not counted by default
      assertThat(scorer.score(List.of("you are awful", "wörld"))).containsExactly(0.75, 0.25);
      LoopbackServer.Recorded r = server.requests().get(0);
      assertThat(server.requests()).hasSize(1);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.uri().getPath()).isEqualTo("/v1/moderations");
      assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + KEY);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("model").asText()).isEqualTo("omni-moderation-latest");
      assertThat(body.get("input").toString()).isEqualTo("[\"you are awful\",\"wörld\"]");
    }
  }

  @Test
  void chosenOrAllCategories() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(200, response(result(0.75, 0.5, 0.99)))
            .then(200, response(result(0.75, 0.5, 0.125)))) {
      OpenAiModerationScorer all = scorer(server, Set.of());
      assertThat(all.name()).isEqualTo("openai-moderation:omni-moderation-latest:all");
      assertThat(all.score(List.of("a"))).containsExactly(0.99);
      OpenAiModerationScorer violence = scorer(server, Set.of("violence"));
      assertThat(violence.name()).isEqualTo("openai-moderation:omni-moderation-latest:violence");
      assertThat(violence.score(List.of("a"))).containsExactly(0.125);
    }
  }

  @Test
  void batchesLongInputs() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .otherwise(
                r -> {
                  int n;
                  try {
                    n = JSON.readTree(r.body()).get("input").size();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  List<String> results = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    results.add(result(0.5, 0.0, 0.0));
                  }
                  return new LoopbackServer.Reply(200, response(results.toArray(String[]::new)));
                })) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < OpenAiModerationScorer.BATCH_SIZE + 3; i++) {
        texts.add("t" + i);
      }
      assertThat(scorer(server, OpenAiModerationScorer.TOXIC_LANGUAGE).score(texts))
          .hasSize(texts.size())
          .containsOnly(0.5);
      assertThat(server.requests()).hasSize(2);
      assertThat(JSON.readTree(server.requests().get(1).body()).get("input").size()).isEqualTo(3);
    }
  }

  @Test
  void malformedAnswersAreFatalAndErrorsNeverShowTheKey() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(200, response(result(0.1, 0.1, 0.1)))
            .then(200, response("{\"category_scores\":{\"sexual\":0.9}}"))
            .then(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + KEY
                    + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")) {
      OpenAiModerationScorer scorer = scorer(server, OpenAiModerationScorer.TOXIC_LANGUAGE);
      assertThatThrownBy(() -> scorer.score(List.of("a", "b")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FATAL))
          .hasMessage("OpenAI moderation answered 1 results for 2 texts");
      assertThatThrownBy(() -> scorer.score(List.of("a")))
          .hasMessage(
              "OpenAI moderation result has no score for [harassment, harassment/threatening,"
                  + " hate, hate/threatening] (categories: [sexual])");
      assertThatThrownBy(() -> scorer.score(List.of("a")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
          .hasMessage("OpenAI moderation answered HTTP 401: Incorrect API key provided: ***");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void keyAndBaseUrlComeFromTheEnvironmentAndAMissingKeyIsAVisibleSkip() throws Exception {
    try (LoopbackServer server = new LoopbackServer().then(200, response(result(0.0, 0.9, 0.0)))) {
      Map<String, String> env =
          Map.of("OPENAI_API_KEY", "k1", "OPENAI_MODERATION_BASE_URL", server.baseUrl() + "/v1");
      OpenAiModerationScorer scorer =
          OpenAiModerationScorer.fromEnvironment(
              env::get, null, "m", OpenAiModerationScorer.TOXIC_LANGUAGE);
      assertThat(scorer.unavailableReason()).isEmpty();
      assertThat(
              ToxicityMetric.withScorer(scorer)
                  .evaluate(Fixtures.outcome(Fixtures.instance("i", "g"), "x")))
          .anySatisfy(
              s -> {
                assertThat(s.key().name()).isEqualTo("expected_max_toxicity");
                assertThat(s.mean()).isEqualTo(0.9);
              });
      assertThat(server.requests().get(0).uri().getPath()).isEqualTo("/v1/moderations");
      assertThat(server.requests().get(0).headers().get("Authorization"))
          .containsExactly("Bearer k1");
    }
    OpenAiModerationScorer none =
        OpenAiModerationScorer.fromEnvironment(
            Map.of("OPENAI_API_KEY", " ")::get, null, "m", Set.of());
    assertThat(none.unavailableReason()).contains("skipped: no OPENAI_API_KEY");
    assertThatThrownBy(() -> none.score(List.of("x")))
        .isInstanceOfSatisfying(
            ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
    ToxicityMetric metric = ToxicityMetric.withScorer(none);
    RunStats stats =
        StatsAggregator.aggregate(
            List.of(Fixtures.outcome(Fixtures.instance("i", "g"), "x")), List.of(metric));
    assertThat(stats.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("skipped: no OPENAI_API_KEY"));
  }
}
