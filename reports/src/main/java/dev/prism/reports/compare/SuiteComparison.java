package dev.prism.reports.compare;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.stats.Resampling;
import dev.prism.reports.table.SchemaLeaderboard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two suites (or two runs) run by run: the main metric's delta, the instances whose
 * correctness flipped, and whether the difference is significant on the shared instances (exact
 * McNemar for 0/1 values, seeded paired bootstrap otherwise). A pure function of the two reports.
 */
public final class SuiteComparison {
  private static final int RESAMPLES = 2000;

  private SuiteComparison() {}

  /**
   * One instance whose 0/1 main metric differs between the two runs.
   *
   * @param a the instance as run A saw it (unperturbed, same train trial as {@code b})
   * @param b the same instance in run B
   */
  public record Flip(InstanceView a, InstanceView b) {
    public Flip {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  /**
   * One pair of runs compared: the same scenario and deployment in both suites, or two runs named
   * by the user.
   *
   * @param scenario scenario id (of run A)
   * @param deployment deployment name of run A
   * @param runA run name in A
   * @param runB run name in B
   * @param metric the main metric compared (run A's)
   * @param meanA mean over shared unperturbed instances in A; NaN without shared instances
   * @param meanB the same in B
   * @param shared number of (instance, train trial) pairs present in both
   * @param binary whether every shared value is 0 or 1, so flips are counted and McNemar is used
   * @param becameCorrect flips scored 0 in A and 1 in B (their instances are in {@code flips})
   * @param becameWrong flips scored 1 in A and 0 in B
   * @param pValue two-sided p-value of the paired test; NaN without shared instances
   * @param flips every flipped instance, in A's order; empty unless {@code binary}
   */
  public record RunDelta(
      String scenario,
      String deployment,
      String runA,
      String runB,
      String metric,
      double meanA,
      double meanB,
      int shared,
      boolean binary,
      int becameCorrect,
      int becameWrong,
      double pValue,
      List<Flip> flips) {
    public RunDelta {
      flips = List.copyOf(flips);
    }

    public double delta() {
      return meanB - meanA;
    }

    /** At the 0.05 level. */
    public boolean significant() {
      return pValue < 0.05;
    }
  }

  /**
   * Pairs of runs of {@code a} and {@code b} with the same scenario and deployment, sorted by
   * scenario, deployment and run name. Where a suite has several runs of one scenario and
   * deployment (MMLU subjects, say), runs are paired by their arguments; a run that is alone on
   * both sides is paired with its counterpart even if its arguments changed (that is what one
   * usually compares).
   */
  public static List<RunDelta> compare(SuiteReport a, SuiteReport b) {
    Map<String, List<RunReport>> groupsA = byScenarioAndDeployment(a);
    Map<String, List<RunReport>> groupsB = byScenarioAndDeployment(b);
    List<RunDelta> out = new ArrayList<>();
    for (Map.Entry<String, List<RunReport>> e : groupsA.entrySet()) {
      List<RunReport> runsB = groupsB.get(e.getKey());
      if (runsB == null) {
        continue;
      }
      List<RunReport> runsA = e.getValue();
      if (runsA.size() == 1 && runsB.size() == 1) {
        out.add(compareRuns(runsA.get(0), runsB.get(0)));
        continue;
      }
      Map<String, RunReport> byKey = new HashMap<>();
      for (RunReport r : runsB) {
        byKey.putIfAbsent(SchemaLeaderboard.runKey(r), r);
      }
      for (RunReport ra : runsA) {
        RunReport rb = byKey.remove(SchemaLeaderboard.runKey(ra));
        if (rb != null) {
          out.add(compareRuns(ra, rb));
        }
      }
    }
    out.sort(
        Comparator.comparing(RunDelta::scenario)
            .thenComparing(RunDelta::deployment)
            .thenComparing(RunDelta::runA)
            .thenComparing(RunDelta::runB));
    return out;
  }

  private static Map<String, List<RunReport>> byScenarioAndDeployment(SuiteReport suite) {
    Map<String, List<RunReport>> groups = new HashMap<>();
    for (RunReport r : suite.runs()) {
      groups
          .computeIfAbsent(
              Objects.requireNonNull(r.scenarioId()) + "\u0000" + r.deployment(),
              k -> new ArrayList<>())
          .add(r);
    }
    return groups;
  }

  /**
   * Compares two runs on the unperturbed instances both hold (matched by instance id and train
   * trial), using run A's main metric.
   */
  public static RunDelta compareRuns(RunReport a, RunReport b) {
    String metric = a.mainMetric();
    Map<String, InstanceView> viewsB = new HashMap<>();
    for (InstanceView v : b.instances()) {
      if (v.perturbation() == null && v.stats().containsKey(metric)) {
        viewsB.putIfAbsent(pairKey(v), v);
      }
    }
    List<InstanceView[]> pairs = new ArrayList<>();
    for (InstanceView v : a.instances()) {
      InstanceView w = viewsB.get(pairKey(v));
      if (v.perturbation() == null && w != null && v.stats().containsKey(metric)) {
        pairs.add(new InstanceView[] {v, w});
      }
    }
    double sumA = 0;
    double sumB = 0;
    boolean binary = true;
    List<Flip> flips = new ArrayList<>();
    int up = 0;
    for (InstanceView[] p : pairs) {
      double x = p[0].stats().get(metric);
      double y = p[1].stats().get(metric);
      sumA += x;
      sumB += y;
      binary &= (x == 0 || x == 1) && (y == 0 || y == 1);
      if (x != y) {
        flips.add(new Flip(p[0], p[1]));
        up += x == 0 ? 1 : 0;
      }
    }
    int n = pairs.size();
    double p;
    if (n == 0) {
      p = Double.NaN;
    } else if (binary) {
      p = Resampling.mcNemar(flips.size() - up, up);
    } else {
      double[] differences = new double[n];
      for (int i = 0; i < n; i++) {
        differences[i] = pairs.get(i)[1].stats().get(metric) - pairs.get(i)[0].stats().get(metric);
      }
      p =
          Resampling.pairedBootstrap(
              List.of(differences),
              RESAMPLES,
              Resampling.seed(17, a.scenarioId() + "\u0000" + a.deployment()));
    }
    return new RunDelta(
        a.scenarioId(),
        a.deployment(),
        a.runName(),
        b.runName(),
        metric,
        n == 0 ? Double.NaN : sumA / n,
        n == 0 ? Double.NaN : sumB / n,
        n,
        binary,
        binary ? up : 0,
        binary ? flips.size() - up : 0,
        p,
        binary ? flips : List.of());
  }

  private static String pairKey(InstanceView v) {
    return v.instanceId() + "\u0000" + v.trainTrialIndex();
  }
}
