package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Perspective wire format, against a loopback server; no network. */
class PerspectiveApiScorerTests {
  private static final String KEY = "test-key/with+chars";
  private static final JsonHttp.Policy FAST =
      new JsonHttp.Policy(3, Duration.ZERO, Duration.ofSeconds(10));

  /** A response in Perspective's shape (fields as the API documents them). */
  static String response(double toxicity) {
    return """
        {"attributeScores":{
          "TOXICITY":{"spanScores":[{"begin":0,"end":5,"score":{"value":%s,"type":"PROBABILITY"}}],
                      "summaryScore":{"value":0.99,"type":"PROBABILITY"}},
          "INSULT":{"spanScores":[{"begin":0,"end":5,"score":{"value":0.1,"type":"PROBABILITY"}}],
                    "summaryScore":{"value":0.1,"type":"PROBABILITY"}}},
         "languages":["en"],"detectedLanguages":["en"]}
        """
        .formatted(toxicity);
  }

  private static PerspectiveApiScorer scorer(LoopbackServer server, String key) {
    return new PerspectiveApiScorer(key, server.baseUrl() + "/v1alpha1/", FAST, null);
  }

  @Test
  void sendsHelmsRequestAndReadsTheFirstSpanScore() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer().then(200, response(0.75)).then(200, response(0.125))) {
      List<Double> scores = scorer(server, KEY).score(List.of("hello", "wörld"));
      assertThat(scores).containsExactly(0.75, 0.125);
      assertThat(server.requests()).hasSize(2);
      LoopbackServer.Recorded first = server.requests().get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.uri().getPath()).isEqualTo("/v1alpha1/comments:analyze");
      assertThat(first.uri().getRawQuery()).isEqualTo("key=test-key%2Fwith%2Bchars");
      assertThat(first.headers().get("Content-type")).containsExactly("application/json");
      JsonNode body = new ObjectMapper().readTree(first.body());
      assertThat(body.get("comment").get("text").asText()).isEqualTo("hello");
      List<String> attributes = new ArrayList<>();
      body.get("requestedAttributes").fieldNames().forEachRemaining(attributes::add);
      assertThat(attributes)
          .containsExactly(
              "TOXICITY",
              "SEVERE_TOXICITY",
              "IDENTITY_ATTACK",
              "INSULT",
              "PROFANITY",
              "THREAT",
              "SEXUALLY_EXPLICIT",
              "FLIRTATION");
      body.get("requestedAttributes").forEach(a -> assertThat(a.isEmpty()).isTrue());
      assertThat(body.get("languages").toString()).isEqualTo("[\"en\"]");
      assertThat(body.get("spanAnnotations").asBoolean()).isTrue();
      assertThat(
              new ObjectMapper()
                  .readTree(server.requests().get(1).body())
                  .at("/comment/text")
                  .asText())
          .isEqualTo("wörld");
    }
  }

  @Test
  void fallsBackToTheSummaryScoreAndRejectsAResponseWithout() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(200, "{\"attributeScores\":{\"TOXICITY\":{\"summaryScore\":{\"value\":0.3}}}}")
            .then(200, "{\"attributeScores\":{}}")) {
      PerspectiveApiScorer scorer = scorer(server, KEY);
      assertThat(scorer.score(List.of("a"))).containsExactly(0.3);
      assertThatThrownBy(() -> scorer.score(List.of("b")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FATAL))
          .hasMessage("Perspective API response has no TOXICITY score");
    }
  }

  @Test
  void retriesRateLimitsAndServerErrors() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\"}}")
            .then(503, "{}")
            .then(200, response(0.5))) {
      assertThat(scorer(server, KEY).score(List.of("x"))).containsExactly(0.5);
      assertThat(server.requests()).hasSize(3);
    }
    try (LoopbackServer server =
        new LoopbackServer()
            .otherwise(r -> new LoopbackServer.Reply(429, "{\"error\":{\"message\":\"Quota\"}}"))) {
      assertThatThrownBy(() -> scorer(server, KEY).score(List.of("x")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMIT))
          .hasMessage("Perspective API answered HTTP 429: Quota");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void classifiesClientErrorsWithoutRetryingOrLeakingTheKey() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(403, "{\"error\":{\"message\":\"API key " + KEY + " not valid\"}}")
            .then(
                400,
                "{\"error\":{\"code\":400,\"message\":\"Attribute TOXICITY does not support"
                    + " request languages: xx\"}}")) {
      PerspectiveApiScorer scorer = scorer(server, KEY);
      assertThatThrownBy(() -> scorer.score(List.of("x")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
          .hasMessage("Perspective API answered HTTP 403: API key *** not valid");
      assertThatThrownBy(() -> scorer.score(List.of("y")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
          .hasMessageContaining("does not support request languages");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void unreachableServerIsTransient() throws Exception {
    String base;
    try (LoopbackServer server = new LoopbackServer()) {
      base = server.baseUrl();
    }
    PerspectiveApiScorer scorer =
        new PerspectiveApiScorer(
            KEY, base, new JsonHttp.Policy(1, Duration.ZERO, Duration.ofSeconds(5)), null);
    assertThatThrownBy(() -> scorer.score(List.of("x")))
        .isInstanceOfSatisfying(
            ToxicityScoringException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
              assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("test-key");
            });
  }

  @Test
  void truncatesLongTextsToHelmsLimitInCodePoints() throws Exception {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    String text = emoji.repeat(PerspectiveApiScorer.MAX_TEXT_CODE_POINTS + 7);
    String sent = PerspectiveApiScorer.truncate(text);
    assertThat(sent.codePointCount(0, sent.length()))
        .isEqualTo(PerspectiveApiScorer.MAX_TEXT_CODE_POINTS);
    assertThat(PerspectiveApiScorer.truncate("short")).isEqualTo("short");
    assertThat(PerspectiveApiScorer.requestBody(text)).containsKey("comment");
  }

  @Test
  void keyAndBaseUrlComeFromTheEnvironment() throws Exception {
    try (LoopbackServer server = new LoopbackServer().then(200, response(0.9))) {
      Map<String, String> env =
          Map.of("PERSPECTIVE_API_KEY", "k1", "PERSPECTIVE_API_BASE_URL", server.baseUrl() + "/v1");
      PerspectiveApiScorer scorer = PerspectiveApiScorer.fromEnvironment(env::get);
      assertThat(scorer.unavailableReason()).isEmpty();
      assertThat(
              ToxicityMetric.withScorer(scorer)
                  .evaluate(
                      dev.prism.metrics.Fixtures.outcome(
                          dev.prism.metrics.Fixtures.instance("i", "g"), "x")))
          .anySatisfy(
              s -> {
                assertThat(s.key().name()).isEqualTo("expected_max_toxicity");
                assertThat(s.mean()).isEqualTo(0.9);
              });
      assertThat(server.requests().get(0).uri().toString())
          .isEqualTo("/v1/comments:analyze?key=k1");
    }
    PerspectiveApiScorer none =
        PerspectiveApiScorer.fromEnvironment(Map.of("PERSPECTIVE_API_KEY", " ")::get);
    assertThat(none.unavailableReason()).contains("skipped: no PERSPECTIVE_API_KEY");
    assertThatThrownBy(() -> none.score(List.of("x")))
        .isInstanceOfSatisfying(
            ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
  }
}
