package dev.prism.reports.format;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;

/** CSV per RFC 4180 with {@code \n} line ends; numbers as {@link Double#toString}. */
final class CsvTable {
  private CsvTable() {}

  static String render(Table table) {
    StringBuilder sb = new StringBuilder();
    List<HeaderCell> header = table.header();
    for (int c = 0; c < header.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      field(sb, header.get(c).value());
    }
    sb.append('\n');
    for (List<Cell> row : table.rows()) {
      for (int c = 0; c < row.size(); c++) {
        if (c > 0) {
          sb.append(',');
        }
        Cell cell = row.get(c);
        if (cell.value() != null) {
          sb.append(cell.value().doubleValue());
        } else if (!Cells.numeric(table, c)) {
          field(sb, cell.display());
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void field(StringBuilder sb, String s) {
    boolean quote =
        s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    // A leading = + - @ makes spreadsheets run a formula; prefix a quote as OWASP advises.
    boolean formula = !s.isEmpty() && "=+-@\t".indexOf(s.charAt(0)) >= 0 && !s.equals("-");
    String v = formula ? "'" + s : s;
    if (quote || formula) {
      sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    } else {
      sb.append(v);
    }
  }
}
