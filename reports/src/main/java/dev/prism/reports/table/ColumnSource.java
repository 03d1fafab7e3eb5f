package dev.prism.reports.table;

import dev.prism.reports.schema.MetricRef;
import java.util.Objects;

/**
 * Where a data column of a {@link GroupTable} comes from.
 *
 * @param runGroup the leaf run group (scenario) the column shows; never {@code null}
 * @param metric the metric reference with its placeholders filled in; never {@code null}
 * @param main whether the column is the group's main metric on unperturbed instances (the accuracy
 *     column); only main columns carry confidence intervals and paired tests
 */
public record ColumnSource(String runGroup, MetricRef metric, boolean main) {
  public ColumnSource {
    Objects.requireNonNull(runGroup, "runGroup");
    Objects.requireNonNull(metric, "metric");
  }
}
