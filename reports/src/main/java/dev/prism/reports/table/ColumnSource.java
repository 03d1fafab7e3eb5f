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
 * @param method the scoring method (prompt method) of the column's runs when the run group's runs
 *     were scored by several and its columns are split by method; {@code null} otherwise
 */
public record ColumnSource(String runGroup, MetricRef metric, boolean main, String method) {
  public ColumnSource {
    Objects.requireNonNull(runGroup, "runGroup");
    Objects.requireNonNull(metric, "metric");
  }

  /** A column of a run group whose runs share one scoring method. */
  public ColumnSource(String runGroup, MetricRef metric, boolean main) {
    this(runGroup, metric, main, null);
  }

  /** Identifies the runs behind the column: the run group, and the method when split by it. */
  public String runsKey() {
    return method == null ? runGroup : runGroup + " [" + method + "]";
  }
}
