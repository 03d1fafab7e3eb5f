package dev.prism.reports.html;

import dev.prism.reports.model.RunReport;
import dev.prism.reports.table.Table;
import java.util.List;

/** Renders {@code index.html}: the leaderboard and the list of runs. */
final class IndexPage {
  private IndexPage() {}

  /**
   * @param runs the suite's runs in run-name order
   * @param slugs their slugs, in the same order
   */
  static String render(String suite, Table leaderboard, List<RunReport> runs, List<String> slugs) {
    StringBuilder sb = new StringBuilder(8192);
    Html.pageStart(sb, "Prism \u2014 " + suite);
    sb.append("<header>\n<h1>Prism leaderboard</h1>\n<p>Suite <code>");
    Html.appendEscaped(sb, suite);
    sb.append("</code> \u00b7 ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs");
    sb.append(" \u00b7 <a href=\"leaderboard.json\">leaderboard.json</a></p>\n</header>\n");
    sb.append("<main>\n<section>\n<h2>");
    Html.appendEscaped(sb, leaderboard.title());
    sb.append("</h2>\n");
    if (leaderboard.rows().isEmpty()) {
      sb.append("<p>No runs yet.</p>\n");
    } else {
      TableHtml.append(sb, leaderboard, "leaderboard", "");
    }
    sb.append("</section>\n<section>\n<h2>Runs</h2>\n");
    if (!runs.isEmpty()) {
      TableHtml.append(sb, SiteTables.runs(runs, slugs), "runs", "");
    }
    sb.append("</section>\n</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }
}
