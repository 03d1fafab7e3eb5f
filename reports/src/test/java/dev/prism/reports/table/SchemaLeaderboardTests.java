package dev.prism.reports.table;

import static dev.prism.reports.ReportFixtures.robustness;
import static dev.prism.reports.ReportFixtures.run;
import static dev.prism.reports.ReportFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.schema.MetricRef;
import dev.prism.reports.stats.PairedTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaLeaderboardTests {
  private static final LeaderboardSchema SCHEMA = LeaderboardSchema.defaults();

  private static MetricKey key(String name, String split, String sub, String pert, String on) {
    return new MetricKey(
        name, split, sub, pert == null ? null : new PerturbationDescription(pert, true, false, on));
  }

  @Test
  void matcherFollowsHelm() {
    MetricRef plain = new MetricRef("exact_match", "test", null, null);
    assertThat(SchemaLeaderboard.matches(plain, key("exact_match", "test", null, null, null)))
        .isTrue();
    assertThat(SchemaLeaderboard.matches(plain, key("exact_match", "test", "hard", null, null)))
        .as("no sub_split given: every sub-split matches")
        .isTrue();
    assertThat(SchemaLeaderboard.matches(plain, key("exact_match", "valid", null, null, null)))
        .isFalse();
    assertThat(SchemaLeaderboard.matches(plain, key("f1_score", "test", null, null, null)))
        .isFalse();
    assertThat(
            SchemaLeaderboard.matches(
                plain, key("exact_match", "test", null, "robustness", "worst")))
        .as("unperturbed reference never matches perturbed stats")
        .isFalse();
    MetricRef robust = new MetricRef("exact_match", "test", null, "robustness");
    assertThat(
            SchemaLeaderboard.matches(
                robust, key("exact_match", "test", null, "robustness", "worst")))
        .isTrue();
    assertThat(
            SchemaLeaderboard.matches(
                robust, key("exact_match", "test", null, "robustness", "original")))
        .as("a perturbed stat must be computed_on worst")
        .isFalse();
    assertThat(
            SchemaLeaderboard.matches(robust, key("exact_match", "test", null, "typos", "worst")))
        .isFalse();
    MetricRef all = new MetricRef("exact_match", "__all__", "easy", null);
    assertThat(SchemaLeaderboard.matches(all, key("exact_match", "valid", "easy", null, null)))
        .isTrue();
    assertThat(SchemaLeaderboard.matches(all, key("exact_match", "valid", "hard", null, null)))
        .isFalse();
  }

  @Test
  void cellIsTheMeanOverRunsAndSubSplitsAndFallsBackToExactMatch() {
    RunReport anatomy =
        new RunReport(
            "mmlu:subject=anatomy,model=m",
            "mmlu",
            "",
            "m",
            "multiple_choice_joint",
            "exact_match",
            List.of(stat("exact_match", "test", 0.2)),
            List.of(),
            List.of());
    RunReport law =
        new RunReport(
            "mmlu:subject=law,model=m",
            "mmlu",
            "",
            "m",
            "multiple_choice_joint",
            "exact_match",
            List.of(stat("exact_match", "test", "a", 0.6), stat("exact_match", "test", "b", 1.0)),
            List.of(),
            List.of());
    Stat merged =
        SchemaLeaderboard.cellStat(
            List.of(anatomy, law), new MetricRef("quasi_exact_match", "test", null, null));
    // Falls back to exact_match; one value per (run, sub-split): (0.2 + 0.6 + 1.0) / 3.
    assertThat(merged.mean()).isCloseTo(0.6, within(1e-12));
    assertThat(merged.count()).isEqualTo(3);
  }

  @Test
  void runKeyDropsTheModelArgument() {
    assertThat(SchemaLeaderboard.runKey(run("qa", "a/b", "exact_match")))
        .isEqualTo("qa:")
        .isEqualTo(SchemaLeaderboard.runKey(run("qa", "c/d", "exact_match")));
    RunReport mmlu =
        new RunReport(
            "mmlu:subject=law,model=x/y,method=joint",
            "mmlu",
            "",
            "x/y",
            "g",
            "exact_match",
            List.of(),
            List.of(),
            List.of());
    assertThat(SchemaLeaderboard.runKey(mmlu)).isEqualTo("mmlu:subject=law,method=joint");
  }

  @Test
  void indexHasOneTablePerFamilyWithData() {
    Leaderboard lb =
        SchemaLeaderboard.build(
            ReportFixtures.smallSuite(), SCHEMA, LeaderboardOptions.DEFAULTS.withResamples(0));
    assertThat(lb.index().stream().map(GroupTable::metricGroup))
        .containsExactly("accuracy", "robustness", "toxicity", "general_information");
    GroupTable accuracy = lb.indexTable("accuracy");
    assertThat(accuracy.table().header().stream().map(HeaderCell::value))
        .containsExactly("Model", "Mean win rate", "qa - EM", "toxicity - Toxic fraction");
    assertThat(accuracy.firstDataColumn()).isEqualTo(2);
    assertThat(accuracy.columns().get(0).metric())
        .isEqualTo(new MetricRef("exact_match", "test", null, null));
    List<List<Cell>> rows = accuracy.table().rows();
    assertThat(rows.get(0).get(0).display()).isEqualTo("alpha/m1");
    assertThat(rows.get(0).get(2)).isEqualTo(new Cell(0.5, "0.500", "runs/qa_model_alpha_m1.html"));
    // toxic_frac is lower-is-better in the schema: alpha 0.3, beta 0.1; beta wins both columns.
    assertThat(rows.get(0).get(3).value()).isCloseTo(0.3, within(1e-12));
    assertThat(rows.get(0).get(1).value()).isEqualTo(0.0);
    assertThat(rows.get(1).get(1).value()).isEqualTo(1.0);
    GroupTable robustness = lb.indexTable("robustness");
    assertThat(robustness.table().header().get(2).value()).isEqualTo("qa - EM (robustness)");
    assertThat(robustness.table().rows().get(0).get(2).value()).isEqualTo(0.25);
    assertThat(robustness.table().rows().get(1).get(2).value()).isNull();
    GroupTable general = lb.indexTable("general_information");
    assertThat(general.firstDataColumn()).as("hide_win_rates").isEqualTo(1);
    assertThat(general.table().header().get(1).lowerIsBetter()).isNull();
  }

  @Test
  void everyRunGroupGetsAPage() {
    Leaderboard lb =
        SchemaLeaderboard.build(
            ReportFixtures.smallSuite(), SCHEMA, LeaderboardOptions.DEFAULTS.withResamples(0));
    assertThat(lb.groups().stream().map(Leaderboard.Group::pagePath))
        .containsExactly("groups/qa.html", "groups/toxicity.html");
    assertThat(lb.groups().get(0).runNames())
        .containsExactly("qa:model=alpha/m1", "qa:model=beta/m2");
  }

  @Test
  void parentGroupsShowTheirSubgroupsSideBySide() {
    LeaderboardSchema schema =
        LeaderboardSchema.parse(
            String.join(
                "\n",
                "metric_groups: [{name: accuracy, metrics: [{name: '${main_name}', split: test}]}]",
                "run_groups:",
                "  - {name: qa, display_name: QA, metric_groups: [accuracy]}",
                "  - {name: core, display_name: Core, subgroups: [qa, toxicity], metric_groups:"
                    + " [accuracy]}"),
            "s.yaml");
    Leaderboard lb =
        SchemaLeaderboard.build(
            ReportFixtures.smallSuite(), schema, LeaderboardOptions.DEFAULTS.withResamples(0));
    assertThat(lb.groups().stream().map(g -> g.group().name()))
        .containsExactly("qa", "toxicity", "core");
    Leaderboard.Group core = lb.groups().get(2);
    assertThat(core.tables().get(0).table().header().stream().map(HeaderCell::value))
        .containsExactly("Model", "Mean win rate", "QA - exact_match", "toxicity - toxic_frac");
    // The schema lists no metrics, so the override decides the direction.
    Leaderboard overridden =
        SchemaLeaderboard.build(
            ReportFixtures.smallSuite(),
            schema,
            new LeaderboardOptions(Map.of("toxic_frac", true), 0, 0, 0.05));
    assertThat(overridden.groups().get(2).tables().get(0).table().header().get(3).lowerIsBetter())
        .isTrue();
  }

  @Test
  void runsScoredByDifferentMethodsAreRankedInSeparateColumns() {
    List<RunReport> runs = new ArrayList<>(LeaderboardBuilderTests.mixedMethods().runs());
    // a/x also ran the joint format: it appears in both MMLU columns.
    runs.add(ReportFixtures.scoredBy("mmlu", "a/x", "multiple_choice_joint", 0.6));
    Leaderboard lb =
        SchemaLeaderboard.build(
            new SuiteReport("s", runs), SCHEMA, LeaderboardOptions.DEFAULTS.withResamples(0));

    GroupTable accuracy = lb.indexTable("accuracy");
    assertThat(accuracy.table().header().stream().map(HeaderCell::value))
        .containsExactly(
            "Model",
            "Mean win rate",
            "MMLU - EM [multiple_choice_joint]",
            "MMLU - EM [multiple_choice_separate_original]",
            "qa - EM");
    assertThat(accuracy.table().header().get(3).description())
        .contains("Scored by multiple_choice_separate_original; runs of this scenario scored by")
        .contains("multiple_choice_joint are in their own column");
    assertThat(accuracy.columns())
        .extracting(ColumnSource::method)
        .containsExactly("multiple_choice_joint", "multiple_choice_separate_original", null);
    List<List<Cell>> rows = accuracy.table().rows();
    assertThat(rows.stream().map(r -> r.get(2).display()))
        .containsExactly("0.600", "0.500", "0.700");
    assertThat(rows.stream().map(r -> r.get(3).display())).containsExactly("0.900", "-", "-");
    // Each cell links to the run of its own method.
    assertThat(rows.get(0).get(2).href())
        .isEqualTo("runs/mmlu_method_multiple_choice_joint_model_a_x.html");
    assertThat(rows.get(0).get(3).href())
        .isEqualTo("runs/mmlu_method_multiple_choice_separate_original_model_a_x.html");
    // Joint: b 0, a 0.5, c 1; separate: one value, not ranked; qa: a 0, b 0.5, c 1.
    assertThat(rows.stream().map(r -> r.get(1).value())).containsExactly(0.25, 0.25, 1.0);
    // The group page splits the same way.
    Leaderboard.Group mmlu =
        lb.groups().stream().filter(g -> g.group().name().equals("mmlu")).findFirst().orElseThrow();
    assertThat(mmlu.tables().get(0).table().header().stream().map(HeaderCell::value))
        .contains(
            "MMLU - EM [multiple_choice_joint]", "MMLU - EM [multiple_choice_separate_original]");
  }

  @Test
  void pairedTestsStayInsideAMethodColumn() {
    List<RunReport> runs = new ArrayList<>();
    for (RunReport r : pairedSuite(true).runs()) {
      String method =
          r.deployment().equals("a") ? "multiple_choice_separate_original" : "generation";
      runs.add(
          new RunReport(
              r.runName(),
              r.scenarioId(),
              r.scenarioDescription(),
              r.deployment(),
              method,
              r.mainMetric(),
              r.stats(),
              r.instances(),
              r.warnings()));
    }
    GroupTable t =
        SchemaLeaderboard.build(new SuiteReport("s", runs), SCHEMA, LeaderboardOptions.DEFAULTS)
            .index()
            .get(0);
    // b and c share a column; a is alone in its own: the only test is b against c.
    assertThat(t.adjacent()).hasSize(1);
    assertThat(List.of(t.adjacent().get(0).rowA(), t.adjacent().get(0).rowB()))
        .containsExactlyInAnyOrder(1, 2);
    assertThat(t.cellStats()).noneMatch(c -> c.versusBest() != null && c.row() == 0);
  }

  /** Three models on 200 shared instances: a is best, c equals a, b is clearly worse. */
  private static SuiteReport pairedSuite(boolean binary) {
    List<RunReport> runs = new ArrayList<>();
    for (String model : List.of("a", "b", "c")) {
      List<InstanceView> instances = new ArrayList<>();
      double sum = 0;
      for (int i = 0; i < 200; i++) {
        double v;
        if (binary) {
          v = model.equals("b") ? (i % 2 == 0 ? 1 : 0) : (i % 10 == 0 ? 0 : 1);
        } else {
          v = model.equals("b") ? 0.4 + (i % 5) * 0.01 : 0.8 + (i % 5) * 0.01;
        }
        if (model.equals("c") && i == 0) {
          v = binary ? 1 : v; // c differs from a on one instance only
        }
        sum += v;
        instances.add(
            new InstanceView(
                "id" + i,
                "test",
                null,
                0,
                "p",
                List.of(),
                List.of("x"),
                false,
                null,
                Map.of("exact_match", v)));
      }
      runs.add(
          new RunReport(
              "qa:model=" + model,
              "qa",
              "",
              model,
              "generation",
              "exact_match",
              List.of(stat("exact_match", "test", sum / 200)),
              instances,
              List.of()));
    }
    return new SuiteReport("s", runs);
  }

  @Test
  void mcNemarMarksCellsTiedWithTheBest() {
    GroupTable t =
        SchemaLeaderboard.build(pairedSuite(true), SCHEMA, LeaderboardOptions.DEFAULTS)
            .indexTable("accuracy");
    // Rows a, b, c; c (0.905) is best, a (0.9) differs on one instance only, b (0.5) is worse.
    assertThat(t.table().bestRows(2)).containsExactly(2);
    CellStats a = cellStats(t, 0);
    CellStats b = cellStats(t, 1);
    assertThat(a.versusBest().test()).isEqualTo(PairedTest.MCNEMAR);
    assertThat(a.versusBest().pairs()).isEqualTo(200);
    assertThat(a.versusBest().pValue()).isEqualTo(1.0);
    assertThat(a.tiedWithBest(0.05)).isTrue();
    assertThat(b.tiedWithBest(0.05)).isFalse();
    assertThat(b.versusBest().pValue()).isLessThan(1e-6);
    assertThat(b.ciLow()).isLessThan(0.5);
    assertThat(b.ciHigh()).isGreaterThan(0.5);
    assertThat(cellStats(t, 2).versusBest()).isNull();
    assertThat(t.adjacent())
        .extracting(Comparison::rowA, Comparison::rowB)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 0), org.assertj.core.groups.Tuple.tuple(0, 1));
  }

  @Test
  void pairedBootstrapForNonBinaryValuesIsDeterministic() {
    GroupTable t1 =
        SchemaLeaderboard.build(pairedSuite(false), SCHEMA, LeaderboardOptions.DEFAULTS)
            .indexTable("accuracy");
    GroupTable t2 =
        SchemaLeaderboard.build(pairedSuite(false), SCHEMA, LeaderboardOptions.DEFAULTS)
            .indexTable("accuracy");
    assertThat(t1).isEqualTo(t2);
    CellStats b = cellStats(t1, 1);
    assertThat(b.versusBest().test()).isEqualTo(PairedTest.PAIRED_BOOTSTRAP);
    assertThat(b.versusBest().pValue()).isLessThan(0.01);
    // a and c have the same values: both are best.
    assertThat(t1.table().bestRows(2)).containsExactly(0, 2);
    assertThat(cellStats(t1, 2).versusBest()).isNull();
  }

  private static CellStats cellStats(GroupTable t, int row) {
    return t.cellStats().stream().filter(s -> s.row() == row).findFirst().orElseThrow();
  }

  @Test
  void perturbedOriginalStatsDoNotCount() {
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                run(
                    "qa",
                    "m",
                    "exact_match",
                    stat("exact_match", "test", 0.5),
                    robustness("exact_match", "test", 0.25),
                    Stat.of(key("exact_match", "test", null, "robustness", "original"), 0.9))));
    GroupTable t =
        SchemaLeaderboard.build(suite, SCHEMA, LeaderboardOptions.DEFAULTS)
            .indexTable("robustness");
    assertThat(t.table().rows().get(0).get(2).value()).isEqualTo(0.25);
  }
}
