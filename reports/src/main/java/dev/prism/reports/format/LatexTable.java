package dev.prism.reports.format;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A booktabs LaTeX table (needs the booktabs package). */
final class LatexTable {
  private LatexTable() {}

  static String render(Table table) {
    StringBuilder sb = new StringBuilder();
    List<HeaderCell> header = table.header();
    sb.append("\\begin{table}[htp]\n\\centering\n\\begin{tabular}{");
    for (int c = 0; c < header.size(); c++) {
      sb.append(Cells.numeric(table, c) ? 'r' : 'l');
    }
    sb.append("}\n\\toprule\n");
    for (int c = 0; c < header.size(); c++) {
      HeaderCell h = header.get(c);
      sb.append(c == 0 ? "" : " & ").append(escape(h.value()));
      if (h.lowerIsBetter() != null) {
        sb.append(h.lowerIsBetter() ? " $\\downarrow$" : " $\\uparrow$");
      }
    }
    sb.append(" \\\\\n\\midrule\n");
    List<Set<Integer>> best = Cells.best(table);
    for (int r = 0; r < table.rows().size(); r++) {
      List<Cell> row = table.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        String text = escape(row.get(c).display());
        sb.append(c == 0 ? "" : " & ")
            .append(best.get(c).contains(r) ? "\\textbf{" + text + "}" : text);
      }
      sb.append(" \\\\\n");
    }
    sb.append("\\bottomrule\n\\end{tabular}\n\\caption{")
        .append(escape(table.title()))
        .append("}\n\\label{tab:")
        .append(label(table.title()))
        .append("}\n\\end{table}\n");
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
        case '~' -> sb.append("\\textasciitilde{}");
        case '^' -> sb.append("\\textasciicircum{}");
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String label(String title) {
    String l = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return l.replaceAll("^-+|-+$", "");
  }
}
