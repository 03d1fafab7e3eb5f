package dev.prism.metrics.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SharedFiles;
import dev.prism.metrics.StatsAggregator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EfficiencyMetricTests {
  private static final Instance INSTANCE = Fixtures.instance("id0", "gold");

  /** Counts characters, so expected values are easy to compute by hand. */
  private static final TokenCounter CHARS =
      new TokenCounter() {
        @Override
        public String name() {
          return "chars";
        }

        @Override
        public int count(String text) {
          return text.length();
        }
      };

  static RequestOutcome outcome(String prompt, boolean echo, double time, Completion... cs) {
    Request request =
        new Request("org/model", prompt, 0.0, cs.length, 1, 10, List.of(), echo, null);
    RequestState state = new RequestState(INSTANCE, 0, null, null, request, Map.of(), 0, false);
    return new RequestOutcome(state, RequestResult.success(List.of(cs), time));
  }

  static Map<String, Double> values(List<Stat> stats) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Stat s : stats) {
      assertThat(s.count()).isEqualTo(1);
      out.put(s.key().name(), s.mean());
    }
    return out;
  }

  static Completion tokens(String finishReason, String... texts) {
    List<Token> ts = new ArrayList<>();
    for (String t : texts) {
      ts.add(new Token(t, -0.5));
    }
    return new Completion(String.join("", texts), -0.5 * texts.length, ts, finishReason);
  }

  @Test
  void fallbackCounterCountsWordsAndPunctuation() {
    TokenCounter c = TokenCounter.fallback();
    assertThat(c.name()).isEqualTo("fallback");
    assertThat(c.count("")).isZero();
    assertThat(c.count("  \n\t")).isZero();
    assertThat(c.count("Hello, world!")).isEqualTo(4);
    assertThat(c.count("It's 42.5 km")).isEqualTo(7); // It ' s 42 . 5 km
    assertThat(c.count("naïve café_au_lait")).isEqualTo(2);
    assertThat(c.count("日本語 テスト")).isEqualTo(2);
  }

  @Test
  void numBytesMatchesHelmPinnedVector() {
    // HELM metrics/test_metric.py::test_get_num_bytes
    assertThat(
            EfficiencyMetric.numBytes(
                List.of("bytes:\\x99", "Hello", " world", "bytes:\\xe2\\x80")))
        .isEqualTo(14);
    assertThat(EfficiencyMetric.numBytes(List.of("é", "€"))).isEqualTo(5);
    assertThat(EfficiencyMetric.numBytes(List.of())).isZero();
  }

  @Test
  void numBytesMatchesTheVectorsFile() throws IOException {
    List<JsonNode> vectors = SharedFiles.vectors("get_num_bytes");
    assertThat(vectors).isNotEmpty();
    for (JsonNode v : vectors) {
      List<String> tokens = new ArrayList<>();
      v.get("inputs").get("tokens").forEach(t -> tokens.add(t.asText()));
      assertThat(EfficiencyMetric.numBytes(tokens)).isEqualTo(v.get("expected").asLong());
    }
  }

  @Test
  void usesBackendTokensWhenPresentAndTheCounterOtherwise() {
    EfficiencyMetric metric =
        EfficiencyMetric.withContext(new EfficiencyContext("org/model", CHARS, null, null));
    Map<String, Double> v =
        values(
            metric.evaluate(
                outcome(
                    "prompt",
                    false,
                    1.25,
                    tokens("length", "a", "bc", "bytes:\\xe2"),
                    new Completion("hello", 0, List.of(), "stop"))));
    assertThat(v)
        .containsExactly(
            Map.entry("num_prompt_tokens", 6.0),
            Map.entry("num_completion_tokens", 8.0), // 3 backend tokens + 5 chars
            Map.entry("num_output_tokens", 8.0),
            Map.entry("num_completions", 2.0),
            Map.entry("inference_runtime", 1.25),
            Map.entry("finish_reason_length", 1.0),
            Map.entry("finish_reason_stop", 0.0),
            Map.entry("finish_reason_endoftext", 0.0),
            Map.entry("finish_reason_unknown", 0.0),
            Map.entry("num_bytes", 4.0)); // a, bc, one \x byte; first completion only
    assertThat(metric.statNames()).containsAll(v.keySet());
  }

  @Test
  void echoedPromptIsNotOutput() {
    EfficiencyMetric metric =
        EfficiencyMetric.withContext(new EfficiencyContext("org/model", CHARS, null, null));
    Map<String, Double> v =
        values(
            metric.evaluate(outcome("abcd", true, 0.5, tokens("stop", "a", "b", "c", "d", "e"))));
    assertThat(v.get("num_completion_tokens")).isEqualTo(5.0);
    assertThat(v.get("num_output_tokens")).isEqualTo(1.0);
    Map<String, Double> floored =
        values(metric.evaluate(outcome("abcdefgh", true, 0.5, tokens("stop", "a"))));
    assertThat(floored.get("num_output_tokens")).isZero();
  }

  @Test
  void unknownOrMissingFinishReasonsAreUnknown() {
    EfficiencyMetric metric = new EfficiencyMetric();
    for (String reason : new String[] {null, "content_filter", "STOP"}) {
      Map<String, Double> v =
          values(
              metric.evaluate(outcome("p", false, 0, new Completion("x", 0, List.of(), reason))));
      assertThat(v.get("finish_reason_unknown")).isEqualTo(1.0);
      assertThat(v.get("finish_reason_stop")).isZero();
    }
    Map<String, Double> eot =
        values(
            metric.evaluate(outcome("p", false, 0, new Completion("", 0, List.of(), "endoftext"))));
    assertThat(eot.get("finish_reason_endoftext")).isEqualTo(1.0);
    assertThat(eot.get("num_bytes")).isZero();
    Map<String, Double> none = values(metric.evaluate(outcome("p", false, 0)));
    assertThat(none.get("finish_reason_unknown")).isEqualTo(1.0);
    assertThat(none.get("num_completions")).isZero();
  }

  @Test
  void withoutTokensNumBytesIsTheUtf8LengthOfTheText() {
    Map<String, Double> v =
        values(
            new EfficiencyMetric()
                .evaluate(outcome("p", false, 0, new Completion("héllo", 0, List.of(), "stop"))));
    assertThat(v.get("num_bytes")).isEqualTo(6.0);
    assertThat(v.get("num_output_tokens")).isEqualTo(1.0); // fallback counter: one word
  }

  @Test
  void cachedResultsKeepTheOriginalRuntime() {
    RequestOutcome fresh = outcome("p", false, 3.5, tokens("stop", "x"));
    RequestOutcome cached = new RequestOutcome(fresh.state(), fresh.result().asCached());
    assertThat(values(new EfficiencyMetric().evaluate(cached)).get("inference_runtime"))
        .isEqualTo(3.5);
  }

  @Test
  void timeToFirstTokenOnlyWhenStreamedTakingTheEarliest() {
    Map<String, Double> unstreamed =
        values(new EfficiencyMetric().evaluate(outcome("p", false, 2.0, tokens("stop", "x"))));
    assertThat(unstreamed).doesNotContainKey("time_to_first_token");
    Map<String, Double> streamed =
        values(
            new EfficiencyMetric()
                .evaluate(
                    outcome(
                        "p",
                        false,
                        2.0,
                        new Completion("a", 0, List.of(), "stop", null, 0.75),
                        new Completion("b", 0, List.of(), "stop", null, null),
                        new Completion("c", 0, List.of(), "stop", null, 0.25))));
    assertThat(streamed.get("time_to_first_token")).isEqualTo(0.25);
    assertThat(new EfficiencyMetric().statNames()).contains("time_to_first_token");
  }

  @Test
  void reportedUsageSitsBesideHelmsTokenCounts() {
    EfficiencyMetric metric =
        EfficiencyMetric.withContext(new EfficiencyContext("org/model", CHARS, null, null));
    assertThat(values(metric.evaluate(outcome("prompt", false, 0, tokens("stop", "x")))))
        .doesNotContainKeys("num_reported_prompt_tokens", "num_reported_output_tokens");
    // Two calls (e.g. n=2 served one at a time): each call's usage sits on one completion.
    Map<String, Double> v =
        values(
            metric.evaluate(
                outcome(
                    "prompt",
                    false,
                    0,
                    tokens("stop", "a", "b").withUsage(new Usage(3, 40)),
                    tokens("stop", "c").withUsage(new Usage(3, 2)))));
    assertThat(v.get("num_reported_prompt_tokens")).isEqualTo(6.0);
    assertThat(v.get("num_reported_output_tokens")).isEqualTo(42.0);
    // HELM's definitions are untouched: the counter's prompt count and the returned tokens
    assertThat(v.get("num_prompt_tokens")).isEqualTo(6.0);
    assertThat(v.get("num_output_tokens")).isEqualTo(3.0);
    assertThat(metric.statNames())
        .contains("num_reported_prompt_tokens", "num_reported_output_tokens");
  }

  @Test
  void failedRequestsYieldNothing() {
    RequestOutcome failed =
        new RequestOutcome(
            outcome("p", false, 0).state(), RequestResult.failure(ErrorKind.FATAL, "x", 2.0));
    assertThat(new EfficiencyMetric().evaluate(failed)).isEmpty();
    assertThat(new RuntimeEstimates().evaluate(failed)).isEmpty();
  }

  @Test
  void costOnlyWithPrices() {
    assertThat(
            values(new EfficiencyMetric().evaluate(outcome("abc", false, 0, tokens("stop", "x")))))
        .doesNotContainKey("estimated_cost_usd");
    EfficiencyMetric priced =
        EfficiencyMetric.withContext(
            new EfficiencyContext("org/model", CHARS, null, new Prices(2.5, 10.0)));
    // 1000 prompt chars × $2.5/M + 3 output tokens × $10/M
    String prompt = "x".repeat(1000);
    assertThat(
            values(priced.evaluate(outcome(prompt, false, 0, tokens("stop", "a", "b", "c"))))
                .get("estimated_cost_usd"))
        .isCloseTo(0.0025 + 0.00003, within(1e-15));
    assertThatThrownBy(() -> new Prices(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Prices(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void estimatorFollowsHelmsFormula() {
    var c =
        new EfficiencyProfile.Coefficients(
            new TreeMap<>(Map.of(1, 0.1, 16, 0.2, 64, 0.8)), 0.05, 0.3);
    // n=10 → k*=16: 0.2·10/16 = 0.125; 5 outputs → 0.05·4 = 0.2; + 0.3
    assertThat(c.estimate(10, 5)).isCloseTo(0.625, within(1e-12));
    // n=16 exactly → k*=16: 0.2; no outputs → no per-token time
    assertThat(c.estimate(16, 0)).isCloseTo(0.5, within(1e-12));
    // n=1, one output → 0.1 + 0 + 0.3
    assertThat(c.estimate(1, 1)).isCloseTo(0.4, within(1e-12));
    // n=100 > largest key 64: 0.8·100/64 = 1.25; 2 outputs → 0.05
    assertThat(c.estimate(100, 2)).isCloseTo(1.6, within(1e-12));
    // n=0: no prompt time
    assertThat(c.estimate(0, 0)).isCloseTo(0.3, within(1e-12));
    var noOverhead = new EfficiencyProfile.Coefficients(Map.of(8, 0.4), 0.01);
    assertThat(noOverhead.estimate(4, 11)).isCloseTo(0.2 + 0.1, within(1e-12));
    assertThatThrownBy(() -> new EfficiencyProfile.Coefficients(Map.of(), 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EfficiencyProfile.Coefficients(Map.of(0, 0.1), 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runtimeEstimatesNeedAProfile() {
    assertThat(new RuntimeEstimates().skipReason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("no efficiency profile for deployment"));
    RuntimeEstimates none = RuntimeEstimates.withContext(EfficiencyContext.fallback("org/model"));
    assertThat(none.skipReason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("no efficiency profile for deployment org/model")
                    .contains("inference_denoised_runtime")
                    .contains("prism download efficiency_tables"));
    RuntimeEstimates explained =
        RuntimeEstimates.withContext(
            new EfficiencyContext("org/model", CHARS, null, null, "tables not downloaded"));
    assertThat(explained.skipReason()).contains("tables not downloaded");
    assertThatThrownBy(
            () ->
                new EfficiencyContext(
                    "org/model", CHARS, new EfficiencyProfile("org/other", null, null), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org/other");
  }

  @Test
  void runtimeEstimatesUseTheProfile() {
    var idealized = new EfficiencyProfile.Coefficients(Map.of(4, 0.4), 0.1);
    var profile = new EfficiencyProfile("org/model", idealized, null);
    RuntimeEstimates metric =
        RuntimeEstimates.withContext(new EfficiencyContext("org/model", CHARS, profile, null));
    assertThat(metric.skipReason()).isEmpty();
    // prompt "ab" = 2 chars → 0.4·2/4 = 0.2; 3 output tokens → 0.1·2; denoised omitted
    assertThat(values(metric.evaluate(outcome("ab", false, 9, tokens("stop", "x", "y", "z")))))
        .containsOnlyKeys("inference_idealized_runtime")
        .hasEntrySatisfying(
            "inference_idealized_runtime", v -> assertThat(v).isCloseTo(0.4, within(1e-12)));
  }

  @Test
  void contextConfiguresTheRegistryMetricsAndTheAggregatorRecordsTheSkip() {
    List<Metric> resolved = MetricRegistry.load().resolve(List.of("efficiency", "exact_match"));
    assertThat(resolved)
        .extracting(Metric::id)
        .containsExactly(
            "efficiency_metric", "inference_runtime_estimates", "training_costs", "exact_match");
    List<Metric> configured = EfficiencyContext.fallback("org/model").configure(resolved);
    assertThat(configured.get(3)).isSameAs(resolved.get(3));
    RunStats stats =
        StatsAggregator.aggregate(
            List.of(
                outcome("a b", false, 2.0, tokens("stop", "x")),
                outcome("c d e f", false, 4.0, tokens("length", "x", "y", "z"))),
            configured);
    assertThat(stats.skipped())
        .hasSize(2)
        .first()
        .satisfies(
            s -> {
              assertThat(s.metricId()).isEqualTo("inference_runtime_estimates");
              assertThat(s.reason())
                  .startsWith("no efficiency profile for deployment org/model")
                  .contains("prism download efficiency_tables");
            });
    assertThat(stats.skipped().get(1).metricId()).isEqualTo("training_costs");
    assertThat(mean(stats, "num_prompt_tokens")).isEqualTo(3.0); // (2 + 4) / 2
    assertThat(mean(stats, "num_output_tokens")).isEqualTo(2.0); // (1 + 3) / 2
    assertThat(mean(stats, "inference_runtime")).isEqualTo(3.0);
    assertThat(mean(stats, "finish_reason_stop")).isEqualTo(0.5);
  }

  @Test
  void statNamesSelectTheMetrics() {
    MetricRegistry registry = MetricRegistry.load();
    assertThat(registry.resolve(List.of("inference_denoised_runtime", "num_bytes")))
        .extracting(Metric::id)
        .containsExactly("inference_runtime_estimates", "efficiency_metric");
  }

  private static double mean(RunStats stats, String name) {
    return stats.find(new MetricKey(name, "test", null, null)).orElseThrow().mean();
  }
}
