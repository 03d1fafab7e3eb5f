package dev.prism.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything a suite's leaderboard and site are built from.
 *
 * @param suite suite name, shown on the index page; never {@code null}
 * @param runs the suite's runs in any order (reports sort them by run name); never {@code null}
 */
public record SuiteReport(String suite, List<RunReport> runs) {
  public SuiteReport {
    Objects.requireNonNull(suite, "suite");
    runs = List.copyOf(runs);
  }
}
