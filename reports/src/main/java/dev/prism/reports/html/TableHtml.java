package dev.prism.reports.html;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.CellStats;
import dev.prism.reports.table.Comparison;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a {@link Table} as an HTML {@code <table>}; the best value of ranked columns in bold. */
final class TableHtml {
  private TableHtml() {}

  /**
   * Appends the table.
   *
   * @param cssClass the table's class attribute
   * @param hrefPrefix prepended to cell links, which are relative to the site root ({@code ""} on
   *     the index page, {@code "../"} on run pages)
   */
  static void append(StringBuilder sb, Table table, String cssClass, String hrefPrefix) {
    append(sb, table, cssClass, hrefPrefix, List.of(), 0.05);
  }

  /**
   * Appends the table with statistics beyond HELM: a cell's 95% interval and its test against the
   * best become its tooltip, and a cell not significantly different from the best at {@code alpha}
   * gets class {@code tie}.
   */
  static void append(
      StringBuilder sb,
      Table table,
      String cssClass,
      String hrefPrefix,
      List<CellStats> cellStats,
      double alpha) {
    Map<Long, CellStats> statsByCell = new HashMap<>();
    for (CellStats s : cellStats) {
      statsByCell.put(((long) s.row() << 32) | s.column(), s);
    }
    List<Set<Integer>> best = new ArrayList<>();
    for (int c = 0; c < table.header().size(); c++) {
      best.add(new HashSet<>(table.bestRows(c)));
    }
    sb.append("<table class=\"").append(Html.escape(cssClass)).append("\">\n<thead>\n<tr>");
    for (HeaderCell h : table.header()) {
      sb.append("<th");
      if (h.description() != null && !h.description().isEmpty()) {
        sb.append(" title=\"");
        Html.appendEscaped(sb, h.description());
        sb.append('"');
      }
      sb.append(" scope=\"col\">");
      Html.appendEscaped(sb, h.value());
      if (h.lowerIsBetter() != null) {
        // Arrow shows which direction is better.
        sb.append(h.lowerIsBetter() ? " \u2193" : " \u2191");
      }
      sb.append("</th>");
    }
    sb.append("</tr>\n</thead>\n<tbody>\n");
    for (int r = 0; r < table.rows().size(); r++) {
      sb.append("<tr>");
      List<Cell> row = table.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        Cell cell = row.get(c);
        List<String> classes = new ArrayList<>();
        if (cell.value() != null) {
          classes.add("num");
        }
        if (best.get(c).contains(r)) {
          classes.add("best");
        }
        CellStats stats = statsByCell.get(((long) r << 32) | c);
        if (stats != null && stats.tiedWithBest(alpha)) {
          classes.add("tie");
        }
        sb.append("<td");
        if (!classes.isEmpty()) {
          sb.append(" class=\"").append(String.join(" ", classes)).append('"');
        }
        if (stats != null) {
          sb.append(" title=\"");
          Html.appendEscaped(sb, tooltip(stats, alpha));
          sb.append('"');
        }
        sb.append('>');
        boolean bold = best.get(c).contains(r);
        if (bold) {
          sb.append("<strong>");
        }
        if (isSiteLink(cell.href())) {
          sb.append("<a href=\"");
          Html.appendEscaped(sb, hrefPrefix + cell.href());
          sb.append("\">");
          Html.appendEscaped(sb, cell.display());
          sb.append("</a>");
        } else {
          Html.appendEscaped(sb, cell.display());
        }
        if (bold) {
          sb.append("</strong>");
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  /** E.g. {@code 95% CI 0.412–0.530; vs best: p = 0.210 (McNemar, 200 pairs), not significant}. */
  static String tooltip(CellStats s, double alpha) {
    List<String> parts = new ArrayList<>();
    if (s.hasInterval()) {
      parts.add("95% CI " + Html.number(s.ciLow()) + "\u2013" + Html.number(s.ciHigh()));
    }
    Comparison c = s.versusBest();
    if (c != null) {
      parts.add(
          "vs best: p = "
              + pValue(c.pValue())
              + " ("
              + c.test().label()
              + ", "
              + c.pairs()
              + " pairs)"
              + (c.pValue() >= alpha ? ", not significant" : ""));
    }
    return String.join("; ", parts);
  }

  /** Three decimals, or {@code <0.001}. */
  static String pValue(double p) {
    return p < 0.001 ? "<0.001" : Html.number(p);
  }

  /**
   * Whether {@code href} is a relative link inside the site. Anything with a scheme ({@code
   * javascript:}, {@code https:}) or an absolute path is shown as plain text instead, so a table
   * can never make a page load or run something from elsewhere.
   */
  static boolean isSiteLink(String href) {
    return href != null
        && !href.isEmpty()
        && !href.contains(":")
        && !href.startsWith("/")
        && !href.startsWith("\\");
  }
}
