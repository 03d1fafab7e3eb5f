package dev.prism.reports.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardSchemaTests {
  @Test
  void defaultSchemaHasTheSevenFamiliesPlusGeneralInformation() {
    LeaderboardSchema schema = LeaderboardSchema.defaults();
    assertThat(schema.metricGroups().stream().map(MetricGroup::name))
        .containsExactly(
            "accuracy",
            "calibration",
            "robustness",
            "fairness",
            "bias",
            "toxicity",
            "efficiency",
            "general_information");
    assertThat(schema.metricGroup("robustness").metrics())
        .containsExactly(
            new MetricRef(MetricRef.MAIN_NAME, MetricRef.MAIN_SPLIT, null, "robustness"));
    assertThat(schema.metric("ece_10_bin").lowerIsBetter()).isTrue();
    assertThat(schema.metric("exact_match").shortDisplayName()).isEqualTo("EM");
    assertThat(schema.metric("num_instances").lowerIsBetter()).isNull();
    assertThat(schema.metricGroup("general_information").hideWinRates()).isTrue();
    assertThat(schema.runGroupFor("mmlu").mainName()).isEqualTo("exact_match");
    assertThat(schema.runGroupFor("boolq").mainSplit()).isEqualTo("valid");
  }

  @Test
  void unknownScenarioGetsALeafGroupWithEveryMetricGroup() {
    RunGroup g = LeaderboardSchema.defaults().runGroupFor("prism/arithmetic");
    assertThat(g.displayName()).isEqualTo("prism/arithmetic");
    assertThat(g.metricGroups()).hasSize(8);
    assertThat(g.mainName()).isNull();
    assertThat(g.subgroups()).isEmpty();
  }

  @Test
  void unknownMetricIsHigherIsBetterUnderItsOwnName() {
    assertThat(LeaderboardSchema.defaults().metric("my_score"))
        .isEqualTo(new MetricSpec("my_score", "my_score", "my_score", "", false));
  }

  @Test
  void placeholdersResolve() {
    MetricRef ref = new MetricRef("${main_name}", "${main_split}", null, "fairness");
    assertThat(ref.resolve("f1_score", "valid"))
        .isEqualTo(new MetricRef("f1_score", "valid", null, "fairness"));
  }

  @Test
  void parsesJsonAndYamlWithSubgroups() {
    LeaderboardSchema schema =
        LeaderboardSchema.parse(
            String.join(
                "\n",
                "metrics: [{name: acc, display_name: Accuracy, lower_is_better: false}]",
                "metric_groups:",
                "  - name: main",
                "    metrics: [{name: acc, split: test, sub_split: easy}]",
                "run_groups:",
                "  - {name: a, metric_groups: [main]}",
                "  - {name: core, display_name: Core, subgroups: [a], metric_groups: [main]}"),
            "test.yaml");
    assertThat(schema.metric("acc").shortDisplayName()).isEqualTo("Accuracy");
    assertThat(schema.metricGroup("main").displayName()).isEqualTo("main");
    assertThat(schema.metricGroup("main").metrics().get(0).subSplit()).isEqualTo("easy");
    assertThat(schema.runGroups().get(1).subgroups()).containsExactly("a");
  }

  @Test
  void collectsEveryProblemIntoOneError() {
    String yaml =
        String.join(
            "\n",
            "metrics: [{display_name: nameless}, {name: x}, {name: x, lower_is_better: maybe}]",
            "metric_groups: [{name: g, metrics: [{name: x}]}]",
            "run_groups: [{name: r, metric_groups: [g, nope], subgroups: [ghost]}]");
    assertThatThrownBy(() -> LeaderboardSchema.parse(yaml, "bad.yaml"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("bad.yaml has 5 problems")
        .hasMessageContaining("metrics[0].name is required")
        .hasMessageContaining("metrics[2].lower_is_better must be true, false or absent")
        .hasMessageContaining("metric_groups[0].metrics[0].split is required")
        .hasMessageContaining("metric 'x' is declared 2 times")
        .hasMessageContaining("run group 'r' names unknown metric group 'nope'");
  }

  @Test
  void syntaxErrorIsAUserError() {
    assertThatThrownBy(() -> LeaderboardSchema.parse("metrics: [", "broken.yaml"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith("Cannot parse leaderboard schema broken.yaml");
  }

  @Test
  void recordsCopyTheirLists() {
    List<String> subgroups = new java.util.ArrayList<>(List.of("a"));
    RunGroup g = new RunGroup("p", "P", "", subgroups, List.of(), null, null);
    subgroups.add("b");
    assertThat(g.subgroups()).containsExactly("a");
  }
}
