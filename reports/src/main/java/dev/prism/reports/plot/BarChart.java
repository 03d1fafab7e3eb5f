package dev.prism.reports.plot;

import java.util.List;
import java.util.Objects;

/**
 * One horizontal bar per model.
 *
 * @param title never {@code null}
 * @param valueLabel what the bar length means; never {@code null}
 * @param bars finite values, drawn in order; never {@code null}
 */
public record BarChart(String title, String valueLabel, List<Bar> bars) implements Plot {
  public BarChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(valueLabel, "valueLabel");
    bars = List.copyOf(bars);
  }

  /** A labelled finite value. */
  public record Bar(String label, double value) {
    public Bar {
      Objects.requireNonNull(label, "label");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("bar " + label + " is not finite");
      }
    }
  }
}
