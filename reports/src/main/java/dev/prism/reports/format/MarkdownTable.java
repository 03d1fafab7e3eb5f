package dev.prism.reports.format;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;
import java.util.Set;

/** A GitHub-flavoured Markdown table under a {@code ###} title. */
final class MarkdownTable {
  private MarkdownTable() {}

  static String render(Table table) {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(escape(table.title())).append("\n\n|");
    List<HeaderCell> header = table.header();
    for (HeaderCell h : header) {
      sb.append(' ').append(escape(h.value()));
      if (h.lowerIsBetter() != null) {
        sb.append(h.lowerIsBetter() ? " \u2193" : " \u2191");
      }
      sb.append(" |");
    }
    sb.append("\n|");
    for (int c = 0; c < header.size(); c++) {
      sb.append(Cells.numeric(table, c) ? " ---: |" : " --- |");
    }
    sb.append('\n');
    List<Set<Integer>> best = Cells.best(table);
    for (int r = 0; r < table.rows().size(); r++) {
      List<Cell> row = table.rows().get(r);
      sb.append('|');
      for (int c = 0; c < row.size(); c++) {
        String text = escape(row.get(c).display());
        sb.append(' ').append(best.get(c).contains(r) ? "**" + text + "**" : text).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Escapes Markdown and HTML syntax so a cell shows its text literally. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '|', '\\', '*', '_', '`', '[', ']', '#', '~' -> sb.append('\\').append(c);
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
