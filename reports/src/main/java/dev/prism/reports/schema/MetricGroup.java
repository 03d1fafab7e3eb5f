package dev.prism.reports.schema;

import java.util.List;
import java.util.Objects;

/**
 * A family of leaderboard columns (accuracy, calibration, …), HELM's {@code metric_groups} entry;
 * the site shows one tab per group.
 *
 * @param name e.g. {@code accuracy}; never {@code null}
 * @param displayName e.g. {@code Accuracy}; never {@code null}
 * @param description never {@code null}, may be empty
 * @param metrics the group's columns per run group, in order; never {@code null}
 * @param hideWinRates whether the group's tables leave out the mean win rate column
 */
public record MetricGroup(
    String name,
    String displayName,
    String description,
    List<MetricRef> metrics,
    boolean hideWinRates) {
  public MetricGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    metrics = List.copyOf(metrics);
  }
}
