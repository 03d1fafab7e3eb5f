package dev.prism.reports.html;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code runs/<slug>.html} (and {@code runs/<slug>~pN.html} for long runs): what ran, its
 * adapter settings, warnings, all stats, and the instance browser. The browser shows each instance
 * with its perturbed variants side by side and filters by correct/incorrect without scripts.
 */
final class RunPage {
  private RunPage() {}

  /** The instances grouped by (id, trial), original first; in {@link Order#INSTANCES} order. */
  static List<List<InstanceView>> groups(RunReport run) {
    List<List<InstanceView>> groups = new ArrayList<>();
    List<InstanceView> current = null;
    InstanceView head = null;
    for (InstanceView v : run.instances().stream().sorted(Order.INSTANCES).toList()) {
      if (head == null
          || !head.instanceId().equals(v.instanceId())
          || head.trainTrialIndex() != v.trainTrialIndex()) {
        current = new ArrayList<>();
        groups.add(current);
        head = v;
      }
      current.add(v);
    }
    return groups;
  }

  /**
   * All pages of the run; element {@code i} is page {@code i + 1}.
   *
   * @param slug the run's slug; page files are named by {@link Pages#file}
   * @param groupPath the run group's page relative to the site root, or {@code null}
   */
  static List<String> render(
      String suite,
      RunReport run,
      String slug,
      String groupPath,
      Map<String, String> adapterSettings,
      int perPage) {
    List<List<InstanceView>> groups = groups(run);
    int pages = Pages.count(groups.size(), perPage);
    List<String> out = new ArrayList<>(pages);
    for (int page = 1; page <= pages; page++) {
      List<List<InstanceView>> slice =
          groups.subList(
              Math.min(groups.size(), (page - 1) * perPage),
              Math.min(groups.size(), page * perPage));
      out.add(
          page(suite, run, slug, groupPath, adapterSettings, slice, page, pages, groups.size()));
    }
    return out;
  }

