package dev.prism.reports.table;

import java.util.List;
import java.util.Objects;

/**
 * One leaderboard table: a metric group's columns for a set of run groups, one row per model.
 *
 * @param runGroup the run group the table belongs to ({@code ""} for the index page)
 * @param metricGroup the metric group's name, e.g. {@code accuracy}
 * @param table the cells; column 0 is the model, then the mean win rate unless the metric group
 *     hides it, then the data columns
 * @param firstDataColumn the index of the first data column
 * @param columns one source per data column, in column order
 * @param cellStats confidence intervals and tests versus the best, for the cells that have them
 * @param adjacent paired tests between rows adjacent in each column's ranking, best first
 */
public record GroupTable(
    String runGroup,
    String metricGroup,
    Table table,
    int firstDataColumn,
    List<ColumnSource> columns,
    List<CellStats> cellStats,
    List<Comparison> adjacent) {
  public GroupTable {
    Objects.requireNonNull(runGroup, "runGroup");
    Objects.requireNonNull(metricGroup, "metricGroup");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    cellStats = List.copyOf(cellStats);
    adjacent = List.copyOf(adjacent);
    if (firstDataColumn + columns.size() != table.header().size()) {
      throw new IllegalArgumentException(
          "table has "
              + table.header().size()
              + " columns but "
              + firstDataColumn
              + " + "
              + columns.size()
              + " were described");
    }
  }
}
