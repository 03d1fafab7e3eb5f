package dev.prism.reports.html;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@code compare/<slug>.html} (and {@code ~pN} pages): the same instances across models,
 * one column per model, rows where the models disagree highlighted and filterable without scripts.
 * Each model shows its first trial of the unperturbed instance.
 */
final class ComparePage {
  private ComparePage() {}

  /**
   * All pages; element {@code i} is page {@code i + 1}.
   *
   * @param runs the runs of one run key, one per model, sorted by deployment
   * @param slug the file name stem of page 1 (inside {@code compare/})
   */
  static List<String> render(
      String suite,
      String title,
      String groupPath,
      List<RunReport> runs,
      String slug,
      int perPage) {
    List<Map<String, InstanceView>> byModel = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(Order::compareNatural);
    for (RunReport run : runs) {
      Map<String, InstanceView> views = new HashMap<>();
      for (InstanceView v : run.instances()) {
        if (v.perturbation() == null) {
          InstanceView seen = views.get(v.instanceId());
          if (seen == null || v.trainTrialIndex() < seen.trainTrialIndex()) {
            views.put(v.instanceId(), v);
          }
        }
      }
      ids.addAll(views.keySet());
      byModel.add(views);
    }
    List<String> all = new ArrayList<>(ids);
    int pages = Pages.count(all.size(), perPage);
    List<String> out = new ArrayList<>();
    for (int page = 1; page <= pages; page++) {
      List<String> slice =
          all.subList(
              Math.min(all.size(), (page - 1) * perPage), Math.min(all.size(), page * perPage));
      out.add(page(suite, title, groupPath, runs, byModel, slice, slug, page, pages));
    }
    return out;
  }

  private static String page(
      String suite,
      String title,
      String groupPath,
      List<RunReport> runs,
      List<Map<String, InstanceView>> byModel,
      List<String> ids,
      String slug,
      int page,
      int pages) {
    StringBuilder sb = new StringBuilder(16384 + ids.size() * runs.size() * 512);
    Html.pageStart(sb, title + " across models \u2014 Prism");
    sb.append("<nav><a href=\"../index.html\">\u2190 Leaderboard (");
    Html.appendEscaped(sb, suite);
    sb.append(")</a> \u00b7 <a href=\"../").append(groupPath).append("\">Scenario</a></nav>\n");
    sb.append("<header>\n<h1>");
    Html.appendEscaped(sb, title);
    sb.append(" across models</h1>\n<p class=\"muted\">")
        .append(ids.size())
        .append(" instances on this page. A highlighted row is one where the models' main")
        .append(" metric differs; green cells got full credit.</p>\n</header>\n<main>\n");
    Pages.pager(sb, slug, page, pages);
    sb.append("<div class=\"filter\">\n<input type=\"checkbox\" id=\"only-diff\">")
        .append("<label for=\"only-diff\">Only disagreements</label>\n");
    sb.append("<table class=\"compare\">\n<thead>\n<tr><th scope=\"col\">instance</th>");
    for (RunReport run : runs) {
      sb.append("<th scope=\"col\">");
      Html.appendEscaped(sb, run.deployment());
      sb.append("</th>");
    }
    sb.append("</tr>\n</thead>\n<tbody>\n");
    for (String id : ids) {
      InstanceView any = null;
      Set<String> outcomes = new HashSet<>();
      Set<Double> values = new HashSet<>();
      for (int m = 0; m < runs.size(); m++) {
        InstanceView v = byModel.get(m).get(id);
        if (v == null) {
          continue;
        }
        any = any == null ? v : any;
        Double x = v.stats().get(runs.get(m).mainMetric());
        if (x != null) {
          values.add(x);
        }
        outcomes.add(String.valueOf(Outcome.of(v, runs.get(m).mainMetric())));
      }
      boolean differ = values.size() > 1 || outcomes.size() > 1;
      sb.append("<tr class=\"").append(differ ? "diff" : "same").append("\"><td>");
      Html.appendEscaped(sb, id);
      if (any != null) {
        sb.append("<details><summary>prompt</summary><pre class=\"prompt\">");
        Html.appendEscaped(sb, any.prompt());
        sb.append("</pre></details>");
        Html.references(sb, any.references());
      }
      sb.append("</td>");
      for (int m = 0; m < runs.size(); m++) {
        InstanceView v = byModel.get(m).get(id);
        String mainMetric = runs.get(m).mainMetric();
        String outcome = v == null ? null : Outcome.of(v, mainMetric);
        sb.append("<td").append(outcome == null ? "" : " class=\"" + outcome + "\"").append('>');
        if (v != null) {
          for (String c : v.completions()) {
            sb.append("<pre class=\"completion\">");
            Html.appendEscaped(sb, c);
            sb.append("</pre>");
          }
          if (v.error() != null) {
            sb.append("<p class=\"error\">");
            Html.appendEscaped(sb, v.error());
            sb.append("</p>");
          }
          Double x = v.stats().get(mainMetric);
          if (x != null) {
            sb.append("<span class=\"muted\">");
            Html.appendEscaped(sb, mainMetric);
            sb.append(" ").append(Html.number(x)).append("</span>");
          }
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n</div>\n");
    Pages.pager(sb, slug, page, pages);
    sb.append("</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }
}
