package dev.prism.reports.plot;

import java.util.List;
import java.util.Objects;

/**
 * One point per model.
 *
 * @param title never {@code null}
 * @param xLabel never {@code null}
 * @param yLabel never {@code null}
 * @param points finite coordinates; never {@code null}
 */
public record ScatterPlot(String title, String xLabel, String yLabel, List<Point> points)
    implements Plot {
  public ScatterPlot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    points = List.copyOf(points);
  }

  /** A labelled point with finite coordinates. */
  public record Point(String label, double x, double y) {
    public Point {
      Objects.requireNonNull(label, "label");
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("point " + label + " is not finite");
      }
    }
  }
}
