package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.calibration.CalibrationMetric;
import dev.prism.metrics.calibration.MaxProb;
import dev.prism.metrics.efficiency.EfficiencyContext;
import dev.prism.metrics.efficiency.EfficiencyMetric;
import dev.prism.metrics.efficiency.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HELM's BasicReferenceMetric and language-modelling / perplexity stats. */
class SeparateChoiceAndPerplexityTests {
  private static final Instance CAT =
      Instance.of(
          "id0",
          "The cat",
          List.of(Reference.wrong("sat"), Reference.correct("flew away"), Reference.wrong("ran")),
          Split.TEST);

  /** An echo outcome for reference {@code ref} whose tokens are (text, logprob) pairs. */
  private static RequestOutcome echo(Instance instance, int ref, String mode, Object... tokens) {
    List<Token> list = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < tokens.length; i += 2) {
      list.add(new Token((String) tokens[i], (Double) tokens[i + 1]));
      text.append(tokens[i]);
    }
    Request r = new Request("d/m", text.toString(), 0, 1, 1, 0, List.of(), true, null);
    return new RequestOutcome(
        new RequestState(instance, 0, ref, mode, r, Map.of(), 0, false),
        RequestResult.success(List.of(new Completion(text.toString(), 0, list, "length")), 0.1));
  }

  private static List<RequestOutcome> original(Instance instance) {
    return List.of(
        echo(instance, 0, "original", "The", 0.0, " cat", -1.0, " sat", -2.0),
        echo(instance, 1, "original", "The", 0.0, " cat", -1.0, " flew", -1.0, " away", -0.5),
        echo(instance, 2, "original", "The", 0.0, " cat", -1.0, " ran", -1.2));
  }

  private static Map<String, Double> values(List<Stat> stats) {
    Map<String, Double> out = new LinkedHashMap<>();
    stats.forEach(s -> out.put(s.key().name(), s.mean()));
    return out;
  }

  @Test
  void originalScoresTheMeanLogprobOfEachContinuation() {
    // Scores -2.0, -1.5/2 = -0.75, -1.2: "flew away" wins.
    Map<String, Double> v = values(new SeparateChoiceMetric().evaluateReferences(original(CAT)));

    assertThat(v.get("exact_match")).isEqualTo(1.0);
    assertThat(v.get("predicted_index")).isEqualTo(1.0);
    // max(softmax([-2, -0.75, -1.2])), as scipy computes it.
    assertThat(v.get("max_prob")).isCloseTo(0.5197146074490049, within(1e-15));
  }

  @Test
  void calibratedSubtractsTheAnswerOnlyLogprob() {
    List<RequestOutcome> outcomes = new ArrayList<>(original(CAT));
    outcomes.add(echo(CAT, 0, "calibration", "Answer", 0.0, ":", -1.0, " sat", -2.5));
    outcomes.add(echo(CAT, 1, "calibration", "Answer", 0.0, " flew", -0.2, " away", -0.3));
    outcomes.add(echo(CAT, 2, "calibration", "Answer", 0.0, ":", -3.0, " ran", -1.0));
    // Scores -2 - -2.5 = 0.5, -1.5 - -0.5 = -1.0, -1.2 - -1.0 = -0.2: "sat" (wrong) wins.
    Map<String, Double> v = values(new SeparateChoiceMetric().evaluateReferences(outcomes));

    assertThat(v.get("exact_match")).isZero();
    assertThat(v.get("predicted_index")).isZero();
    assertThat(v.get("max_prob")).isCloseTo(0.5814915437865615, within(1e-15));
  }

  @Test
  void aTieBetweenRightAndWrongScoresHalfAndPredictsTheFirst() {
    List<RequestOutcome> outcomes =
        List.of(
            echo(CAT, 0, "original", "The", 0.0, " sat", -1.0),
            echo(CAT, 1, "original", "The", 0.0, " flew", -0.5, " away", -1.5),
            echo(CAT, 2, "original", "The", 0.0, " ran", -3.0));
    Map<String, Double> v = values(new SeparateChoiceMetric().evaluateReferences(outcomes));

    assertThat(v.get("exact_match")).isEqualTo(0.5);
    assertThat(v.get("predicted_index")).isZero();
  }

  /** Counts whitespace-separated words: the document lengths below are easy to check by eye. */
  private static final TokenCounter WORDS =
      new TokenCounter() {
        @Override
        public String name() {
          return "words";
        }

        @Override
        public int count(String text) {
          String t = text.strip();
          return t.isEmpty() ? 0 : t.split("\\s+").length;
        }
      };

  /** A ranking (not echoed) outcome for document {@code ref}: the generated answer's tokens. */
  private static RequestOutcome answer(Instance instance, int ref, Object... tokens) {
    RequestOutcome echoed = echo(instance, ref, "original", tokens);
    Request r = echoed.state().request();
    Request generated =
        new Request(
            r.deployment(), "Passage: ...\nAnswer:", 0, 1, 1, 5, List.of("\n"), false, null);
    RequestState s = echoed.state();
    return new RequestOutcome(
        new RequestState(instance, 0, ref, s.requestMode(), generated, Map.of(), 4, false),
        echoed.result());
  }

  @Test
  void rankingScoresTheAnswerLogprobOverTheDocumentsTokenCount() {
    Instance query =
        Instance.of(
            "id0",
            "where is the river",
            List.of(
                Reference.wrong("short doc"),
                Reference.correct("a much longer relevant document"),
                Reference.wrong("third doc")),
            Split.VALID);
    // HELM: lp = sum of the answer's tokens, n = tokens of " " + document (2, 5, 2 words), so the
    // scores are -0.6/2 = -0.3, -0.6/5 = -0.12 and -0.1/2 = -0.05: the third (wrong) one wins.
    List<RequestOutcome> outcomes =
        List.of(
            answer(query, 0, " No", -0.6),
            answer(query, 1, " Yes", -0.3, "\n", -0.3),
            answer(query, 2, " Yes", -0.1));
    Map<String, Double> v =
        values(SeparateChoiceMetric.withTokenCounter(WORDS).evaluateReferences(outcomes));

    assertThat(v.get("exact_match")).isZero();
    assertThat(v.get("predicted_index")).isEqualTo(2.0);
    // max(scipy.special.softmax([-0.3, -0.12, -0.05]))
    assertThat(v.get("max_prob")).isCloseTo(0.36884110011941956, within(1e-15));
  }

  @Test
  void aRankingAnswerSumsItsLastDocumentLengthTokens() {
    RequestOutcome o = answer(CAT, 0, " Yes", -1.0, "\n", -0.25, "x", -0.5);

    assertThat(SeparateChoiceMetric.answer(o, 2))
        .isEqualTo(new SeparateChoiceMetric.Continuation(-0.75, 2));
    assertThat(SeparateChoiceMetric.answer(o, 5))
        .isEqualTo(new SeparateChoiceMetric.Continuation(-1.75, 5));
    assertThat(SeparateChoiceMetric.answer(answer(CAT, 0), 3))
        .isEqualTo(new SeparateChoiceMetric.Continuation(0, 3));
    assertThat(SeparateChoiceMetric.answer(o, 0)).isNull();
  }

  @Test
  void theRunnersContextCountsRankingDocumentsWithTheDeploymentsTokenizer() {
    List<Metric> configured =
        new EfficiencyContext("d/m", WORDS, null, null)
            .configure(List.of(new SeparateChoiceMetric()));

    assertThat(configured).singleElement().isInstanceOf(SeparateChoiceMetric.class);
    assertThat(((SeparateChoiceMetric) configured.get(0)).tokenCounter()).isSameAs(WORDS);
    assertThat(new SeparateChoiceMetric().tokenCounter()).isSameAs(TokenCounter.fallback());
  }

  @Test
  void continuationsAreCountedInBytesIncludingByteTokens() {
    // " café" is 6 bytes: " caf" (4) + "bytes:\xc3\xa9" (2).
    SeparateChoiceMetric.Continuation c =
        SeparateChoiceMetric.continuation(
            echo(CAT, 0, null, "A", -9.0, " caf", -1.0, "bytes:\\xc3\\xa9", -0.25), "café");
    assertThat(c).isEqualTo(new SeparateChoiceMetric.Continuation(-1.25, 2));
  }

  @Test
  void aFailedReferenceRequestLeavesTheInstanceUnscored() {
    List<RequestOutcome> outcomes = new ArrayList<>(original(CAT));
    RequestOutcome first = outcomes.get(0);
    outcomes.set(
        0, new RequestOutcome(first.state(), RequestResult.failure(ErrorKind.FATAL, "boom", 0.1)));
    assertThat(new SeparateChoiceMetric().evaluateReferences(outcomes)).isEmpty();
  }

  @Test
  void theAggregatorScoresReferencesPerInstanceAndCalibrationUsesThem() {
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Instance instance = CAT.withId("id" + i);
      // Instances 0 and 1 prefer the right answer, 2 and 3 a wrong one.
      double right = i < 2 ? -0.5 : -3.0;
      outcomes.add(echo(instance, 0, "original", "The", 0.0, " sat", -1.0));
      outcomes.add(echo(instance, 1, "original", "The", 0.0, " flew", right, " away", right));
      outcomes.add(echo(instance, 2, "original", "The", 0.0, " ran", -2.0 - i));
    }
    RunStats stats =
        StatsAggregator.aggregate(
            outcomes,
            List.of(
                new ExactMatch(),
                new QuasiExactMatch(),
                new MaxProb(),
                new CalibrationMetric(),
                new EfficiencyMetric(),
                new LanguageModelingMetric(),
                new PerplexityMetric()));

    assertThat(stats.find(new MetricKey("exact_match", "test", null, null)).orElseThrow().mean())
        .isEqualTo(0.5);
    assertThat(stats.find(new MetricKey("exact_match", "test", null, null)).orElseThrow().count())
        .isEqualTo(1);
    assertThat(stats.find(new MetricKey("predicted_index", "test", null, null))).isPresent();
    assertThat(stats.find(new MetricKey("ece_10_bin", "test", null, null))).isPresent();
    assertThat(stats.find(new MetricKey("quasi_exact_match", "test", null, null))).isEmpty();
    assertThat(stats.find(new MetricKey("num_bytes", "test", null, null))).isEmpty();
    assertThat(stats.find(new MetricKey("logprob", "test", null, null))).isEmpty();
    assertThat(stats.perInstance().get(0).stats())
        .anySatisfy(s -> assertThat(s.key().name()).isEqualTo("max_prob"));
    assertThat(stats.skipped())
        .anySatisfy(s -> assertThat(s.metricId()).isEqualTo("perplexity_metrics"));
  }

  @Test
  void languageModelingScoresTheTokensAfterTheConditioningOnes() {
    Instance doc = Instance.of("id0", "Hello world", List.of(), Split.TEST);
    List<Token> tokens =
        List.of(new Token("<|endoftext|>", 0), new Token("Hello", -1), new Token(" world", -2));
    Request r = new Request("d/m", "<|endoftext|>Hello world", 0, 1, 1, 0, List.of(), true, null);
    RequestOutcome window =
        new RequestOutcome(
            new RequestState(doc, 0, null, null, r, Map.of(), 0, false, 1),
            RequestResult.success(
                List.of(new Completion("<|endoftext|>Hello world", -3, tokens, "length")), 0.1));

    RunStats stats =
        StatsAggregator.aggregate(
            List.of(window),
            List.of(new LanguageModelingMetric(), new PerplexityMetric(), new EfficiencyMetric()));

    assertThat(mean(stats, "logprob")).isEqualTo(-3.0);
    assertThat(mean(stats, "num_perplexity_tokens")).isEqualTo(2.0);
    assertThat(mean(stats, "num_bytes")).isEqualTo(11.0);
    assertThat(mean(stats, "perplexity")).isCloseTo(4.4816890703380645, within(1e-15));
    assertThat(mean(stats, "bits_per_byte")).isCloseTo(0.39346228387880816, within(1e-15));
    assertThat(mean(stats, "logprob_per_byte")).isCloseTo(-0.2727272727272727, within(1e-15));
  }

  @Test
  void perplexityPoolsTokensOverWindowsNotAveragesOfRatios() {
    Instance doc = Instance.of("id0", "d", List.of(), Split.TEST);
    Request r = new Request("d/m", "x", 0, 1, 1, 0, List.of(), true, null);
    List<RequestOutcome> windows = new ArrayList<>();
    windows.add(
        new RequestOutcome(
            new RequestState(doc, 0, null, null, r, Map.of(), 0, false, 0),
            RequestResult.success(
                List.of(new Completion("ab", -1, List.of(new Token("a", -1)), null)), 0.1)));
    windows.add(
        new RequestOutcome(
            new RequestState(doc, 0, null, null, r, Map.of(), 0, false, 1),
            RequestResult.success(
                List.of(
                    new Completion(
                        "abcd",
                        -4,
                        List.of(new Token("a", -1), new Token("b", -1), new Token("c", -2)),
                        null)),
                0.1)));
    RunStats stats =
        StatsAggregator.aggregate(
            windows, List.of(new LanguageModelingMetric(), new PerplexityMetric()));

    // L = -1 + (-1 - 2) = -4 over T = 3 tokens.
    assertThat(mean(stats, "perplexity")).isCloseTo(Math.exp(4.0 / 3), within(1e-12));
    // The per-instance logprob is the mean over the instance's two windows, as HELM merges them.
    assertThat(mean(stats, "logprob")).isEqualTo(-2.0);
  }

  private static double mean(RunStats stats, String name) {
    return stats.find(new MetricKey(name, "test", null, null)).orElseThrow().mean();
  }

  @Test
  void requestStatsAreMergedOverEveryReferenceRequestAsHelmDoes() {
    // The original prompts keep 2 examples, the calibration prompts none: HELM's per-instance
    // num_train_instances is the mean over the instance's requests.
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (int ref = 0; ref < 3; ref++) {
      for (String mode : List.of("original", "calibration")) {
        RequestOutcome o = echo(CAT, ref, mode, "x", 0.0, " y", -1.0);
        RequestState s = o.state();
        outcomes.add(
            new RequestOutcome(
                new RequestState(
                    CAT,
                    0,
                    ref,
                    mode,
                    s.request(),
                    Map.of(),
                    mode.equals("original") ? 2 : 0,
                    ref == 2 && mode.equals("original")),
                o.result()));
      }
    }
    RunStats stats = StatsAggregator.aggregate(outcomes, List.of(new SeparateChoiceMetric()));

    assertThat(mean(stats, "num_train_instances")).isEqualTo(1.0);
    assertThat(mean(stats, "prompt_truncated")).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(mean(stats, "num_references")).isEqualTo(3.0);
  }
}
