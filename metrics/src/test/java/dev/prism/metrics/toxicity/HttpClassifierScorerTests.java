package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ErrorKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hugging Face / TGI text-classification shape, against a loopback server. */
class HttpClassifierScorerTests {
  private static final JsonHttp.Policy FAST =
      new JsonHttp.Policy(2, Duration.ZERO, Duration.ofSeconds(10));

  private static HttpClassifierScorer scorer(LoopbackServer server, String label, String token) {
    return new HttpClassifierScorer(
        URI.create(server.baseUrl() + "/classify"), label, token, FAST, null);
  }

  @Test
  void readsAllLabelsOrTheTopLabel() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(
                200,
                """
                [[{"label":"toxic","score":0.8},{"label":"non-toxic","score":0.2}],
                 [{"label":"non-toxic","score":0.9},{"label":"toxic","score":0.1}],
                 {"label":"TOXIC","score":0.6},
                 {"label":"non-toxic","score":0.75}]
                """)) {
      HttpClassifierScorer scorer = scorer(server, "toxic", "hf_secret");
      assertThat(scorer.name()).isEqualTo("http-classifier:127.0.0.1/classify");
      List<Double> scores = scorer.score(List.of("a", "b", "c", "d"));
      assertThat(scores.get(0)).isEqualTo(0.8);
      assertThat(scores.get(1)).isEqualTo(0.1);
      assertThat(scores.get(2)).isEqualTo(0.6);
      assertThat(scores.get(3)).isCloseTo(0.25, within(1e-15));
      LoopbackServer.Recorded r = server.requests().get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.headers().get("Authorization")).containsExactly("Bearer hf_secret");
      assertThat(new ObjectMapper().readTree(r.body()).toString())
          .isEqualTo("{\"inputs\":[\"a\",\"b\",\"c\",\"d\"]}");
    }
  }

  @Test
  void batchesAndChecksTheResultCount() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .otherwise(
                r -> {
                  try {
                    int n = new ObjectMapper().readTree(r.body()).get("inputs").size();
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                      items.add("{\"label\":\"toxic\",\"score\":0.5}");
                    }
                    return new LoopbackServer.Reply(200, "[" + String.join(",", items) + "]");
                  } catch (Exception e) {
                    return new LoopbackServer.Reply(500, "{}");
                  }
                })) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < HttpClassifierScorer.BATCH_SIZE + 1; i++) {
        texts.add("t" + i);
      }
      assertThat(scorer(server, "toxic", null).score(texts))
          .hasSize(texts.size())
          .containsOnly(0.5);
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).headers()).doesNotContainKey("Authorization");
    }
    try (LoopbackServer server = new LoopbackServer().then(200, "[]")) {
      assertThatThrownBy(() -> scorer(server, "toxic", null).score(List.of("a")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FATAL))
          .hasMessage("classifier answered 0 results for 1 texts");
    }
  }

  @Test
  void unknownLabelsAndErrorsAreClassified() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer()
            .then(200, "[[{\"label\":\"joy\",\"score\":0.5},{\"label\":\"anger\",\"score\":0.5}]]")
            .then(503, "{\"error\":\"Model is currently loading\"}")
            .then(503, "{\"error\":\"Model is currently loading\"}")
            .then(401, "{\"error\":\"Invalid token hf_secret\"}")) {
      HttpClassifierScorer scorer = scorer(server, "toxic", "hf_secret");
      assertThatThrownBy(() -> scorer.score(List.of("a")))
          .hasMessage("classifier gave no label 'toxic' (labels: [anger, joy])");
      assertThatThrownBy(() -> scorer.score(List.of("a")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT))
          .hasMessage("classifier 127.0.0.1 answered HTTP 503: Model is currently loading");
      assertThatThrownBy(() -> scorer.score(List.of("a")))
          .isInstanceOfSatisfying(
              ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
          .hasMessage("classifier 127.0.0.1 answered HTTP 401: Invalid token ***");
      assertThat(server.requests()).hasSize(4);
    }
  }
}
