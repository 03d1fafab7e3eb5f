package dev.prism.reports.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.table.LeaderboardOptions;
import dev.prism.reports.table.SchemaLeaderboard;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotsTests {
  @Test
  void buildsDropsAndWinRateBarsFromTheIndexTables() {
    List<Plot> plots =
        Plots.build(
            SchemaLeaderboard.build(
                ReportFixtures.smallSuite(),
                LeaderboardSchema.defaults(),
                LeaderboardOptions.DEFAULTS.withResamples(0)));
    assertThat(plots.stream().map(Plot::title))
        .containsExactly(
            "Robustness drop",
            "Accuracy: mean win rate",
            // Robustness has one value per column, so no win rates (HELM skips such columns).
            "Toxicity: mean win rate");
    BarChart drop = (BarChart) plots.get(0);
    // alpha: accuracy 0.5 on qa, worst case 0.25.
    assertThat(drop.bars()).containsExactly(new BarChart.Bar("alpha/m1", 0.25));
  }

  @Test
  void svgEscapesLabelsAndUsesRootLocaleNumbers() {
    String svg =
        Svg.render(
            new ScatterPlot(
                "A <b> & c", "x", "y", List.of(new ScatterPlot.Point("<script>", 0.5, 1.25))));
    assertThat(svg)
        .startsWith("<svg class=\"plot\"")
        .contains("&lt;script&gt; (0.5, 1.25)")
        .contains("A &lt;b&gt; &amp; c")
        .doesNotContain("<script>")
        .doesNotContain("0,5");
    assertThat(Svg.num(-0.0001)).isEqualTo("0");
    assertThat(Svg.range(new double[] {2, 2}, false)).containsExactly(1.8, 2.2);
  }
}
