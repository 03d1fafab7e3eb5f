package dev.prism.reports.plot;

import java.util.Locale;

/**
 * Draws a {@link Plot} as an inline {@code <svg>} element for an HTML page: no scripts, no external
 * references, colours from the page's style sheet (classes {@code plot}, {@code axis}, {@code pt},
 * {@code bar}, {@code neg}), every label escaped, numbers with {@code Locale.ROOT}.
 */
public final class Svg {
  private static final int WIDTH = 560;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 28;
  private static final int BOTTOM = 48;
  private static final int TICKS = 4;

  private Svg() {}

  /** The plot as one {@code <svg>} element. */
  public static String render(Plot plot) {
    if (plot instanceof ScatterPlot s) {
      return scatter(s);
    }
    if (plot instanceof BarChart b) {
      return bars(b);
    }
    throw new IllegalArgumentException("unknown plot " + plot.getClass().getName());
  }

  private static String scatter(ScatterPlot p) {
    int height = 340;
    double[] xr = range(p.points().stream().mapToDouble(ScatterPlot.Point::x).toArray(), false);
    double[] yr = range(p.points().stream().mapToDouble(ScatterPlot.Point::y).toArray(), false);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = height - TOP - BOTTOM;
    StringBuilder sb = open(p.title(), height);
    // Axes and ticks.
    sb.append("<g class=\"axis\">");
    line(sb, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
    line(sb, LEFT, TOP, LEFT, TOP + plotH);
    for (int i = 0; i <= TICKS; i++) {
      double fx = xr[0] + (xr[1] - xr[0]) * i / TICKS;
      double px = LEFT + plotW * i / TICKS;
      line(sb, px, TOP + plotH, px, TOP + plotH + 4);
      text(sb, px, TOP + plotH + 16, "middle", num(fx));
      double fy = yr[0] + (yr[1] - yr[0]) * i / TICKS;
      double py = TOP + plotH - plotH * i / TICKS;
      line(sb, LEFT - 4, py, LEFT, py);
      text(sb, LEFT - 6, py + 4, "end", num(fy));
    }
    text(sb, LEFT + plotW / 2, height - 8, "middle", p.xLabel());
    sb.append("<text x=\"14\" y=\"")
        .append(num(TOP + plotH / 2))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(num(TOP + plotH / 2))
        .append(")\">");
    escape(sb, p.yLabel());
    sb.append("</text></g>\n");
    for (ScatterPlot.Point pt : p.points()) {
      double px = LEFT + plotW * (pt.x() - xr[0]) / (xr[1] - xr[0]);
      double py = TOP + plotH - plotH * (pt.y() - yr[0]) / (yr[1] - yr[0]);
      sb.append("<g class=\"pt\"><circle cx=\"")
          .append(num(px))
          .append("\" cy=\"")
          .append(num(py))
          .append("\" r=\"4\"><title>");
      escape(sb, pt.label() + " (" + num(pt.x()) + ", " + num(pt.y()) + ")");
      sb.append("</title></circle>");
      text(sb, px + 6, py - 6, "start", pt.label());
      sb.append("</g>\n");
    }
    return sb.append("</svg>\n").toString();
  }

  private static String bars(BarChart b) {
    int labelWidth = 180;
    int rowHeight = 18;
    int height = TOP + rowHeight * b.bars().size() + BOTTOM;
    double[] r = range(b.bars().stream().mapToDouble(BarChart.Bar::value).toArray(), true);
    double plotW = WIDTH - labelWidth - RIGHT - 40;
    double zero = labelWidth + plotW * (0 - r[0]) / (r[1] - r[0]);
    StringBuilder sb = open(b.title(), height);
    int y = TOP;
    for (BarChart.Bar bar : b.bars()) {
      double end = labelWidth + plotW * (bar.value() - r[0]) / (r[1] - r[0]);
      double x = Math.min(zero, end);
      double w = Math.max(Math.abs(end - zero), 0.5);
      sb.append("<g class=\"").append(bar.value() < 0 ? "bar neg" : "bar").append("\">");
      text(sb, labelWidth - 6, y + 13, "end", bar.label());
      sb.append("<rect x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(num(w))
          .append("\" height=\"")
          .append(rowHeight - 6)
          .append("\"><title>");
      escape(sb, bar.label() + ": " + num(bar.value()));
      sb.append("</title></rect>");
      text(sb, Math.max(zero, end) + 4, y + 13, "start", num(bar.value()));
      sb.append("</g>\n");
      y += rowHeight;
    }
    sb.append("<g class=\"axis\">");
    line(sb, zero, TOP, zero, y);
    text(sb, labelWidth + plotW / 2, y + 24, "middle", b.valueLabel());
    sb.append("</g>\n");
    return sb.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<svg class=\"plot\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\"><title>");
    escape(sb, title);
    sb.append("</title>\n");
    text(sb, WIDTH / 2.0, 16, "middle", title);
    return sb;
  }

  /** The data range, padded by 5%, never empty; includes 0 when {@code withZero}. */
  static double[] range(double[] values, boolean withZero) {
    double lo = withZero ? 0 : Double.POSITIVE_INFINITY;
    double hi = withZero ? 0 : Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
      return new double[] {lo - pad, hi + pad};
    }
    double pad = (hi - lo) * 0.05;
    return new double[] {withZero && lo == 0 ? 0 : lo - pad, withZero && hi == 0 ? 0 : hi + pad};
  }

  private static void line(StringBuilder sb, double x1, double y1, double x2, double y2) {
    sb.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\"/>");
  }

  private static void text(StringBuilder sb, double x, double y, String anchor, String s) {
    sb.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">");
    escape(sb, s);
    sb.append("</text>");
  }

  /** Up to three decimals, trailing zeros dropped, {@code Locale.ROOT}, never "-0". */
  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\0' -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
  }
}