  private static String page(
      String suite,
      RunReport run,
      String slug,
      String groupPath,
      Map<String, String> adapterSettings,
      List<List<InstanceView>> slice,
      int page,
      int pages,
      int total) {
    int size = 0;
    for (List<InstanceView> g : slice) {
      size += g.size();
    }
    StringBuilder sb = new StringBuilder(16384 + size * 2048);
    Html.pageStart(sb, run.runName() + (page > 1 ? " (page " + page + ")" : "") + " \u2014 Prism");
    sb.append("<nav><a href=\"../index.html\">\u2190 Leaderboard (");
    Html.appendEscaped(sb, suite);
    sb.append(")</a>");
    if (groupPath != null) {
      sb.append(" \u00b7 <a href=\"../").append(groupPath).append("\">");
      Html.appendEscaped(sb, run.scenarioId());
      sb.append("</a>");
    }
    sb.append("</nav>\n<header>\n<h1>");
    Html.appendEscaped(sb, run.runName());
    sb.append("</h1>\n");
    if (page == 1) {
      sb.append("<dl class=\"meta\">\n");
      definition(sb, "Scenario", run.scenarioId());
      definition(sb, "Description", run.scenarioDescription());
      definition(sb, "Model", run.deployment());
      definition(sb, "Prompt method", run.promptMethod());
      definition(sb, "Main metric", run.mainMetric());
      definition(sb, "Instances", Integer.toString(run.instances().size()));
      sb.append("</dl>\n");
    }
    sb.append("</header>\n<main>\n");
    if (page == 1) {
      if (!adapterSettings.isEmpty()) {
        sb.append("<section>\n<h2>Adapter settings</h2>\n<dl class=\"meta adapter\">\n");
        adapterSettings.forEach((k, v) -> definition(sb, k, v));
        sb.append("</dl>\n</section>\n");
      }
      if (!run.warnings().isEmpty()) {
        sb.append("<section>\n<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
        for (String w : run.warnings()) {
          sb.append("<li>");
          Html.appendEscaped(sb, w);
          sb.append("</li>\n");
        }
        sb.append("</ul>\n</section>\n");
      }
      sb.append("<section>\n<h2>Stats</h2>\n");
      if (run.stats().isEmpty()) {
        sb.append("<p>No stats.</p>\n");
      } else {
        TableHtml.append(sb, SiteTables.stats(run), "stats", "../");
      }
      sb.append("</section>\n");
    }
    sb.append("<section>\n<h2>Instances</h2>\n");
    if (total == 0) {
      sb.append("<p>No instances.</p>\n");
    } else {
      sb.append("<p class=\"muted\">")
          .append(total)
          .append(total == 1 ? " instance" : " instances")
          .append(", each with its perturbed variants beside it. Correct means full credit on ")
          .append("the main metric (<code>");
      Html.appendEscaped(sb, run.mainMetric());
      sb.append("</code> = 1) on the original.</p>\n");
      Pages.pager(sb, slug, page, pages);
      sb.append("<div class=\"filter\">\n")
          .append("<input type=\"radio\" name=\"f\" id=\"f-all\" checked>")
          .append("<label for=\"f-all\">All</label>\n")
          .append("<input type=\"radio\" name=\"f\" id=\"f-ok\">")
          .append("<label for=\"f-ok\">Correct</label>\n")
          .append("<input type=\"radio\" name=\"f\" id=\"f-bad\">")
          .append("<label for=\"f-bad\">Incorrect</label>\n")
          .append("<div class=\"insts\">\n");
      for (List<InstanceView> group : slice) {
        instance(sb, run, group);
      }
      sb.append("</div>\n</div>\n");
      Pages.pager(sb, slug, page, pages);
    }
    sb.append("</section>\n</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }

  private static void definition(StringBuilder sb, String term, String value) {
    sb.append("<dt>");
    Html.appendEscaped(sb, term);
    sb.append("</dt><dd>");
    Html.appendEscaped(sb, value);
    sb.append("</dd>\n");
  }

  private static void instance(StringBuilder sb, RunReport run, List<InstanceView> group) {
    InstanceView first = group.get(0);
    String outcome = first.perturbation() == null ? Outcome.of(first, run.mainMetric()) : null;
    sb.append("<article class=\"inst").append(outcome == null ? "" : " " + outcome).append("\">");
    sb.append("<h3>");
    Html.appendEscaped(sb, first.instanceId());
    sb.append(" <span class=\"muted\">");
    Html.appendEscaped(sb, first.split());
    sb.append(" \u00b7 trial ").append(first.trainTrialIndex());
    if (outcome != null) {
      sb.append(outcome.equals("ok") ? " \u00b7 correct" : " \u00b7 incorrect");
    }
    sb.append("</span></h3>\n<div class=\"variants\">\n");
    for (InstanceView v : group) {
      variant(sb, v);
    }
    sb.append("</div></article>\n");
  }

  private static void variant(StringBuilder sb, InstanceView v) {
    sb.append("<div class=\"variant\"><h4>");
    Html.appendEscaped(sb, v.perturbation() == null ? "original" : v.perturbation());
    if (v.cached()) {
      sb.append(" <span class=\"muted\">(cached)</span>");
    }
    sb.append("</h4>");
    // Prompts are long and repetitive (the same in-context examples); fold them.
    sb.append("<details><summary>prompt, ")
        .append(v.prompt().length())
        .append(" chars</summary><pre class=\"prompt\">");
    Html.appendEscaped(sb, v.prompt());
    sb.append("</pre></details>");
    Html.references(sb, v.references());
    for (int i = 0; i < v.completions().size(); i++) {
      sb.append("<pre class=\"completion\">");
      Html.appendEscaped(sb, v.completions().get(i));
      sb.append("</pre>");
      // What a metric found running or checking this completion (code_eval's verdicts).
      for (String note : v.notesOn(i)) {
        sb.append("<p class=\"verdict\">");
        Html.appendEscaped(sb, note);
        sb.append("</p>");
      }
    }
    if (v.error() != null) {
      sb.append("<p class=\"error\">");
      Html.appendEscaped(sb, v.error());
      sb.append("</p>");
    }
    stats(sb, v.stats());
    sb.append("</div>\n");
  }

  private static void stats(StringBuilder sb, Map<String, Double> stats) {
    if (stats.isEmpty()) {
      return;
    }
    sb.append("<ul class=\"stats\">");
    // InstanceView keeps its stats sorted by name.
    for (Map.Entry<String, Double> e : stats.entrySet()) {
      sb.append("<li>");
      Html.appendEscaped(sb, e.getKey());
      sb.append(": ").append(Html.number(e.getValue())).append("</li>");
    }
    sb.append("</ul>");
  }
}
