package dev.prism.reports.compare;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.stats.Resampling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two suites run by run: the main metric's delta, the instances whose correctness flipped,
 * and whether the difference is significant on the shared instances (exact McNemar for 0/1 values,
 * seeded paired bootstrap otherwise). A pure function of the two reports.
 */
public final class SuiteComparison {
  private static final int RESAMPLES = 2000;

  private SuiteComparison() {}

  /**
   * One run present in both suites (matched by scenario and deployment).
   *
   * @param scenario scenario id
   * @param deployment deployment name
   * @param metric the main metric compared
   * @param meanA mean over shared unperturbed instances in suite A
   * @param meanB the same in suite B
   * @param shared number of instances present in both
   * @param becameCorrect instances scored 0 in A and 1 in B (0/1 metrics only)
   * @param becameWrong instances scored 1 in A and 0 in B (0/1 metrics only)
   * @param pValue two-sided p-value of the paired test; NaN without shared instances
   */
  public record RunDelta(
      String scenario,
      String deployment,
      String metric,
      double meanA,
      double meanB,
      int shared,
      int becameCorrect,
      int becameWrong,
      double pValue) {
    public double delta() {
      return meanB - meanA;
    }

    /** At the 0.05 level. */
    public boolean significant() {
      return pValue < 0.05;
    }
  }

  /** Runs of {@code a} and {@code b} with the same scenario and deployment, sorted. */
  public static List<RunDelta> compare(SuiteReport a, SuiteReport b) {
    Map<String, RunReport> byKey = new HashMap<>();
    for (RunReport r : b.runs()) {
      byKey.putIfAbsent(key(r), r);
    }
    List<RunDelta> out = new ArrayList<>();
    for (RunReport ra : a.runs()) {
      RunReport rb = byKey.get(key(ra));
      if (rb != null) {
        out.add(delta(ra, rb));
      }
    }
    out.sort(Comparator.comparing(RunDelta::scenario).thenComparing(RunDelta::deployment));
    return out;
  }

  private static RunDelta delta(RunReport a, RunReport b) {
    String metric = a.mainMetric();
    Map<String, Double> valuesB = new HashMap<>();
    for (InstanceView v : b.instances()) {
      Double value = v.stats().get(metric);
      if (v.perturbation() == null && value != null) {
        valuesB.put(v.instanceId() + "#" + v.trainTrialIndex(), value);
      }
    }
    List<double[]> pairs = new ArrayList<>();
    for (InstanceView v : a.instances()) {
      Double va = v.stats().get(metric);
      Double vb = valuesB.get(v.instanceId() + "#" + v.trainTrialIndex());
      if (v.perturbation() == null && va != null && vb != null) {
        pairs.add(new double[] {va, vb});
      }
    }
    double sumA = 0;
    double sumB = 0;
    int up = 0;
    int down = 0;
    boolean binary = true;
    for (double[] p : pairs) {
      sumA += p[0];
      sumB += p[1];
      binary &= (p[0] == 0 || p[0] == 1) && (p[1] == 0 || p[1] == 1);
      if (p[0] == 0 && p[1] == 1) {
        up++;
      } else if (p[0] == 1 && p[1] == 0) {
        down++;
      }
    }
    int n = pairs.size();
    double p;
    if (n == 0) {
      p = Double.NaN;
    } else if (binary) {
      p = Resampling.mcNemar(down, up);
    } else {
      double[] differences = new double[n];
      for (int i = 0; i < n; i++) {
        differences[i] = pairs.get(i)[1] - pairs.get(i)[0];
      }
      p = Resampling.pairedBootstrap(List.of(differences), RESAMPLES, Resampling.seed(17, key(a)));
    }
    return new RunDelta(
        a.scenarioId(),
        a.deployment(),
        metric,
        n == 0 ? Double.NaN : sumA / n,
        n == 0 ? Double.NaN : sumB / n,
        n,
        binary ? up : 0,
        binary ? down : 0,
        p);
  }

  private static String key(RunReport r) {
    return Objects.requireNonNull(r.scenarioId()) + "\u0000" + r.deployment();
  }
}
