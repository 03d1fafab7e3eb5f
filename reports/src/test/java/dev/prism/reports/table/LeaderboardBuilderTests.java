package dev.prism.reports.table;

import static dev.prism.reports.ReportFixtures.robustness;
import static dev.prism.reports.ReportFixtures.run;
import static dev.prism.reports.ReportFixtures.scoredBy;
import static dev.prism.reports.ReportFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardBuilderTests {
  private static final Map<String, Boolean> TOXIC_FRAC_LOWER = Map.of("toxic_frac", true);

  @Test
  void twoModelsTwoScenarios() {
    Table t = LeaderboardBuilder.build(ReportFixtures.smallSuite(), TOXIC_FRAC_LOWER);

    assertThat(t.title()).isEqualTo("Leaderboard");
    assertThat(t.header())
        .extracting(HeaderCell::value)
        .containsExactly("Model", "Mean win rate", "qa", "toxicity");
    assertThat(t.header())
        .extracting(HeaderCell::lowerIsBetter)
        .containsExactly(null, false, false, true);
    // Distinct descriptions of the column's runs are joined in sorted order.
    assertThat(t.header().get(2).description())
        .isEqualTo("Question answering <with tags>. The qa scenario. Main metric: exact_match.");
    assertThat(column(t, 0)).containsExactly("alpha/m1", "beta/m2");
    // qa: test split only (valid 0.9 and the robustness stat are ignored).
    assertThat(value(t, 0, 2)).isEqualTo(0.5);
    assertThat(value(t, 1, 2)).isEqualTo(0.75);
    // toxicity: the two sub-splits merged, 0.2 and 0.4 -> 0.3.
    assertThat(value(t, 0, 3)).isCloseTo(0.3, within(1e-12));
    assertThat(value(t, 1, 3)).isCloseTo(0.1, within(1e-12));
    // beta wins both columns (lower toxic_frac is better).
    assertThat(value(t, 0, 1)).isEqualTo(0.0);
    assertThat(value(t, 1, 1)).isEqualTo(1.0);
    assertThat(column(t, 1)).containsExactly("0.000", "1.000");
    assertThat(column(t, 3)).containsExactly("0.300", "0.100");
    assertThat(t.rows().get(0).get(2).href()).isEqualTo("runs/qa_model_alpha_m1.html");
    assertThat(t.rows().get(1).get(3).href()).isEqualTo("runs/toxicity_model_beta_m2.html");
    assertThat(t.bestRows(1)).containsExactly(1);
    assertThat(t.bestRows(3)).containsExactly(1);
    assertThat(t.bestRows(0)).isEmpty();
  }

  /** MMLU scored by prompt log-likelihood for one model and by the joint fallback for two. */
  static SuiteReport mixedMethods() {
    return new SuiteReport(
        "s",
        List.of(
            scoredBy("mmlu", "a/x", "multiple_choice_separate_original", 0.9),
            scoredBy("mmlu", "b/y", "multiple_choice_joint", 0.5),
            scoredBy("mmlu", "c/z", "multiple_choice_joint", 0.7),
            scoredBy("qa", "a/x", "generation", 0.1),
            scoredBy("qa", "b/y", "generation", 0.2),
            scoredBy("qa", "c/z", "generation", 0.3)));
  }

  @Test
  void runsScoredByDifferentMethodsAreRankedInSeparateColumns() {
    Table t = LeaderboardBuilder.build(mixedMethods());

    assertThat(t.header())
        .extracting(HeaderCell::value)
        .containsExactly(
            "Model",
            "Mean win rate",
            "mmlu [multiple_choice_joint]",
            "mmlu [multiple_choice_separate_original]",
            "qa");
    assertThat(t.header().get(2).description())
        .endsWith(
            "Main metric: exact_match. Scored by multiple_choice_joint; runs of this scenario"
                + " scored by multiple_choice_separate_original are in their own column and are"
                + " not ranked against these.");
    assertThat(t.header().get(4).description()).isEqualTo("Main metric: exact_match.");
    assertThat(column(t, 2)).containsExactly("-", "0.500", "0.700");
    assertThat(column(t, 3)).containsExactly("0.900", "-", "-");
    assertThat(t.rows().get(0).get(3).href())
        .isEqualTo("runs/mmlu_method_multiple_choice_separate_original_model_a_x.html");
    // The log-likelihood column has one value, so it is not ranked: a/x's 0.9 beats nobody, and
    // its win rate comes from qa alone. Merged into one column it would have won mmlu (0.5).
    assertThat(value(t, 0, 1)).isEqualTo(0.0);
    assertThat(value(t, 1, 1)).isEqualTo(0.25);
    assertThat(value(t, 2, 1)).isEqualTo(1.0);
  }

  @Test
  void higherIsBetterByDefault() {
    Table t = LeaderboardBuilder.build(ReportFixtures.smallSuite());

    assertThat(t.header().get(3).lowerIsBetter()).isFalse();
    // Each model now wins one column.
    assertThat(value(t, 0, 1)).isEqualTo(0.5);
    assertThat(value(t, 1, 1)).isEqualTo(0.5);
    assertThat(t.bestRows(1)).containsExactly(0, 1);
  }

  @Test
  void outputDoesNotDependOnRunOrder() {
    SuiteReport suite = ReportFixtures.smallSuite();
    List<RunReport> runs = new ArrayList<>(suite.runs());
    Collections.reverse(runs);
    SuiteReport reversed = new SuiteReport(suite.suite(), runs);
    assertThat(LeaderboardBuilder.build(reversed, TOXIC_FRAC_LOWER))
        .isEqualTo(LeaderboardBuilder.build(suite, TOXIC_FRAC_LOWER));
  }

  @Test
  void fallsBackToValidSplitWhenRunHasNoTestStat() {
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                run("hellaswag", "a", "exact_match", stat("exact_match", "valid", 0.4)),
                run(
                    "hellaswag",
                    "b",
                    "exact_match",
                    stat("exact_match", "valid", 0.9),
                    stat("exact_match", "test", 0.6))));
    Table t = LeaderboardBuilder.build(suite);
    assertThat(value(t, 0, 2)).isEqualTo(0.4);
    assertThat(value(t, 1, 2)).isEqualTo(0.6);
  }

  @Test
  void mergesSubSplitsIncludingTheUnsplitStat() {
    RunReport r =
        run(
            "civil",
            "a",
            "em",
            stat("em", "test", "black", 1.0),
            stat("em", "test", "white", 0.0),
            stat("em", "test", 0.5),
            stat("em", "valid", "black", 0.0));
    assertThat(LeaderboardBuilder.cellValue(List.of(r))).isEqualTo(0.5);
  }

  @Test
  void cellMergesStatsOfAllRunsOfTheSameModelAndScenario() {
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                new RunReport(
                    "mmlu:subject=b,model=a",
                    "mmlu",
                    "",
                    "a",
                    "multiple_choice_joint",
                    "exact_match",
                    List.of(stat("exact_match", "test", 0.6)),
                    List.of(),
                    List.of()),
                new RunReport(
                    "mmlu:subject=a,model=a",
                    "mmlu",
                    "",
                    "a",
                    "multiple_choice_joint",
                    "exact_match",
                    List.of(stat("exact_match", "test", 0.2)),
                    List.of(),
                    List.of())));
    Table t = LeaderboardBuilder.build(suite);
    assertThat(value(t, 0, 2)).isCloseTo(0.4, within(1e-12));
    // Links to the first run by name.
    assertThat(t.rows().get(0).get(2).href()).isEqualTo("runs/mmlu_subject_a_model_a.html");
    // A blank scenario description is left out of the header.
    assertThat(t.header().get(2).description()).isEqualTo("Main metric: exact_match.");
    // A single model has no one to beat.
    assertThat(value(t, 0, 1)).isNull();
    assertThat(column(t, 1)).containsExactly("-");
  }

  @Test
  void tiesShareCredit() {
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                run("qa", "a", "em", stat("em", "test", 0.5)),
                run("qa", "b", "em", stat("em", "test", 0.5)),
                run("qa", "c", "em", stat("em", "test", 0.1))));
    Table t = LeaderboardBuilder.build(suite);
    assertThat(column(t, 1)).containsExactly("0.750", "0.750", "0.000");
    assertThat(t.bestRows(2)).containsExactly(0, 1);
    assertThat(t.bestRows(1)).containsExactly(0, 1);
  }

  @Test
  void missingCellsAndPerturbedOnlyStatsAreEmpty() {
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                run("qa", "a", "em", stat("em", "test", 0.5)),
                run("qa", "b", "em", robustness("em", "test", 0.9)),
                run("sum", "a", "rouge_l", stat("rouge_l", "test", 0.3))));
    Table t = LeaderboardBuilder.build(suite);
    assertThat(column(t, 0)).containsExactly("a", "b");
    // b ran qa but has no unperturbed stat: empty, still linked.
    assertThat(t.rows().get(1).get(2)).isEqualTo(new Cell(null, "-", "runs/qa_model_b.html"));
    // b never ran sum: empty, no link.
    assertThat(t.rows().get(1).get(3)).isEqualTo(new Cell(null, "-", null));
    // qa has one value, sum has one value: no column has two, so no win rates at all.
    assertThat(column(t, 1)).containsExactly("-", "-");
  }

  @Test
  void metricMappedToNullIsUnranked() {
    Map<String, Boolean> lower = new HashMap<>();
    lower.put("num_instances", null);
    SuiteReport suite =
        new SuiteReport(
            "s",
            List.of(
                run("count", "a", "num_instances", stat("num_instances", "test", 5)),
                run("count", "b", "num_instances", stat("num_instances", "test", 9))));
    Table t = LeaderboardBuilder.build(suite, lower);
    assertThat(t.header().get(2).lowerIsBetter()).isNull();
    assertThat(t.bestRows(2)).isEmpty();
    assertThat(column(t, 1)).containsExactly("-", "-");
  }

  @Test
  void emptySuiteHasHeaderOnly() {
    Table t = LeaderboardBuilder.build(new SuiteReport("s", List.of()));
    assertThat(t.header()).extracting(HeaderCell::value).containsExactly("Model", "Mean win rate");
    assertThat(t.rows()).isEmpty();
  }

  @Test
  void formatsWithRootLocaleAndNoNegativeZero() {
    assertThat(LeaderboardBuilder.format(1234.5678)).isEqualTo("1234.568");
    assertThat(LeaderboardBuilder.format(-0.0001)).isEqualTo("0.000");
  }

  private static Double value(Table t, int row, int column) {
    return t.rows().get(row).get(column).value();
  }

  private static List<String> column(Table t, int column) {
    return t.rows().stream().map(r -> r.get(column).display()).toList();
  }
}
