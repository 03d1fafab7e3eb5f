package dev.prism.reports.html;

import dev.prism.reports.format.TableFormat;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.schema.MetricGroup;
import dev.prism.reports.table.Comparison;
import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.RunSlugs;
import dev.prism.reports.table.Table;
import java.util.ArrayList;
import java.util.List;

/** Renders leaderboard tables as tab panels, with their legend, downloads and significance. */
final class LeaderboardHtml {
  private LeaderboardHtml() {}

  /** The file of an index table in a format, relative to the site root. */
  static String download(GroupTable t, TableFormat format) {
    return "tables/" + RunSlugs.slug(t.metricGroup()) + "." + format.extension();
  }

  /** One panel per table, labelled with the metric group's display name. */
  static List<String> labels(List<GroupTable> tables) {
    List<String> labels = new ArrayList<>();
    tables.forEach(t -> labels.add(t.table().title()));
    return labels;
  }

  static Html.Panel panel(
      GroupTable t,
      LeaderboardSchema schema,
      String hrefPrefix,
      double alpha,
      boolean downloads,
      boolean significance) {
    return sb -> {
      sb.append("<h2>");
      Html.appendEscaped(sb, t.table().title());
      sb.append("</h2>\n");
      MetricGroup mg = schema.metricGroup(t.metricGroup());
      if (mg != null && !mg.description().isBlank()) {
        sb.append("<p class=\"muted\">");
        Html.appendEscaped(sb, mg.description());
        sb.append("</p>\n");
      }
      TableHtml.append(sb, t.table(), "leaderboard", hrefPrefix, t.cellStats(), alpha);
      sb.append("<p class=\"legend\">Bold: best value. ");
      if (!t.cellStats().isEmpty()) {
        sb.append("Dotted underline: not significantly different from the best (paired test, ")
            .append("\u03b1 = ")
            .append(Html.number(alpha))
            .append("); hover a cell for its bootstrap 95% interval. ");
      }
      sb.append("Arrows show which direction is better.</p>\n");
      if (downloads) {
        sb.append("<p class=\"downloads\">Download:");
        for (TableFormat f : TableFormat.values()) {
          if (f == TableFormat.HTML) {
            continue;
          }
          sb.append(" <a href=\"").append(hrefPrefix).append(download(t, f)).append("\">");
          sb.append(f.extension().toUpperCase(java.util.Locale.ROOT)).append("</a>");
        }
        sb.append("</p>\n");
      }
      if (significance && !t.adjacent().isEmpty()) {
        significance(sb, t);
      }
    };
  }

  /** The paired tests between models adjacent in each column's ranking. */
  private static void significance(StringBuilder sb, GroupTable t) {
    Table table = t.table();
    sb.append("<details><summary>Paired tests between adjacent models</summary>\n");
    sb.append("<table class=\"tests\">\n<thead>\n<tr><th scope=\"col\">column</th>")
        .append("<th scope=\"col\">better</th><th scope=\"col\">next</th>")
        .append("<th scope=\"col\">test</th><th scope=\"col\">pairs</th>")
        .append("<th scope=\"col\">p-value</th></tr>\n</thead>\n<tbody>\n");
    for (Comparison c : t.adjacent()) {
      sb.append("<tr><td>");
      Html.appendEscaped(sb, table.header().get(c.column()).value());
      sb.append("</td><td>");
      Html.appendEscaped(sb, table.rows().get(c.rowA()).get(0).display());
      sb.append("</td><td>");
      Html.appendEscaped(sb, table.rows().get(c.rowB()).get(0).display());
      sb.append("</td><td>").append(c.test().label()).append("</td><td class=\"num\">");
      sb.append(c.pairs()).append("</td><td class=\"num\">");
      sb.append(TableHtml.pValue(c.pValue())).append("</td></tr>\n");
    }
    sb.append("</tbody>\n</table>\n</details>\n");
  }
}
