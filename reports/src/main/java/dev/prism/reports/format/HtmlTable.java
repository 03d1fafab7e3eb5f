package dev.prism.reports.format;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;
import java.util.Set;

/** A standalone HTML table fragment; every string escaped; links left out. */
final class HtmlTable {
  private HtmlTable() {}

  static String render(Table table) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table>\n<caption>").append(escape(table.title())).append("</caption>\n<tr>");
    for (HeaderCell h : table.header()) {
      sb.append("<th>").append(escape(h.value())).append("</th>");
    }
    sb.append("</tr>\n");
    List<Set<Integer>> best = Cells.best(table);
    for (int r = 0; r < table.rows().size(); r++) {
      List<Cell> row = table.rows().get(r);
      sb.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String text = escape(row.get(c).display());
        sb.append("<td>")
            .append(best.get(c).contains(r) ? "<strong>" + text + "</strong>" : text)
            .append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</table>\n").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
