package dev.prism.reports.html;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import java.util.List;
import java.util.Map;

/** Renders {@code runs/<slug>.html}: what ran, warnings, all stats and the instance browser. */
final class RunPage {
  private RunPage() {}

  static String render(String suite, RunReport run) {
    StringBuilder sb = new StringBuilder(16384 + run.instances().size() * 2048);
    Html.pageStart(sb, run.runName() + " \u2014 Prism");
    sb.append("<nav><a href=\"../index.html\">\u2190 Leaderboard (");
    Html.appendEscaped(sb, suite);
    sb.append(")</a></nav>\n<header>\n<h1>");
    Html.appendEscaped(sb, run.runName());
    sb.append("</h1>\n<dl class=\"meta\">\n");
    definition(sb, "Scenario", run.scenarioId());
    definition(sb, "Description", run.scenarioDescription());
    definition(sb, "Model", run.deployment());
    definition(sb, "Prompt method", run.promptMethod());
    definition(sb, "Main metric", run.mainMetric());
    definition(sb, "Instances", Integer.toString(run.instances().size()));
    sb.append("</dl>\n</header>\n<main>\n");
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
    sb.append("</section>\n<section>\n<h2>Instances</h2>\n");
    if (run.instances().isEmpty()) {
      sb.append("<p>No instances.</p>\n");
    } else {
      instances(sb, run.instances().stream().sorted(Order.INSTANCES).toList());
    }
    sb.append("</section>\n</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }

  private static void definition(StringBuilder sb, String term, String value) {
    sb.append("<dt>").append(term).append("</dt><dd>");
    Html.appendEscaped(sb, value);
    sb.append("</dd>\n");
  }

  private static void instances(StringBuilder sb, List<InstanceView> instances) {
    sb.append("<table class=\"instances\">\n<thead>\n<tr>");
    for (String h :
        List.of(
            "id",
            "split",
            "perturbation",
            "trial",
            "prompt",
            "references",
            "completion",
            "cached",
            "error",
            "stats")) {
      sb.append("<th scope=\"col\">").append(h).append("</th>");
    }
    sb.append("</tr>\n</thead>\n<tbody>\n");
    for (InstanceView v : instances) {
      sb.append("<tr>");
      textCell(sb, v.instanceId());
      textCell(sb, v.split());
      textCell(sb, v.perturbation() == null ? "" : v.perturbation());
      textCell(sb, Integer.toString(v.trainTrialIndex()));
      // Prompts are long and repetitive (the same in-context examples); fold them.
      sb.append("<td><details><summary>")
          .append(v.prompt().length())
          .append(" chars</summary><pre class=\"prompt\">");
      Html.appendEscaped(sb, v.prompt());
      sb.append("</pre></details></td>");
      references(sb, v.references());
      sb.append("<td>");
      for (String c : v.completions()) {
        sb.append("<pre class=\"completion\">");
        Html.appendEscaped(sb, c);
        sb.append("</pre>");
      }
      sb.append("</td>");
      textCell(sb, v.cached() ? "yes" : "no");
      sb.append("<td class=\"error\">");
      if (v.error() != null) {
        Html.appendEscaped(sb, v.error());
      }
      sb.append("</td>");
      stats(sb, v.stats());
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  private static void references(StringBuilder sb, List<ReferenceView> references) {
    sb.append("<td>");
    if (!references.isEmpty()) {
      sb.append("<ol class=\"refs\">");
      for (ReferenceView r : references) {
        if (r.correct()) {
          sb.append("<li class=\"correct\" title=\"correct\">\u2713 ");
        } else {
          sb.append("<li>");
        }
        Html.appendEscaped(sb, r.text());
        sb.append("</li>");
      }
      sb.append("</ol>");
    }
    sb.append("</td>");
  }

  private static void stats(StringBuilder sb, Map<String, Double> stats) {
    sb.append("<td>");
    if (!stats.isEmpty()) {
      sb.append("<ul class=\"stats\">");
      // InstanceView keeps its stats sorted by name.
      for (Map.Entry<String, Double> e : stats.entrySet()) {
        sb.append("<li>");
        Html.appendEscaped(sb, e.getKey());
        sb.append(": ").append(Html.number(e.getValue())).append("</li>");
      }
      sb.append("</ul>");
    }
    sb.append("</td>");
  }

  private static void textCell(StringBuilder sb, String text) {
    sb.append("<td>");
    Html.appendEscaped(sb, text);
    sb.append("</td>");
  }
}
