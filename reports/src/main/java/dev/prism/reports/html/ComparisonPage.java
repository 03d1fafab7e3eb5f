package dev.prism.reports.html;

import dev.prism.reports.compare.SuiteComparison.Flip;
import dev.prism.reports.compare.SuiteComparison.RunDelta;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.table.SchemaLeaderboard;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders the comparison of two suites (or runs) as one self-contained page: a table with, per
 * scenario and model, the main metric in A and B, the delta, the paired test's p-value and the flip
 * counts, then a drill-down per row listing the flipped instances with the prompt's end and both
 * completions. Every model- or data-set-provided string is escaped; long texts are cut so the page
 * stays small when many instances flip.
 */
final class ComparisonPage {
  /** The prompt's last characters: in a few-shot prompt the instance's own input comes last. */
  static final int PROMPT_EXCERPT = 400;

  /** Completions longer than this are cut, with the full length stated. */
  static final int COMPLETION_LIMIT = 2000;

  private static final Comparator<Flip> FLIPS = Comparator.comparing(Flip::a, Order.INSTANCES);

  private static final String CSS =
      String.join(
          "\n",
          "td.sig{font-weight:bold}",
          ".flips{margin-top:1.5rem}",
          ".flips h3 .muted{font-weight:normal}",
          ".excerpt{color:#57606a}");

  private ComparisonPage() {}

  /**
   * The page.
   *
   * @param labelA what A is (a suite name, or {@code suite:run})
   * @param labelB what B is
   * @param deltas the compared run pairs, in display order
   */
  static String render(String labelA, String labelB, List<RunDelta> deltas) {
    StringBuilder sb = new StringBuilder(16384);
    String title = labelA + " vs " + labelB;
    Html.pageStart(sb, title + " \u2014 Prism comparison", CSS);
    sb.append("<header>\n<h1>");
    Html.appendEscaped(sb, labelA);
    sb.append(" <span class=\"muted\">vs</span> ");
    Html.appendEscaped(sb, labelB);
    sb.append("</h1>\n");
    summary(sb, deltas);
    sb.append("</header>\n<main>\n");
    table(sb, deltas);
    for (int i = 0; i < deltas.size(); i++) {
      if (!deltas.get(i).flips().isEmpty()) {
        flips(sb, i, deltas.get(i), labelA, labelB);
      }
    }
    sb.append("</main>\n");
    Html.pageEnd(sb);
    return sb.toString();
  }

  private static void summary(StringBuilder sb, List<RunDelta> deltas) {
    long up = deltas.stream().filter(d -> d.significant() && d.delta() > 0).count();
    long down = deltas.stream().filter(d -> d.significant() && d.delta() < 0).count();
    sb.append("<p>")
        .append(deltas.size())
        .append(deltas.size() == 1 ? " run pair" : " run pairs")
        .append(" compared: ")
        .append(up)
        .append(" significantly higher in B, ")
        .append(down)
        .append(" significantly lower in B, ")
        .append(deltas.size() - up - down)
        .append(" without a significant difference.</p>\n");
    sb.append("<p class=\"legend\">Each row compares the main metric on the unperturbed instances")
        .append(" both runs hold (matched by instance id and train trial). \u0394 = B \u2212 A.")
        .append(" p is two-sided: exact McNemar for 0/1 metrics, a seeded paired bootstrap")
        .append(" otherwise; bold p-values are significant at the 0.05 level. 0\u21921 counts")
        .append(" instances scored 0 in A and 1 in B; 1\u21920 the reverse.</p>\n");
  }

