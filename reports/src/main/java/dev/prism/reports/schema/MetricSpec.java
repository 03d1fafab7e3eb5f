package dev.prism.reports.schema;

import java.util.Objects;

/**
 * How a metric is shown, HELM's schema {@code metrics} entry.
 *
 * @param name the stat name, e.g. {@code exact_match}; never {@code null}
 * @param displayName the column title, e.g. {@code Exact match}; never {@code null}
 * @param shortDisplayName a short column title, e.g. {@code EM}; never {@code null}
 * @param description a longer explanation shown as a tooltip; never {@code null}, may be empty
 * @param lowerIsBetter {@code true}/{@code false} for ranked metrics, {@code null} for metrics that
 *     are not ranked (counts, token lengths)
 */
public record MetricSpec(
    String name,
    String displayName,
    String shortDisplayName,
    String description,
    Boolean lowerIsBetter) {
  public MetricSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(shortDisplayName, "shortDisplayName");
    Objects.requireNonNull(description, "description");
  }

  /** The spec of a metric the schema does not list: its name everywhere, higher is better. */
  public static MetricSpec unknown(String name) {
    return new MetricSpec(name, name, name, "", false);
  }
}
