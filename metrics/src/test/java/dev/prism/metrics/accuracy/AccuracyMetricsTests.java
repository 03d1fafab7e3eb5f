package dev.prism.metrics.accuracy;

import static dev.prism.metrics.Fixtures.completion;
import static dev.prism.metrics.Fixtures.instance;
import static dev.prism.metrics.Fixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.metrics.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HELM's per-request flow around the scoring functions ({@code compute_reference_metrics}). */
class AccuracyMetricsTests {
  private final Metric exactMatch = new ExactMatch();

  @Test
  void scoresTheStrippedCompletionAgainstTheGold() {
    assertThat(exactMatch.evaluate(outcome(instance("id0", "Paris"), "  Paris\n")))
        .extracting(s -> s.key().name(), Stat::mean, Stat::count)
        .containsExactly(tuple("exact_match", 1.0, 1L));
  }

  @Test
  void takesTheBestGold() {
    Instance instance =
        Instance.of(
            "id0",
            "Q?",
            List.of(
                Reference.correct("NYC"), Reference.wrong("Paris"), Reference.correct("New York")),
            Split.TEST);
    assertThat(exactMatch.evaluate(outcome(instance, "New York")))
        .singleElement()
        .extracting(Stat::mean)
        .isEqualTo(1.0);
    assertThat(exactMatch.evaluate(outcome(instance, "Paris")))
        .singleElement()
        .extracting(Stat::mean)
        .isEqualTo(0.0);
  }

  @Test
  void noCorrectReferenceGivesNoStat() {
    Instance instance = Instance.of("id0", "Q?", List.of(Reference.wrong("x")), Split.TEST);
    assertThat(exactMatch.evaluate(outcome(instance, "x"))).isEmpty();
  }

  @Test
  void firstPredictionIsTheMostLikelyAndAtKTakesAny() {
    RequestOutcome outcome =
        outcome(
            instance("id0", "Paris"),
            List.of(completion("Rome", -0.1), completion("Paris", -0.5), completion("Oslo", -2)));
    assertThat(exactMatch.evaluate(outcome))
        .extracting(s -> s.key().name(), Stat::mean)
        .containsExactly(tuple("exact_match", 0.0), tuple("exact_match@3", 1.0));

    RequestOutcome reordered =
        outcome(
            instance("id0", "Paris"), List.of(completion("Rome", -1.0), completion("Paris", -0.5)));
    assertThat(exactMatch.evaluate(reordered))
        .extracting(s -> s.key().name(), Stat::mean)
        .containsExactly(tuple("exact_match", 1.0), tuple("exact_match@2", 1.0));
  }

  @Test
  void tiesKeepCompletionOrder() {
    RequestOutcome outcome =
        outcome(
            instance("id0", "Paris"),
            List.of(completion("Paris", 0.0), completion("Rome", -0.0), completion("Oslo", 0.0)));
    assertThat(exactMatch.evaluate(outcome)).first().extracting(Stat::mean).isEqualTo(1.0);
  }

  @Test
  void atKUsesTheRequestedCount() {
    RequestOutcome outcome =
        new RequestOutcome(
            Fixtures.state(instance("id0", "Paris"), 0, 5, Map.of(), 0, false),
            RequestResult.success(List.of(completion("Paris", -1)), 0.1));
    assertThat(exactMatch.evaluate(outcome))
        .extracting(s -> s.key().name())
        .containsExactly("exact_match", "exact_match@5");
  }

  @Test
  void outputMappingTranslatesLettersAndMissesScoreZero() {
    Map<String, String> mapping = Map.of("A", "Boston", "B", "New York");
    Instance instance =
        Instance.of(
            "id0",
            "Q?",
            List.of(Reference.wrong("Boston"), Reference.correct("New York")),
            Split.TEST);
    for (Metric metric : List.of(exactMatch, new QuasiExactMatch(), new F1Score())) {
      assertThat(metric.evaluate(mapped(instance, mapping, " B\n")))
          .singleElement()
          .extracting(Stat::mean)
          .isEqualTo(1.0);
      assertThat(metric.evaluate(mapped(instance, mapping, "C")))
          .singleElement()
          .extracting(Stat::mean)
          .isEqualTo(0.0);
      // The mapping replaces the text: the answer text itself is not a valid letter.
      assertThat(metric.evaluate(mapped(instance, mapping, "New York")))
          .singleElement()
          .extracting(Stat::mean)
          .isEqualTo(0.0);
    }
  }

  @Test
  void failedOrEmptyResultsScoreZero() {
    for (Metric metric : allMetrics()) {
      assertThat(metric.evaluate(Fixtures.failed(instance("id0", "33"))))
          .as(metric.id())
          .extracting(Stat::mean)
          .containsExactly(0.0);
      assertThat(metric.evaluate(outcome(instance("id0", "33"), List.of())))
          .as(metric.id())
          .extracting(s -> s.key().name(), Stat::mean)
          .containsExactly(tuple(metric.id(), 0.0), tuple(metric.id() + "@0", 0.0));
    }
  }

  @Test
  void eachMetricUsesItsFunction() {
    Instance instance = instance("id0", "The answer is 1,000");
    RequestOutcome outcome = outcome(instance, "the answer is 1000 apples");
    assertThat(allMetrics())
        .extracting(m -> m.id(), m -> m.evaluate(outcome).get(0).mean())
        .containsExactly(
            tuple("exact_match", 0.0),
            tuple("quasi_exact_match", 0.0),
            tuple("prefix_exact_match", 0.0),
            tuple("quasi_prefix_exact_match", 1.0),
            tuple("f1_score", 1.0 / (0.5 / 0.75 + 0.5 / 1.0)),
            tuple("exact_match_indicator", 0.0),
            tuple("final_number_exact_match", 1.0));
    assertThat(allMetrics()).extracting(Metric::family).containsOnly("accuracy");
  }

  private static List<Metric> allMetrics() {
    return List.of(
        new ExactMatch(),
        new QuasiExactMatch(),
        new PrefixExactMatch(),
        new QuasiPrefixExactMatch(),
        new F1Score(),
        new ExactMatchIndicator(),
        new FinalNumberExactMatch());
  }

  private static RequestOutcome mapped(
      Instance instance, Map<String, String> mapping, String text) {
    return new RequestOutcome(
        Fixtures.state(instance, 0, 1, mapping, 0, false),
        RequestResult.success(List.of(completion(text, -0.1)), 0.1));
  }
}
