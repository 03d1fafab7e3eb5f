package dev.prism.metrics.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SharedFiles;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.accuracy.ExactMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed from the formulas of helm-notes §2.2 in Python (numpy's array_split
 * and bisect for the bins, a transcription of numpy 1.24's argsort for the selective stats, scipy's
 * L-BFGS-B on scikit-learn's objective for Platt scaling).
 */
class CalibrationTests {
  private static final double[] P1 = {
    0.9, 0.8, 0.7, 0.6, 0.55, 0.3, 0.2, 0.95, 0.85, 0.4, 0.65, 0.75
  };
  private static final int[] Y1 = {1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1};

  /** 20 values with many ties, so numpy's introsort (not insertion sort) decides the tie order. */
  private static final double[] P2 = {
    0.9, 0.9, 0.9, 0.5, 0.5, 0.7, 0.7, 0.7, 0.7, 0.2, 0.9, 0.5, 0.5, 0.7, 0.99, 0.99, 0.3, 0.3, 0.9,
    0.6
  };

  private static final int[] Y2 = {1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0};

  @Test
  void twelveInstances() {
    Map<String, Double> s = stats(P1, Y1);
    assertThat(s.get("ece_10_bin")).isCloseTo(0.25416666666666665, within(1e-12));
    assertThat(s.get("ece_1_bin")).isCloseTo(0.054166666666666696, within(1e-12));
    assertThat(s.get("selective_cov_acc_area")).isCloseTo(0.8236652236652238, within(1e-12));
    assertThat(s.get("selective_acc@10")).isEqualTo(1.0);
    assertThat(s.get("platt_coef")).isCloseTo(1.5071298222991671, within(1e-4));
    assertThat(s.get("platt_intercept")).isCloseTo(-0.5766099181081709, within(1e-4));
    assertThat(s.get("platt_ece_10_bin")).isCloseTo(0.2428159692048451, within(1e-4));
    assertThat(s.get("platt_ece_1_bin")).isCloseTo(0, within(1e-4));
  }

  @Test
  void twentyInstancesWithTies() {
    Map<String, Double> s = stats(P2, Y2);
    assertThat(s.get("ece_10_bin")).isCloseTo(0.13899999999999998, within(1e-12));
    assertThat(s.get("ece_1_bin")).isCloseTo(0.119, within(1e-12));
    assertThat(s.get("selective_cov_acc_area")).isCloseTo(0.5748850377778397, within(1e-12));
    assertThat(s.get("selective_acc@10")).isCloseTo(0.6666666666666666, within(1e-12));
    assertThat(s.get("platt_coef")).isCloseTo(0.268257810743359, within(1e-4));
    assertThat(s.get("platt_intercept")).isCloseTo(-0.07807295678335902, within(1e-4));
    assertThat(s.get("platt_ece_10_bin")).isCloseTo(0.1266237921413543, within(1e-4));
  }

  @Test
  void allCorrectHasNoPlattFit() {
    Map<String, Double> s = stats(new double[] {0.6, 0.7, 0.8}, new int[] {1, 1, 1});
    assertThat(s).doesNotContainKeys("platt_coef", "platt_intercept");
    assertThat(s.get("ece_10_bin")).isCloseTo(0.3, within(1e-12));
    assertThat(s.get("ece_1_bin")).isCloseTo(0.3, within(1e-12));
    assertThat(s.get("selective_cov_acc_area")).isEqualTo(1.0);
    assertThat(s.get("selective_acc@10")).isEqualTo(1.0);
    assertThat(s.get("platt_ece_10_bin")).isEqualTo(0.0);
    assertThat(s.get("platt_ece_1_bin")).isEqualTo(0.0);
  }

  @Test
  void numpyArgsortTieOrder() {
    double[] v = new double[40];
    for (int i = 0; i < 40; i++) {
      v[i] = (i * 7) % 5 * 0.25;
    }
    assertThat(NumpySort.argsort(v))
        .containsExactly(
            0, 20, 15, 30, 10, 25, 35, 5, 23, 8, 33, 28, 13, 3, 38, 18, 6, 21, 1, 36, 16, 26, 11,
            31, 34, 29, 19, 14, 9, 4, 24, 39, 27, 22, 17, 12, 32, 7, 2, 37);
    assertThat(NumpySort.argsort(new double[] {3, Double.NaN, 1, 2})).containsExactly(2, 3, 0, 1);
  }

  @Test
  void equalMassBinsPutTiesInOneBin() {
    // Chunks [0.1, 0.1] [0.1, 0.9]: boundaries {0.1, 1.0}; the three 0.1s share the first bin.
    double ece =
        CalibrationFunctions.eceEqualMass(
            new double[] {0.1, 0.1, 0.1, 0.9}, new int[] {0, 0, 1, 1}, 2);
    assertThat(ece).isCloseTo(0.75 * Math.abs(0.1 - 1.0 / 3) + 0.25 * 0.1, within(1e-12));
  }

  /**
   * A real HELM run (bbq, Llama 3 8B chat, 100 instances): calibration from its per-instance
   * max_prob and exact_match reproduces its stats.json. Every max_prob is 1.0, so the selective
   * stats depend on numpy's tie order and the Platt fit is the degenerate case.
   */
  @Test
  void reproducesTheBbqRun() throws IOException {
    String dir =
        "shared/reference/helm-runs/stanford-crfm__helm/"
            + "bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b-chat/";
    JsonNode perInstance = SharedFiles.json(dir + "per_instance_stats.json");
    List<Double> probs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (JsonNode entry : perInstance) {
      Map<String, Double> values = new HashMap<>();
      for (JsonNode stat : entry.get("stats")) {
        if (!stat.get("name").has("perturbation")) {
          values.put(stat.get("name").get("name").asText(), stat.get("sum").asDouble());
        }
      }
      probs.add(values.get("max_prob"));
      labels.add((int) values.get("exact_match").doubleValue());
    }
    Map<String, Double> expected = new HashMap<>();
    for (JsonNode stat : SharedFiles.json(dir + "stats.json")) {
      if (!stat.get("name").has("perturbation") && stat.has("mean")) {
        expected.put(stat.get("name").get("name").asText(), stat.get("mean").asDouble());
      }
    }
    List<Stat> actual = CalibrationMetric.compute(probs, labels);
    assertThat(actual).hasSize(8);
    for (Stat stat : actual) {
      String name = stat.key().name();
      double tolerance = name.startsWith("platt") ? 1e-4 : 1e-12;
      assertThat(stat.mean()).as(name).isCloseTo(expected.get(name), within(tolerance));
    }
  }

  @Test
  void runsPerTrialAndContextThroughTheAggregator() {
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < P1.length; i++) {
      Instance instance = Fixtures.instance("id" + i, "yes");
      String text = Y1[i] == 1 ? "yes" : "no";
      double logprob = Math.log(P1[i]);
      Completion c = new Completion(text, logprob, List.of(new Token(text, logprob)), "stop");
      outcomes.add(
          new RequestOutcome(
              Fixtures.state(instance, 0, 1, Map.of(), 0, false),
              RequestResult.success(List.of(c), 0.1)));
    }
    List<Metric> metrics = List.of(new ExactMatch(), new MaxProb(), new CalibrationMetric());
    RunStats run = StatsAggregator.aggregate(outcomes, metrics);
    assertThat(run.find(new MetricKey("ece_10_bin", "test", null, null)).orElseThrow().mean())
        .isCloseTo(0.25416666666666665, within(1e-12));
    assertThat(run.find(new MetricKey("max_prob", "test", null, null)).orElseThrow().mean())
        .isCloseTo(mean(P1), within(1e-12));
    assertThat(run.skipped()).isEmpty();
    // No per-instance values, so no worst-case variants.
    assertThat(run.stats()).filteredOn(s -> s.key().name().equals("ece_10_bin")).hasSize(1);
  }

  @Test
  void skippedWithAReasonWithoutLogprobs() {
    List<RequestOutcome> outcomes =
        List.of(
            Fixtures.outcome(Fixtures.instance("id0", "yes"), "yes"),
            Fixtures.outcome(Fixtures.instance("id1", "yes"), "no"));
    RunStats run =
        StatsAggregator.aggregate(
            outcomes, List.of(new ExactMatch(), new MaxProb(), new CalibrationMetric()));
    assertThat(run.stats()).noneMatch(s -> s.key().name().startsWith("ece"));
    assertThat(run.skipped()).hasSize(1);
    assertThat(run.skipped().get(0).metricId()).isEqualTo("calibration_metrics");
    assertThat(run.skipped().get(0).context().split()).isEqualTo("test");
    assertThat(run.skipped().get(0).reason()).contains("no instance has a log-probability below 0");
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static Map<String, Double> stats(double[] probs, int[] labels) {
    List<Double> p = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < probs.length; i++) {
      p.add(probs[i]);
      y.add(labels[i]);
    }
    Map<String, Double> out = new HashMap<>();
    for (Stat stat : CalibrationMetric.compute(p, y)) {
      out.put(stat.key().name(), stat.mean());
    }
    return out;
  }
}
