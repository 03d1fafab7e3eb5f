package dev.prism.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.stats.Resampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteComparisonTests {
  private static RunReport run(String suite, double... values) {
    List<InstanceView> views = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      views.add(
          new InstanceView(
              "id" + i,
              "test",
              null,
              0,
              "p",
              List.of(new ReferenceView("a", true)),
              List.of("a"),
              false,
              null,
              Map.of("exact_match", values[i])));
    }
    return new RunReport(
        "s:model=m", "s", "d", "org/m", "generation", "exact_match", List.of(), views, List.of());
  }

  @Test
  void countsFlipsAndDeltaOnSharedInstances() {
    SuiteReport a = new SuiteReport("a", List.of(run("a", 1, 1, 0, 0)));
    SuiteReport b = new SuiteReport("b", List.of(run("b", 1, 0, 1, 1)));
    List<SuiteComparison.RunDelta> deltas = SuiteComparison.compare(a, b);
    assertThat(deltas).hasSize(1);
    SuiteComparison.RunDelta d = deltas.get(0);
    assertThat(d.shared()).isEqualTo(4);
    assertThat(d.becameCorrect()).isEqualTo(2);
    assertThat(d.becameWrong()).isEqualTo(1);
    assertThat(d.delta()).isCloseTo(0.25, within(1e-12));
    assertThat(d.pValue()).isBetween(0.0, 1.0);
    assertThat(d.significant()).isFalse();
  }

  @Test
  void runsWithoutACounterpartAreLeftOut() {
    RunReport other =
        new RunReport(
            "t:model=m",
            "t",
            "d",
            "org/m",
            "generation",
            "exact_match",
            List.of(),
            List.of(),
            List.of());
    assertThat(
            SuiteComparison.compare(
                new SuiteReport("a", List.of(run("a", 1))), new SuiteReport("b", List.of(other))))
        .isEmpty();
  }

  @Test
  void listsTheFlippedInstancesOfBothDirections() {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    SuiteComparison.RunDelta qa =
        find(SuiteComparison.compare(suites[0], suites[1]), "qa", "alpha/m1");
    assertThat(qa.binary()).isTrue();
    assertThat(qa.shared()).as("the perturbed copy is not paired").isEqualTo(5);
    assertThat(qa.becameCorrect()).isEqualTo(2);
    assertThat(qa.becameWrong()).isEqualTo(1);
    assertThat(qa.flips())
        .extracting(f -> f.a().instanceId() + ":" + f.b().stats().get("exact_match"))
        .containsExactly("id1:0.0", "id2:1.0", "id3:1.0");
    assertThat(qa.flips()).allMatch(f -> f.a().instanceId().equals(f.b().instanceId()));
    assertThat(qa.pValue()).isEqualTo(Resampling.mcNemar(1, 2));
  }

  @Test
  void pairsSeveralRunsOfOneScenarioAndModelByTheirArguments() {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    List<SuiteComparison.RunDelta> deltas = SuiteComparison.compare(suites[0], suites[1]);
    assertThat(deltas)
        .extracting(d -> d.runA() + " -> " + d.runB() + " " + d.delta())
        .containsExactly(
            "mcq:subject=x,model=alpha/m1 -> mcq:subject=x,model=alpha/m1 0.0",
            "mcq:subject=y,model=alpha/m1 -> mcq:subject=y,model=alpha/m1 -1.0",
            "qa:model=alpha/m1 -> qa:model=alpha/m1 " + (3.0 / 5 - 2.0 / 5),
            "qa:model=beta/m2 -> qa:model=beta/m2 0.0",
            "toxicity:model=alpha/m1 -> toxicity:model=alpha/m1 "
                + find(deltas, "toxicity", "alpha/m1").delta());
  }

  @Test
  void nonBinaryMetricsGetABootstrapTestAndNoFlips() {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    SuiteComparison.RunDelta tox =
        find(SuiteComparison.compare(suites[0], suites[1]), "toxicity", "alpha/m1");
    assertThat(tox.binary()).isFalse();
    assertThat(tox.flips()).isEmpty();
    assertThat(tox.becameCorrect() + tox.becameWrong()).isZero();
    assertThat(tox.delta()).isCloseTo(0.05, within(1e-12));
    assertThat(tox.pValue()).isBetween(0.0, 1.0);
  }

  @Test
  void twoRunsOfDifferentModelsArePairedDirectly() {
    RunReport a = run("a", 1, 1, 0, 0);
    RunReport b =
        new RunReport(
            "s:model=other",
            "s",
            "d",
            "org/other",
            "generation",
            "exact_match",
            List.of(),
            run("b", 0, 1, 1, 1).instances(),
            List.of());
    SuiteComparison.RunDelta d = SuiteComparison.compareRuns(a, b);
    assertThat(d.runA()).isEqualTo("s:model=m");
    assertThat(d.runB()).isEqualTo("s:model=other");
    assertThat(d.becameCorrect()).isEqualTo(2);
    assertThat(d.becameWrong()).isEqualTo(1);
    assertThat(d.flips()).hasSize(3);
  }

  private static SuiteComparison.RunDelta find(
      List<SuiteComparison.RunDelta> deltas, String scenario, String deployment) {
    return deltas.stream()
        .filter(d -> d.scenario().equals(scenario) && d.deployment().equals(deployment))
        .findFirst()
        .orElseThrow();
  }
}
