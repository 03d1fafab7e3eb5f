package dev.prism.reports.html;

import dev.prism.reports.model.RunReport;
import dev.prism.reports.plot.Plot;
import dev.prism.reports.plot.Svg;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.Leaderboard;
import dev.prism.reports.table.RunSlugs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code index.html}: one tab per metric family with data, a tab of plots and a tab of run
 * groups with their runs. Kept small: run details live on the group and run pages.
 */
final class IndexPage {
  private IndexPage() {}

  /**
   * @param runs the suite's runs in run-name order
   * @param slugs their slugs, in the same order
   */
  static String render(
      String suite,
      Leaderboard leaderboard,
      List<Plot> plots,
      LeaderboardSchema schema,
      double alpha,
      List<RunReport> runs,
      List<String> slugs) {
    List<String> labels = new ArrayList<>(LeaderboardHtml.labels(leaderboard.index()));
    List<Html.Panel> panels = new ArrayList<>();
    for (GroupTable t : leaderboard.index()) {
      panels.add(LeaderboardHtml.panel(t, schema, "", alpha, true, false));
    }
    if (!plots.isEmpty()) {
      labels.add("Plots");
      panels.add(
          sb -> {
            sb.append("<h2>Plots</h2>\n");
            plots.forEach(p -> sb.append(Svg.render(p)));
          });
    }
    labels.add("Scenarios");
    panels.add(sb -> groups(sb, leaderboard, runs, slugs));

    StringBuilder sb = new StringBuilder(65536);
    Html.pageStart(sb, "Prism \u2014 " + suite, Html.tabCss(labels.size()));
    sb.append("<header>\n<h1>Prism leaderboard</h1>\n<p>Suite <code>");
    Html.appendEscaped(sb, suite);
    sb.append("</code> \u00b7 ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs");
    sb.append(" \u00b7 <a href=\"leaderboard.json\">leaderboard.json</a></p>\n</header>\n");
    sb.append("<main>\n");
    if (runs.isEmpty()) {
      sb.append("<p>No runs yet.</p>\n");
    } else {
      Html.tabs(sb, labels, panels);
    }
    sb.append("</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }

  private static void groups(
      StringBuilder sb, Leaderboard leaderboard, List<RunReport> runs, List<String> slugs) {
    Map<String, String> slugByRun = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      slugByRun.putIfAbsent(runs.get(i).runName(), slugs.get(i));
    }
    sb.append("<h2>Scenarios</h2>\n<table class=\"groups\">\n<thead>\n<tr>")
        .append("<th scope=\"col\">Scenario</th><th scope=\"col\">Description</th>")
        .append("<th scope=\"col\">Runs</th></tr>\n</thead>\n<tbody>\n");
    for (Leaderboard.Group g : leaderboard.groups()) {
      sb.append("<tr><td><a href=\"").append(g.pagePath()).append("\">");
      Html.appendEscaped(sb, g.group().displayName());
      sb.append("</a></td><td>");
      Html.appendEscaped(sb, g.group().description());
      sb.append("</td><td><details><summary>")
          .append(g.runNames().size())
          .append(g.runNames().size() == 1 ? " run" : " runs")
          .append("</summary><ul>");
      for (String name : g.runNames()) {
        String slug = slugByRun.get(name);
        sb.append("<li><a href=\"").append(RunSlugs.pagePath(slug)).append("\">");
        Html.appendEscaped(sb, name);
        sb.append("</a></li>");
      }
      sb.append("</ul></details></td></tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }
}
