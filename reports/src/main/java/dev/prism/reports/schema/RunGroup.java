package dev.prism.reports.schema;

import java.util.List;
import java.util.Objects;

/**
 * A group of runs shown together, HELM's {@code run_groups} entry. A leaf group collects the runs
 * whose scenario id equals its name; a parent group lists subgroups and shows their columns side by
 * side.
 *
 * @param name the scenario id of a leaf group, or any name for a parent; never {@code null}
 * @param displayName never {@code null}
 * @param description never {@code null}, may be empty
 * @param subgroups names of the run groups a parent group is made of; empty for a leaf
 * @param metricGroups the metric groups shown for this group, in order
 * @param mainName fills {@code ${main_name}}, or {@code null} to use the runs' main metric
 * @param mainSplit fills {@code ${main_split}}, or {@code null} for {@code test} (or {@code valid}
 *     where the runs have no {@code test} stat of the main metric)
 */
public record RunGroup(
    String name,
    String displayName,
    String description,
    List<String> subgroups,
    List<String> metricGroups,
    String mainName,
    String mainSplit) {
  public RunGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    subgroups = List.copyOf(subgroups);
    metricGroups = List.copyOf(metricGroups);
  }
}