  private static void table(StringBuilder sb, List<RunDelta> deltas) {
    sb.append("<table class=\"comparison\">\n<thead>\n<tr>");
    for (String h :
        List.of(
            "scenario",
            "model",
            "metric",
            "A",
            "B",
            "\u0394",
            "shared",
            "0\u21921",
            "1\u21920",
            "p",
            "significant")) {
      sb.append("<th scope=\"col\">").append(h).append("</th>");
    }
    sb.append("</tr>\n</thead>\n<tbody>\n");
    for (int i = 0; i < deltas.size(); i++) {
      RunDelta d = deltas.get(i);
      sb.append("<tr><td>");
      Html.appendEscaped(sb, d.scenario());
      String arguments = SchemaLeaderboard.runArguments(d.runA());
      if (d.runA().equals(d.runB()) && !arguments.isEmpty()) {
        // Several runs of one scenario and model (MMLU subjects, say): tell them apart.
        sb.append("<br><span class=\"muted\">");
        Html.appendEscaped(sb, arguments);
        sb.append("</span>");
      } else if (!d.runA().equals(d.runB())) {
        sb.append("<br><span class=\"muted\">A: ");
        Html.appendEscaped(sb, d.runA());
        sb.append("<br>B: ");
        Html.appendEscaped(sb, d.runB());
        sb.append("</span>");
      }
      sb.append("</td><td>");
      Html.appendEscaped(sb, d.deployment());
      sb.append("</td><td>");
      Html.appendEscaped(sb, d.metric());
      sb.append("</td>");
      num(sb, Html.number(d.meanA()), false);
      num(sb, Html.number(d.meanB()), false);
      num(sb, signed(d.delta()), false);
      num(sb, Integer.toString(d.shared()), false);
      flipCount(sb, d, i, d.becameCorrect(), "up");
      flipCount(sb, d, i, d.becameWrong(), "down");
      num(sb, pValue(d.pValue()), d.significant());
      sb.append("<td>")
          .append(Double.isNaN(d.pValue()) ? "-" : d.significant() ? "yes" : "no")
          .append("</td></tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  /** A flip count, linked to its drill-down list when there is one; "-" for non-0/1 metrics. */
  private static void flipCount(StringBuilder sb, RunDelta d, int row, int count, String list) {
    if (!d.binary()) {
      num(sb, "-", false);
    } else if (count == 0) {
      num(sb, "0", false);
    } else {
      num(sb, "<a href=\"#r" + row + "-" + list + "\">" + count + "</a>", false);
    }
  }

  private static void num(StringBuilder sb, String html, boolean significant) {
    sb.append(significant ? "<td class=\"num sig\">" : "<td class=\"num\">")
        .append(html)
        .append("</td>");
  }

  private static void flips(StringBuilder sb, int row, RunDelta d, String labelA, String labelB) {
    sb.append("<section class=\"flips\" id=\"r").append(row).append("\">\n<h2>");
    Html.appendEscaped(sb, d.scenario());
    sb.append(" \u00b7 ");
    Html.appendEscaped(sb, d.deployment());
    sb.append("</h2>\n<p class=\"muted\">");
    if (d.runA().equals(d.runB())) {
      sb.append("run ");
      Html.appendEscaped(sb, d.runA());
    } else {
      sb.append("A: ");
      Html.appendEscaped(sb, d.runA());
      sb.append("<br>B: ");
      Html.appendEscaped(sb, d.runB());
    }
    sb.append("</p>\n");
    List<Flip> sorted = d.flips().stream().sorted(FLIPS).toList();
    flipList(sb, row, "up", "0\u21921: correct in B only", d, sorted, true, labelA, labelB);
    flipList(sb, row, "down", "1\u21920: correct in A only", d, sorted, false, labelA, labelB);
    sb.append("</section>\n");
  }

  private static void flipList(
      StringBuilder sb,
      int row,
      String id,
      String heading,
      RunDelta d,
      List<Flip> flips,
      boolean becameCorrect,
      String labelA,
      String labelB) {
    List<Flip> chosen =
        flips.stream().filter(f -> (f.b().stats().get(d.metric()) == 1) == becameCorrect).toList();
    if (chosen.isEmpty()) {
      return;
    }
    sb.append("<details open id=\"r").append(row).append('-').append(id).append("\"><summary>");
    sb.append(heading).append(" (").append(chosen.size()).append(")</summary>\n");
    for (Flip f : chosen) {
      InstanceView a = f.a();
      sb.append("<article class=\"inst\"><h3>");
      Html.appendEscaped(sb, a.instanceId());
      sb.append(" <span class=\"muted\">");
      Html.appendEscaped(sb, a.split());
      sb.append(" \u00b7 trial ").append(a.trainTrialIndex()).append("</span></h3>\n");
      sb.append("<pre class=\"prompt excerpt\">");
      String prompt = a.prompt();
      int codePoints = prompt.codePointCount(0, prompt.length());
      if (codePoints > PROMPT_EXCERPT) {
        sb.append('\u2026');
        Html.appendEscaped(
            sb, prompt.substring(prompt.offsetByCodePoints(0, codePoints - PROMPT_EXCERPT)));
      } else {
        Html.appendEscaped(sb, prompt);
      }
      sb.append("</pre>");
      Html.references(sb, a.references());
      sb.append("\n<div class=\"variants\">\n");
      side(sb, "A", labelA, a, d.metric());
      side(sb, "B", labelB, f.b(), d.metric());
      sb.append("</div></article>\n");
    }
    sb.append("</details>\n");
  }

  private static void side(StringBuilder sb, String which, String label, InstanceView v, String m) {
    sb.append("<div class=\"variant\"><h4>").append(which).append(" <span class=\"muted\">(");
    Html.appendEscaped(sb, label);
    sb.append(")</span> ");
    Html.appendEscaped(sb, m);
    sb.append(' ').append(Html.number(v.stats().get(m))).append("</h4>");
    if (v.completions().isEmpty() && v.error() == null) {
      sb.append("<p class=\"muted\">no completion</p>");
    }
    for (String c : v.completions()) {
      sb.append("<pre class=\"completion\">");
      int codePoints = c.codePointCount(0, c.length());
      if (codePoints > COMPLETION_LIMIT) {
        Html.appendEscaped(sb, c.substring(0, c.offsetByCodePoints(0, COMPLETION_LIMIT)));
        sb.append("\u2026</pre><p class=\"muted\">cut; ")
            .append(codePoints)
            .append(" characters in all</p>");
      } else {
        Html.appendEscaped(sb, c);
        sb.append("</pre>");
      }
    }
    if (v.error() != null) {
      sb.append("<p class=\"error\">");
      Html.appendEscaped(sb, v.error());
      sb.append("</p>");
    }
    sb.append("</div>\n");
  }

  private static String signed(double x) {
    if (Double.isNaN(x)) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%+.3f", x);
    return s.equals("-0.000") ? "+0.000" : s;
  }

  private static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "-";
    }
    return p < 1e-4 ? "&lt;0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }
}
