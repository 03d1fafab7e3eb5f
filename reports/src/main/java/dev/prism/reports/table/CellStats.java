package dev.prism.reports.table;

/**
 * Statistics beyond HELM for one leaderboard cell.
 *
 * @param row the table row
 * @param column the table column
 * @param ciLow lower end of the seeded bootstrap 95% interval (NaN when unknown)
 * @param ciHigh upper end of the interval (NaN when unknown)
 * @param versusBest the paired test against the column's best row, or {@code null} for the best row
 *     itself and where no instances are shared
 */
public record CellStats(int row, int column, double ciLow, double ciHigh, Comparison versusBest) {
  /**
   * Whether the cell is not significantly different from the column's best at level {@code alpha}.
   */
  public boolean tiedWithBest(double alpha) {
    return versusBest != null && versusBest.pValue() >= alpha;
  }

  /** Whether the interval is known. */
  public boolean hasInterval() {
    return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
  }
}
