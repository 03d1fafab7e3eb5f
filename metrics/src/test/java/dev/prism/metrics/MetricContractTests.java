package dev.prism.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Metric;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every discovered metric must satisfy. */
class MetricContractTests {
  static Stream<Named<Metric>> metrics() {
    return MetricRegistry.load().all().stream().map(m -> Named.of(m.id(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void hasAnIdAndAStandardFamily(Metric metric) {
    assertThat(metric.id()).isNotBlank().doesNotContainAnyWhitespaces();
    assertThat(MetricRegistry.STANDARD_FAMILIES).contains(metric.family());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void statsAreNamedByIdAndKeyedByNameOnly(Metric metric) {
    // The gold carries test cases too, so that code_eval has a program to run (it fails).
    Reference gold =
        new Reference(
            "The answer is 42",
            List.of(Reference.CORRECT_TAG),
            Map.of("test", "def check(candidate):\n    pass\n", "entry_point", "len"));
    var outcome =
        Fixtures.outcome(
            Fixtures.instance("id0", List.of(gold), Split.TEST, null, null),
            "42",
            "the answer is 42");
    List<Stat> stats = metric.evaluate(outcome);
    if (metric instanceof InstancesMetric || metric instanceof ReferencesMetric) {
      // They score groups of outcomes, not one.
      assertThat(stats).isEmpty();
      return;
    }
    if (metric instanceof Skippable skippable && skippable.skipReason().isPresent()) {
      // A metric that says it cannot run (no profile, no API key) produces nothing.
      assertThat(stats).isEmpty();
      return;
    }
    assertThat(stats).isNotEmpty();
    List<String> names = new ArrayList<>(List.of(metric.id(), metric.id() + "@2"));
    if (metric instanceof NamedStats named) {
      named.statNames().forEach(n -> names.addAll(List.of(n, n + "@2")));
    }
    for (Stat stat : stats) {
      assertThat(stat.key().name()).isIn(names);
      assertThat(stat.key().split()).isNull();
      assertThat(stat.key().subSplit()).isNull();
      assertThat(stat.key().perturbation()).isNull();
      assertThat(stat.count()).isEqualTo(1);
      if (metric.family().equals("accuracy")) {
        assertThat(stat.mean()).isBetween(0.0, 1.0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void isDeterministic(Metric metric) {
    var outcome = Fixtures.outcome(Fixtures.instance("id0", "Paris, France"), "paris");
    assertThat(metric.evaluate(outcome)).isEqualTo(metric.evaluate(outcome));
  }
}
