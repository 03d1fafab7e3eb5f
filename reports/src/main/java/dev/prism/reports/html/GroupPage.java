package dev.prism.reports.html;

import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.Leaderboard;
import dev.prism.reports.table.RunSlugs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code groups/<slug>.html}: a run group's tables (one tab per metric group) with the
 * paired tests between adjacent models, its cross-model instance views and its runs.
 */
final class GroupPage {
  private GroupPage() {}

  /**
   * @param comparePages run key → compare page path relative to the site root
   * @param slugByRun run name → run slug
   */
  static String render(
      String suite,
      Leaderboard.Group group,
      LeaderboardSchema schema,
      double alpha,
      Map<String, String> comparePages,
      Map<String, String> slugByRun) {
    List<String> labels = new ArrayList<>(LeaderboardHtml.labels(group.tables()));
    List<Html.Panel> panels = new ArrayList<>();
    for (GroupTable t : group.tables()) {
      panels.add(LeaderboardHtml.panel(t, schema, "../", alpha, false, true));
    }
    StringBuilder sb = new StringBuilder(32768);
    Html.pageStart(sb, group.group().displayName() + " \u2014 Prism", Html.tabCss(labels.size()));
    sb.append("<nav><a href=\"../index.html\">\u2190 Leaderboard (");
    Html.appendEscaped(sb, suite);
    sb.append(")</a></nav>\n<header>\n<h1>");
    Html.appendEscaped(sb, group.group().displayName());
    sb.append("</h1>\n");
    if (!group.group().description().isBlank()) {
      sb.append("<p>");
      Html.appendEscaped(sb, group.group().description());
      sb.append("</p>\n");
    }
    sb.append("</header>\n<main>\n");
    if (labels.isEmpty()) {
      sb.append("<p>No stats for this group.</p>\n");
    } else {
      Html.tabs(sb, labels, panels);
    }
    if (!comparePages.isEmpty()) {
      sb.append("<section>\n<h2>Compare models instance by instance</h2>\n<ul>\n");
      comparePages.forEach(
          (key, path) -> {
            sb.append("<li><a href=\"../").append(path).append("\">");
            Html.appendEscaped(sb, key);
            sb.append("</a></li>\n");
          });
      sb.append("</ul>\n</section>\n");
    }
    sb.append("<section>\n<h2>Runs</h2>\n<ul>\n");
    for (String name : group.runNames()) {
      sb.append("<li><a href=\"../").append(RunSlugs.pagePath(slugByRun.get(name))).append("\">");
      Html.appendEscaped(sb, name);
      sb.append("</a></li>\n");
    }
    sb.append("</ul>\n</section>\n</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }
}
