package dev.prism.metrics.calibration;

import dev.prism.core.Completion;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.InstancesMetric;
import dev.prism.metrics.InstancesResult;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.ScoredInstance;
import dev.prism.metrics.accuracy.ExactMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's {@code compute_calibration_metrics} (helm-notes §2.2), per (train trial, context) over its
 * instances: {@code ece_10_bin}, {@code ece_1_bin}, {@code selective_cov_acc_area}, {@code
 * selective_acc@10}, {@code platt_ece_10_bin}, {@code platt_ece_1_bin}, and (unless every instance
 * is right or every one wrong, when both Platt ECEs are 0) {@code platt_coef} and {@code
 * platt_intercept}.
 *
 * <p>Per instance: the probability is its {@code max_prob} ({@link MaxProb}, the per-instance stat
 * when present, else computed from the outcomes) and the label is {@code int(mean exact_match)}
 * (truncated: a partial tie counts as wrong; the per-instance stat when present, else {@link
 * ExactMatch} on the outcomes). Instances lacking either are left out. The group is skipped, with a
 * reason, when no instance has a log-probability below 0 (HELM's test for a model without
 * log-probabilities) or no instance has both values.
 */
public final class CalibrationMetric implements InstancesMetric, NamedStats {
  private static final List<String> NAMES =
      List.of(
          "ece_10_bin",
          "ece_1_bin",
          "selective_cov_acc_area",
          "selective_acc@10",
          "platt_coef",
          "platt_intercept",
          "platt_ece_10_bin",
          "platt_ece_1_bin");

  private final ExactMatch exactMatch = new ExactMatch();

  /** Called by {@link java.util.ServiceLoader}. */
  public CalibrationMetric() {}

  @Override
  public String id() {
    return "calibration_metrics";
  }

  @Override
  public String family() {
    return "calibration";
  }

  @Override
  public List<String> statNames() {
    return NAMES;
  }

  @Override
  public boolean usesStat(String name) {
    return name.equals("max_prob") || name.equals("exact_match");
  }

  @Override
  public InstancesResult evaluateInstances(List<ScoredInstance> instances) {
    boolean anyLogprob = false;
    List<Double> probs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (ScoredInstance instance : instances) {
      anyLogprob |= instance.outcomes().stream().anyMatch(o -> logprob(o) < 0);
      Double p = instance.stat("max_prob").map(Stat::mean).orElseGet(() -> maxProb(instance));
      Double em =
          instance.stat("exact_match").map(Stat::mean).orElseGet(() -> exactMatch(instance));
      if (p != null && em != null && !p.isNaN() && !em.isNaN()) {
        probs.add(p);
        labels.add((int) em.doubleValue());
      }
    }
    if (!anyLogprob) {
      return InstancesResult.skipped(
          "no instance has a log-probability below 0 (the model returned none), so calibration"
              + " is not computed, as in HELM");
    }
    if (probs.isEmpty()) {
      return InstancesResult.skipped(
          "no instance has both max_prob and exact_match (separate multiple choice, failed"
              + " requests or no correct reference)");
    }
    return InstancesResult.of(compute(probs, labels));
  }

  /** The stats for these (probability, label) pairs, in HELM's order. */
  static List<Stat> compute(List<Double> probList, List<Integer> labelList) {
    int n = probList.size();
    double[] probs = new double[n];
    int[] labels = new int[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      probs[i] = probList.get(i);
      labels[i] = labelList.get(i);
      correct += labels[i];
    }
    List<Stat> stats = new ArrayList<>();
    double[] selective = CalibrationFunctions.selectiveStats(probs, labels);
    double plattEce10 = 0;
    double plattEce1 = 0;
    if (correct != 0 && correct != n) {
      PlattScaling platt = PlattScaling.fit(probs, labels);
      double[] scaled = new double[n];
      for (int i = 0; i < n; i++) {
        scaled[i] = platt.apply(probs[i]);
      }
      plattEce10 = CalibrationFunctions.eceEqualMass(scaled, labels, 10);
      plattEce1 = CalibrationFunctions.ece1Bin(scaled, labels);
      stats.add(Stat.of("platt_coef", platt.coef()));
      stats.add(Stat.of("platt_intercept", platt.intercept()));
    }
    stats.add(Stat.of("ece_10_bin", CalibrationFunctions.eceEqualMass(probs, labels, 10)));
    stats.add(Stat.of("ece_1_bin", CalibrationFunctions.ece1Bin(probs, labels)));
    stats.add(Stat.of("selective_cov_acc_area", selective[0]));
    stats.add(Stat.of("selective_acc@10", selective[1]));
    stats.add(Stat.of("platt_ece_10_bin", plattEce10));
    stats.add(Stat.of("platt_ece_1_bin", plattEce1));
    return stats;
  }

  /**
   * HELM's per-request {@code logprob}: the sum of the first completion's token log-probabilities,
   * or its total log-probability when it has no tokens; 0 without completions.
   */
  static double logprob(RequestOutcome outcome) {
    if (outcome.result().completions().isEmpty()) {
      return 0;
    }
    Completion c = outcome.result().completions().get(0);
    if (c.tokens().isEmpty()) {
      return c.logprob();
    }
    double sum = 0;
    for (Token t : c.tokens()) {
      sum += t.logprob();
    }
    return sum;
  }

  private static Double maxProb(ScoredInstance instance) {
    Stat stat = null;
    for (RequestOutcome o : instance.outcomes()) {
      Double p = MaxProb.maxProb(o);
      if (p != null) {
        stat = stat == null ? Stat.of("max_prob", p) : stat.add(p);
      }
    }
    return stat == null ? null : stat.mean();
  }

  private Double exactMatch(ScoredInstance instance) {
    Stat stat = null;
    for (RequestOutcome o : instance.outcomes()) {
      for (Stat s : exactMatch.evaluate(o)) {
        if (s.key().name().equals("exact_match")) {
          stat = stat == null ? s : stat.merge(s);
        }
      }
    }
    return stat == null ? null : stat.mean();
  }
}
