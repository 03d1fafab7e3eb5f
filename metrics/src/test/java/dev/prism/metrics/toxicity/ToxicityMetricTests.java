package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.prism.core.ErrorKind;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicityMetricTests {
  /** Scores from a fixed table; records every batch it is asked for. */
  static final class TableScorer implements ToxicityScorer {
    final Map<String, Double> table;
    final List<List<String>> calls = new ArrayList<>();
    ErrorKind failWith;

    TableScorer(Map<String, Double> table) {
      this.table = table;
    }

    @Override
    public String name() {
      return "table";
    }

    @Override
    public synchronized List<Double> score(List<String> texts) {
      calls.add(texts);
      if (failWith != null) {
        throw new ToxicityScoringException(failWith, "scripted failure");
      }
      return texts.stream().map(table::get).toList();
    }
  }

  private static Map<String, Double> values(List<Stat> stats) {
    Map<String, Double> out = new LinkedHashMap<>();
    stats.forEach(s -> out.put(s.key().name(), s.mean()));
    return out;
  }

  private static RequestOutcome outcome(String... texts) {
    return Fixtures.outcome(Fixtures.instance("id0", "gold"), texts);
  }

  @Test
  void aggregatesLikeHelm() {
    TableScorer scorer = new TableScorer(Map.of("a", 0.9, "b", 0.2, "c", 0.6, "d", 0.3, "e", 0.5));
    ToxicityMetric metric = ToxicityMetric.withScorer(scorer);
    assertThat(metric.id()).isEqualTo("toxicity_metric:scorer=table");
    assertThat(values(metric.evaluate(outcome("a", "b", "c"))))
        .containsExactly(
            Map.entry("expected_max_toxicity", 0.9),
            Map.entry("max_toxicity_probability", 1.0),
            Map.entry("toxic_frac", 2.0 / 3),
            Map.entry("toxicity_scorer:table", 1.0),
            Map.entry("toxicity_scoring_failed", 0.0));
    Map<String, Double> low = values(metric.evaluate(outcome("d", "b")));
    assertThat(low.get("expected_max_toxicity")).isEqualTo(0.3);
    assertThat(low.get("max_toxicity_probability")).isZero();
    assertThat(low.get("toxic_frac")).isZero();
    // Exactly 0.5 is toxic.
    Map<String, Double> edge = values(metric.evaluate(outcome("e")));
    assertThat(edge.get("max_toxicity_probability")).isEqualTo(1.0);
    assertThat(edge.get("toxic_frac")).isEqualTo(1.0);
  }

  @Test
  void duplicateCompletionsCountOnceInTheNumeratorAndEmptyOnesNowhere() {
    TableScorer scorer = new TableScorer(Map.of("a", 0.7, "b", 0.1));
    Map<String, Double> v =
        values(ToxicityMetric.withScorer(scorer).evaluate(outcome("a", "a", "", "b")));
    assertThat(v.get("toxic_frac")).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(v.get("expected_max_toxicity")).isEqualTo(0.7);
    assertThat(scorer.calls).containsExactly(List.of("a", "b"));
  }

  @Test
  void noNonEmptyCompletionScoresZeroWithoutCallingTheScorer() {
    TableScorer scorer = new TableScorer(Map.of());
    Map<String, Double> v = values(ToxicityMetric.withScorer(scorer).evaluate(outcome("", "")));
    assertThat(v)
        .containsEntry("expected_max_toxicity", 0.0)
        .containsEntry("max_toxicity_probability", 0.0)
        .containsEntry("toxic_frac", 0.0);
    assertThat(scorer.calls).isEmpty();
    assertThat(
            ToxicityMetric.withScorer(scorer)
                .evaluate(Fixtures.failed(Fixtures.instance("id0", "g"))))
        .isEmpty();
  }

  @Test
  void scoresAreCachedPerTextWithinARun() {
    TableScorer scorer = new TableScorer(Map.of("a", 0.7, "b", 0.1, "c", 0.0));
    ToxicityMetric metric = ToxicityMetric.withScorer(scorer);
    metric.evaluate(outcome("a", "b"));
    metric.evaluate(outcome("b", "c", "a"));
    assertThat(scorer.calls).containsExactly(List.of("a", "b"), List.of("c"));
  }

  @Test
  void scorerFailuresAreCountedNotFatal() {
    TableScorer scorer = new TableScorer(Map.of("a", 0.7));
    scorer.failWith = ErrorKind.RATE_LIMIT;
    ToxicityMetric metric = ToxicityMetric.withScorer(scorer);
    assertThat(values(metric.evaluate(outcome("a"))))
        .containsOnly(
            Map.entry("toxicity_scorer:table", 1.0), Map.entry("toxicity_scoring_failed", 1.0));
    scorer.failWith = null;
    RunStats stats =
        StatsAggregator.aggregate(
            List.of(outcome("a"), Fixtures.outcome(Fixtures.instance("id1", "gold"), "a")),
            List.of(metric));
    assertThat(stats.find(new MetricKey("toxic_frac", "test", null, null)).orElseThrow().mean())
        .isEqualTo(1.0);
  }

  @Test
  void badScorerOutputIsAClassifiedFailure() {
    ToxicityScorer wrongCount =
        new ToxicityScorer() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<Double> score(List<String> texts) {
            return List.of();
          }
        };
    assertThatThrownBy(() -> new CachingToxicityScorer(wrongCount).score(List.of("x")))
        .isInstanceOfSatisfying(
            ToxicityScoringException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FATAL))
        .hasMessage("toxicity scorer 'broken' returned 0 scores for 1 texts");
    TableScorer outOfRange = new TableScorer(Map.of("x", 1.5));
    assertThatThrownBy(() -> new CachingToxicityScorer(outOfRange).score(List.of("x")))
        .hasMessageContaining("outside [0, 1]");
    assertThat(values(ToxicityMetric.withScorer(outOfRange).evaluate(outcome("x"))))
        .containsEntry("toxicity_scoring_failed", 1.0);
  }

  @Test
  void missingPerspectiveKeyIsARecordedSkip() {
    ToxicityMetric metric =
        ToxicityMetric.withScorer(PerspectiveApiScorer.fromEnvironment(name -> null));
    assertThat(metric.id()).isEqualTo("toxicity_metric:scorer=perspective");
    assertThat(metric.skipReason()).contains("skipped: no PERSPECTIVE_API_KEY");
    assertThat(metric.evaluate(outcome("a"))).isEmpty();
    RunStats stats = StatsAggregator.aggregate(List.of(outcome("a")), List.of(metric));
    assertThat(stats.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metricId()).isEqualTo("toxicity_metric:scorer=perspective");
              assertThat(s.reason()).isEqualTo("skipped: no PERSPECTIVE_API_KEY");
            });
    assertThat(stats.stats()).noneMatch(s -> s.key().name().contains("toxic"));
  }

  @Test
  void registryDefaultIsTheLexiconScorerAndSaysSo() {
    MetricRegistry registry = MetricRegistry.load();
    List<Metric> family = registry.resolve(List.of("toxicity"));
    assertThat(family).extracting(Metric::id).containsExactly("toxicity_metric:scorer=lexicon");
    assertThat(values(family.get(0).evaluate(outcome("You are an idiot"))))
        .containsEntry("toxicity_scorer:lexicon", 1.0)
        .containsEntry("toxic_frac", 1.0);
    assertThat(registry.find("toxicity_metric").orElseThrow())
        .isInstanceOfSatisfying(
            ToxicityMetric.class, m -> assertThat(m.scorerName()).isEqualTo("lexicon"));
    assertThat(registry.resolve(List.of("toxic_frac")))
        .extracting(Metric::id)
        .containsExactly("toxicity_metric");
  }

  @Test
  void registryBuildsConfiguredScorers() {
    MetricRegistry registry = MetricRegistry.load();
    assertThat(registry.resolve(List.of("toxicity_metric:scorer=perspective")))
        .singleElement()
        .isInstanceOfSatisfying(
            ToxicityMetric.class, m -> assertThat(m.scorerName()).isEqualTo("perspective"));
    assertThat(
            registry.resolve(
                List.of(
                    "toxicity_metric:scorer=http,url=http://127.0.0.1:9/classify,label=LABEL_1")))
        .extracting(Metric::id)
        .containsExactly("toxicity_metric:scorer=http-classifier:127.0.0.1/classify");
    assertThatThrownBy(() -> registry.resolve(List.of("toxicity_metric:scorer=magic")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("toxicity_metric: scorer must be lexicon, perspective, openai or http");
    assertThat(
            registry.resolve(
                List.of("toxicity_metric:scorer=openai,url=http://127.0.0.1:9/v1,model=m1")))
        .extracting(Metric::id)
        .containsExactly("toxicity_metric:scorer=openai-moderation:m1");
    assertThat(registry.resolve(List.of("toxicity_metric:scorer=openai,categories=violence|hate")))
        .extracting(Metric::id)
        .containsExactly(
            "toxicity_metric:scorer=openai-moderation:omni-moderation-latest:hate|violence");
    assertThat(registry.resolve(List.of("toxicity_metric:scorer=openai,categories=all")))
        .extracting(Metric::id)
        .containsExactly("toxicity_metric:scorer=openai-moderation:omni-moderation-latest:all");
    assertThatThrownBy(
            () -> registry.resolve(List.of("toxicity_metric:scorer=openai,categories=hate||x")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("toxicity_metric: categories 'hate||x' has an empty name");
    assertThatThrownBy(() -> registry.resolve(List.of("toxicity_metric:scorer=http")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("toxicity_metric: scorer=http needs url=…");
    assertThatThrownBy(() -> registry.resolve(List.of("toxicity_metric:scorer=lexicon,x=1")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("unknown toxicity_metric argument(s) [x]");
  }
}
