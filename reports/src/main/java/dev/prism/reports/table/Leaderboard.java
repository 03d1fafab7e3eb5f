package dev.prism.reports.table;

import dev.prism.reports.schema.RunGroup;
import java.util.List;
import java.util.Objects;

/**
 * Every leaderboard table of a suite, built by {@link SchemaLeaderboard#build}.
 *
 * @param index one table per metric group with data, over every run group, in schema order
 * @param groups the tables of each run group that has runs (leaf groups, then parents)
 */
public record Leaderboard(List<GroupTable> index, List<Group> groups) {
  public Leaderboard {
    index = List.copyOf(index);
    groups = List.copyOf(groups);
  }

  /**
   * One run group's page.
   *
   * @param group the run group
   * @param slug its file name stem, unique in the suite
   * @param runNames the names of its runs, sorted
   * @param tables one table per metric group with data
   */
  public record Group(RunGroup group, String slug, List<String> runNames, List<GroupTable> tables) {
    public Group {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(slug, "slug");
      runNames = List.copyOf(runNames);
      tables = List.copyOf(tables);
    }

    /** The page's path relative to the site root, e.g. {@code groups/mmlu.html}. */
    public String pagePath() {
      return "groups/" + slug + ".html";
    }
  }

  /** The index table of that metric group, or {@code null}. */
  public GroupTable indexTable(String metricGroup) {
    for (GroupTable t : index) {
      if (t.metricGroup().equals(metricGroup)) {
        return t;
      }
    }
    return null;
  }
}
