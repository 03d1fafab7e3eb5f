package dev.prism.reports.plot;

import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.Leaderboard;
import dev.prism.reports.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's charts, pure functions of the index tables. A model's family score is the mean of its
 * values over the family's ranked columns (scenarios); charts leave out models without the values
 * they need, and charts without any model are left out.
 */
public final class Plots {
  private Plots() {}

  /**
   * Accuracy vs calibration error, accuracy vs runtime, robustness and fairness drops, and the mean
   * win rate per family.
   */
  public static List<Plot> build(Leaderboard leaderboard) {
    List<Plot> plots = new ArrayList<>();
    GroupTable accuracy = leaderboard.indexTable("accuracy");
    if (accuracy != null) {
      scatter(
          plots,
          "Accuracy vs calibration error",
          "10-bin ECE (lower is better)",
          accuracy,
          leaderboard.indexTable("calibration"));
      scatter(
          plots,
          "Accuracy vs runtime",
          "Inference runtime, s (lower is better)",
          accuracy,
          leaderboard.indexTable("efficiency"));
      drop(plots, "Robustness drop", accuracy, leaderboard.indexTable("robustness"));
      drop(plots, "Fairness drop", accuracy, leaderboard.indexTable("fairness"));
    }
    for (GroupTable t : leaderboard.index()) {
      if (t.firstDataColumn() < 2) {
        continue; // no mean win rate column
      }
      List<BarChart.Bar> bars = new ArrayList<>();
      for (List<dev.prism.reports.table.Cell> row : t.table().rows()) {
        Double v = row.get(1).value();
        if (v != null) {
          bars.add(new BarChart.Bar(row.get(0).display(), v));
        }
      }
      if (!bars.isEmpty()) {
        plots.add(new BarChart(t.table().title() + ": mean win rate", "Mean win rate", bars));
      }
    }
    return List.copyOf(plots);
  }

  /** The mean of each row's ranked data values, or {@code null}. */
  static Double familyScore(GroupTable t, int row) {
    Table table = t.table();
    double sum = 0;
    int n = 0;
    for (int c = t.firstDataColumn(); c < table.header().size(); c++) {
      Double v = table.rows().get(row).get(c).value();
      if (v != null && table.header().get(c).lowerIsBetter() != null) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  private static void scatter(
      List<Plot> plots, String title, String xLabel, GroupTable accuracy, GroupTable other) {
    if (other == null) {
      return;
    }
    Map<String, Integer> otherRows = rowIndex(other);
    List<ScatterPlot.Point> points = new ArrayList<>();
    for (int r = 0; r < accuracy.table().rows().size(); r++) {
      String model = accuracy.table().rows().get(r).get(0).display();
      Integer o = otherRows.get(model);
      Double y = familyScore(accuracy, r);
      Double x = o == null ? null : familyScore(other, o);
      if (x != null && y != null) {
        points.add(new ScatterPlot.Point(model, x, y));
      }
    }
    if (!points.isEmpty()) {
      plots.add(new ScatterPlot(title, xLabel, "Accuracy (mean over scenarios)", points));
    }
  }

  /** Per model, the mean over run groups with both values of accuracy minus the other value. */
  private static void drop(List<Plot> plots, String title, GroupTable accuracy, GroupTable other) {
    if (other == null) {
      return;
    }
    Map<String, Integer> accuracyColumns = new HashMap<>();
    for (int c = 0; c < accuracy.columns().size(); c++) {
      accuracyColumns.putIfAbsent(accuracy.columns().get(c).runsKey(), c);
    }
    Map<String, Integer> otherRows = rowIndex(other);
    List<BarChart.Bar> bars = new ArrayList<>();
    for (int r = 0; r < accuracy.table().rows().size(); r++) {
      List<dev.prism.reports.table.Cell> row = accuracy.table().rows().get(r);
      Integer o = otherRows.get(row.get(0).display());
      if (o == null) {
        continue;
      }
      double sum = 0;
      int n = 0;
      for (int c = 0; c < other.columns().size(); c++) {
        Integer a = accuracyColumns.get(other.columns().get(c).runsKey());
        if (a == null) {
          continue;
        }
        Double acc = row.get(accuracy.firstDataColumn() + a).value();
        Double perturbed = other.table().rows().get(o).get(other.firstDataColumn() + c).value();
        if (acc != null && perturbed != null) {
          sum += acc - perturbed;
          n++;
        }
      }
      if (n > 0) {
        bars.add(new BarChart.Bar(row.get(0).display(), sum / n));
      }
    }
    if (!bars.isEmpty()) {
      plots.add(new BarChart(title, "Accuracy minus worst-case accuracy", bars));
    }
  }

  private static Map<String, Integer> rowIndex(GroupTable t) {
    Map<String, Integer> rows = new HashMap<>();
    for (int r = 0; r < t.table().rows().size(); r++) {
      rows.putIfAbsent(t.table().rows().get(r).get(0).display(), r);
    }
    return rows;
  }
}
