package dev.prism.reports.format;

import dev.prism.reports.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers shared by the renderers. */
final class Cells {
  private Cells() {}

  /** Per column, the rows holding its best value. */
  static List<Set<Integer>> best(Table table) {
    List<Set<Integer>> best = new ArrayList<>();
    for (int c = 0; c < table.header().size(); c++) {
      best.add(new HashSet<>(table.bestRows(c)));
    }
    return best;
  }

  /** Whether any cell of the column holds a number (renderers right-align those). */
  static boolean numeric(Table table, int column) {
    for (List<dev.prism.reports.table.Cell> row : table.rows()) {
      if (row.get(column).value() != null) {
        return true;
      }
    }
    return table.header().get(column).lowerIsBetter() != null;
  }
}
