package dev.prism.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
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
}
