package dev.prism.reports.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A renderer-agnostic table, HELM's {@code Table}: a title, a header and rows of cells. Every row
 * has exactly one cell per header cell.
 *
 * @param title never {@code null}
 * @param header never {@code null}
 * @param rows never {@code null}; each row is as long as {@code header}
 */
public record Table(String title, List<HeaderCell> header, List<List<Cell>> rows) {
  public Table {
    Objects.requireNonNull(title, "title");
    header = List.copyOf(header);
    List<List<Cell>> copied = new ArrayList<>(rows.size());
    for (List<Cell> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "row "
                + copied.size()
                + " has "
                + row.size()
                + " cells but the header has "
                + header.size());
      }
      copied.add(List.copyOf(row));
    }
    rows = List.copyOf(copied);
  }

  /**
   * The indices of the rows holding the best value of a ranked column (the largest, or the smallest
   * when lower is better), ascending; several on a tie, none when the column is unranked or empty.
   * Renderers show these in bold, as HELM does.
   */
  public List<Integer> bestRows(int column) {
    Boolean lowerIsBetter = header.get(column).lowerIsBetter();
    if (lowerIsBetter == null) {
      return List.of();
    }
    Double best = null;
    for (List<Cell> row : rows) {
      Double v = row.get(column).value();
      if (v != null && (best == null || (lowerIsBetter ? v < best : v > best))) {
        best = v;
      }
    }
    List<Integer> result = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Double v = rows.get(r).get(column).value();
      if (v != null && v.doubleValue() == best.doubleValue()) {
        result.add(r);
      }
    }
    return List.copyOf(result);
  }
}
