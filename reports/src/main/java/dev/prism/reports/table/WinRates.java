package dev.prism.reports.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HELM's mean win rate ({@code summarize.py#compute_aggregate_row_win_rates}), ties with half
 * credit (HELM #3001).
 */
public final class WinRates {
  private WinRates() {}

  /**
   * Each row's mean win rate over the ranked columns.
   *
   * <p>For every column whose {@code lowerIsBetter} is not {@code null}: the column's non-null
   * values are sorted from worst to best; a value occurring {@code c} times after {@code acc} worse
   * values scores {@code acc + (c - 1) / 2} wins; a row's win rate in the column is its wins
   * divided by the number of values in the column minus one. Columns with fewer than two values are
   * skipped. A row's result is the mean of its win rates, in column order, or {@code null} when it
   * has none.
   *
   * <pre>{@code
   * WinRates.meanWinRates(List.of(List.of(1.0), List.of(2.0)), List.of(false)); // [0.0, 1.0]
   * }</pre>
   *
   * @param rowsByColumns one list per row, holding that row's value in each column; {@code null}
   *     (and NaN) means missing
   * @param lowerIsBetter one entry per column; {@code null} leaves the column out
   * @return one entry per row, {@code null} where the row has no win rate; unmodifiable
   * @throws IllegalArgumentException when a row's length differs from {@code lowerIsBetter}'s
   */
  public static List<Double> meanWinRates(
      List<List<Double>> rowsByColumns, List<Boolean> lowerIsBetter) {
    int rowCount = rowsByColumns.size();
    for (int r = 0; r < rowCount; r++) {
      if (rowsByColumns.get(r).size() != lowerIsBetter.size()) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has "
                + rowsByColumns.get(r).size()
                + " values but there are "
                + lowerIsBetter.size()
                + " columns");
      }
    }
    double[] sums = new double[rowCount];
    int[] counts = new int[rowCount];
    for (int c = 0; c < lowerIsBetter.size(); c++) {
      Boolean lower = lowerIsBetter.get(c);
      if (lower == null) {
        continue;
      }
      // Worst first: ascending when higher is better, descending when lower is better.
      Comparator<Double> worstFirst = lower ? Comparator.reverseOrder() : Comparator.naturalOrder();
      Map<Double, Integer> multiplicity = new TreeMap<>(worstFirst);
      for (List<Double> row : rowsByColumns) {
        Double v = value(row, c);
        if (v != null) {
          multiplicity.merge(v, 1, Integer::sum);
        }
      }
      Map<Double, Double> wins = new TreeMap<>(worstFirst);
      int acc = 0;
      for (Map.Entry<Double, Integer> e : multiplicity.entrySet()) {
        wins.put(e.getKey(), acc + (e.getValue() - 1) / 2.0);
        acc += e.getValue();
      }
      int opponents = acc - 1;
      if (opponents < 1) {
        continue;
      }
      for (int r = 0; r < rowCount; r++) {
        Double v = value(rowsByColumns.get(r), c);
        if (v != null) {
          sums[r] += wins.get(v) / opponents;
          counts[r]++;
        }
      }
    }
    List<Double> result = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      result.add(counts[r] == 0 ? null : sums[r] / counts[r]);
    }
    return Collections.unmodifiableList(result);
  }

  /** The value, with NaN read as missing and -0.0 as 0.0 (Python's dict treats them as equal). */
  private static Double value(List<Double> row, int column) {
    Double v = row.get(column);
    if (v == null || v.isNaN()) {
      return null;
    }
    return v + 0.0;
  }
}
