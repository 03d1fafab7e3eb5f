package dev.prism.reports.table;

import dev.prism.reports.stats.PairedTest;
import java.util.Objects;

/**
 * A paired test of two rows of one column on the instances both were evaluated on.
 *
 * @param column the table column
 * @param rowA the better row (by cell value)
 * @param rowB the other row
 * @param test the test used
 * @param pairs the number of instance pairs
 * @param pValue two-sided p-value in {@code [0, 1]}
 */
public record Comparison(
    int column, int rowA, int rowB, PairedTest test, int pairs, double pValue) {
  public Comparison {
    Objects.requireNonNull(test, "test");
  }
}
