package dev.prism.reports.html;

import dev.prism.reports.model.ReferenceView;
import java.util.Locale;

/** HTML escaping, number formatting and the shared page frame. */
final class Html {
  /** Inline style sheet shared by every page; the pages load nothing else. */
  static final String CSS =
      String.join(
          "\n",
          "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;margin:1.5rem;"
              + "color:#1b1f24;background:#fff;line-height:1.4}",
          "h1{font-size:1.5rem;margin:0 0 .5rem}",
          "h2{font-size:1.15rem;margin:1.5rem 0 .5rem}",
          "table{border-collapse:collapse;font-size:.9rem}",
          "th,td{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top;text-align:left}",
          "th{background:#f6f8fa}",
          "th[title]{cursor:help}",
          "td.num{text-align:right;font-variant-numeric:tabular-nums}",
          "td.best{font-weight:bold}",
          "pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;max-width:48rem;"
              + "font-size:.85rem}",
          "ol.refs,ul.stats,ul.warnings{margin:0;padding-left:1.2rem}",
          "ol.refs li{white-space:pre-wrap}",
          "li.correct{color:#1a7f37;font-weight:bold}",
          ".error{color:#cf222e}",
          "p.verdict{margin:.1rem 0 .4rem;font-size:.85rem;color:#57606a}",
          "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}",
          "dl.meta dt{font-weight:bold}",
          "dl.meta dd{margin:0}",
          "summary{cursor:pointer;color:#57606a}",
          "nav{margin-bottom:.75rem}",
          "td.tie{text-decoration:underline dotted}",
          "td[title]{cursor:help}",
          ".tabs>input,.filter>input{position:absolute;opacity:0;pointer-events:none}",
          ".tabs>label,.filter>label{display:inline-block;padding:.3rem .8rem;margin:0 .2rem .4rem 0;"
              + "border:1px solid #d0d7de;border-radius:.4rem;cursor:pointer;background:#f6f8fa}",
          ".tabs>input:focus-visible+label,.filter>input:focus-visible+label{outline:2px solid #0969da}",
          ".tabs>input:checked+label,.filter>input:checked+label{background:#0969da;color:#fff;"
              + "border-color:#0969da}",
          ".panel{display:none;overflow-x:auto}",
          ".legend,.muted{color:#57606a;font-size:.85rem}",
          ".downloads a{margin-right:.6rem}",
          "svg.plot{max-width:100%;height:auto;font-size:11px;margin:.5rem 1rem .5rem 0}",
          "svg.plot text{fill:#1b1f24}",
          "svg.plot .axis line{stroke:#57606a}",
          "svg.plot .pt circle{fill:#0969da}",
          "svg.plot .bar rect{fill:#0969da}",
          "svg.plot .bar.neg rect{fill:#cf222e}",
          ".inst{border:1px solid #d0d7de;border-radius:.4rem;margin:.6rem 0;padding:.4rem .6rem}",
          ".inst h3{font-size:1rem;margin:0 0 .3rem}",
          ".inst.ok{border-left:4px solid #1a7f37}",
          ".inst.bad{border-left:4px solid #cf222e}",
          ".variants{display:flex;gap:.8rem;overflow-x:auto}",
          ".variant{flex:1 1 0;min-width:16rem}",
          ".variant h4{margin:.2rem 0;font-size:.9rem;color:#57606a}",
          "#f-ok:checked~.insts .inst:not(.ok){display:none}",
          "#f-bad:checked~.insts .inst:not(.bad){display:none}",
          "#only-diff:checked~table tr.same{display:none}",
          "tr.diff>td:first-child{border-left:4px solid #bf8700}",
          "td.ok{background:#dafbe1}",
          "td.bad{background:#ffebe9}",
          ".pages a,.pages strong{margin-right:.4rem}");

  private Html() {}

  /** {@code s} with {@code & < > " '} replaced by entities; safe in text and quoted attributes. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    appendEscaped(sb, s);
    return sb.toString();
  }

  /** Appends {@code s} escaped as by {@link #escape}. */
  static StringBuilder appendEscaped(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        // NUL is not allowed in HTML text; show the replacement character browsers would use.
        case '\0' -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
    return sb;
  }

  /** Three decimals, {@code Locale.ROOT}; "-" for NaN; never "-0.000". */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%.3f", value);
    return s.equals("-0.000") ? "0.000" : s;
  }

  /** Opens a page: doctype, head with title and style sheet, and {@code <body>}. */
  static void pageStart(StringBuilder sb, String title) {
    pageStart(sb, title, "");
  }

  /** Opens a page with page-specific style rules (the tab rules) after the shared sheet. */
  static void pageStart(StringBuilder sb, String title, String extraCss) {
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Defence in depth: even if some text escaped escaping, nothing could run or load.
    sb.append("<meta http-equiv=\"Content-Security-Policy\"")
        .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    sb.append("<title>");
    appendEscaped(sb, title);
    sb.append("</title>\n<style>\n").append(CSS).append('\n');
    if (!extraCss.isEmpty()) {
      sb.append(extraCss).append('\n');
    }
    sb.append("</style>\n</head>\n<body>\n");
  }

  /** A tab: its label and what its panel holds. */
  interface Panel {
    void render(StringBuilder sb);
  }

  /**
   * The style rules showing panel {@code i} of a CSS-only tab set while its radio button is
   * checked; goes into the page head.
   */
  static String tabCss(int count) {
    if (count == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append("#t").append(i).append(":checked~#p").append(i);
    }
    return sb.append("{display:block}").toString();
  }

  /**
   * A CSS-only tab set: radio buttons with labels, then the panels; the first tab is checked. Needs
   * {@link #tabCss} in the head.
   */
  static void tabs(StringBuilder sb, java.util.List<String> labels, java.util.List<Panel> panels) {
    sb.append("<div class=\"tabs\">\n");
    for (int i = 0; i < labels.size(); i++) {
      sb.append("<input type=\"radio\" name=\"tab\" id=\"t").append(i).append('"');
      if (i == 0) {
        sb.append(" checked");
      }
      sb.append("><label for=\"t").append(i).append("\">");
      appendEscaped(sb, labels.get(i));
      sb.append("</label>\n");
    }
    for (int i = 0; i < panels.size(); i++) {
      sb.append("<section class=\"panel\" id=\"p").append(i).append("\">\n");
      panels.get(i).render(sb);
      sb.append("</section>\n");
    }
    sb.append("</div>\n");
  }

  /** The references as a list, the correct ones marked; nothing when there are none. */
  static void references(StringBuilder sb, java.util.List<ReferenceView> references) {
    if (references.isEmpty()) {
      return;
    }
    sb.append("<ol class=\"refs\">");
    for (ReferenceView r : references) {
      sb.append(r.correct() ? "<li class=\"correct\" title=\"correct\">\u2713 " : "<li>");
      appendEscaped(sb, r.text());
      sb.append("</li>");
    }
    sb.append("</ol>");
  }

  /** Closes a page opened by {@link #pageStart}. */
  static void pageEnd(StringBuilder sb) {
    sb.append("</body>\n</html>\n");
  }
}
