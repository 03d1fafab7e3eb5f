package dev.prism.reports.table;

import java.util.Objects;

/**
 * One table cell, HELM's {@code Cell}.
 *
 * @param value the number behind the cell, or {@code null} for labels and missing values; never NaN
 *     or infinite
 * @param display the text shown, already formatted with {@code Locale.ROOT}; never {@code null}
 * @param href a link relative to the site root (e.g. {@code runs/x.html}), or {@code null}
 */
public record Cell(Double value, String display, String href) {
  public Cell {
    Objects.requireNonNull(display, "display");
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException("cell value must be finite or null, got " + value);
    }
  }

  /** A cell that only shows text. */
  public static Cell text(String display) {
    return new Cell(null, display, null);
  }
}
