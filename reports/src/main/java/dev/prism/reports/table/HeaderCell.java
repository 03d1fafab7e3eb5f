package dev.prism.reports.table;

import java.util.Objects;

/**
 * One column header, HELM's {@code HeaderCell}.
 *
 * @param value the column title; never {@code null}
 * @param description a longer explanation (rendered as a tooltip), or {@code null}
 * @param lowerIsBetter {@code true}/{@code false} for ranked columns, {@code null} for columns
 *     without a meaningful order (labels, counts); only ranked columns count towards win rates and
 *     get a best value
 */
public record HeaderCell(String value, String description, Boolean lowerIsBetter) {
  public HeaderCell {
    Objects.requireNonNull(value, "value");
  }
}
