package dev.prism.reports.html;

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
          "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}",
          "dl.meta dt{font-weight:bold}",
          "dl.meta dd{margin:0}",
          "summary{cursor:pointer;color:#57606a}");

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
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Defence in depth: even if some text escaped escaping, nothing could run or load.
    sb.append("<meta http-equiv=\"Content-Security-Policy\"")
        .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    sb.append("<title>");
    appendEscaped(sb, title);
    sb.append("</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
  }

  /** Closes a page opened by {@link #pageStart}. */
  static void pageEnd(StringBuilder sb) {
    sb.append("</body>\n</html>\n");
  }
}
