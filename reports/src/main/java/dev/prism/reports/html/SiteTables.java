package dev.prism.reports.html;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.RunSlugs;
import dev.prism.reports.table.Table;
import java.util.ArrayList;
import java.util.List;

/** The site's tables other than the leaderboard, as {@link Table}s: pure functions, no HTML. */
final class SiteTables {
  private SiteTables() {}

  /** One row per run, in the order given (the caller sorts), linking to the run pages. */
  static Table runs(List<RunReport> runs, List<String> slugs) {
    List<HeaderCell> header =
        List.of(
            new HeaderCell("Run", null, null),
            new HeaderCell("Scenario", null, null),
            new HeaderCell("Model", null, null),
            new HeaderCell("Prompt method", null, null),
            new HeaderCell("Main metric", null, null),
            new HeaderCell("Instances", "Instance views on the run page.", null),
            new HeaderCell("Warnings", null, null));
    List<List<Cell>> rows = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunReport run = runs.get(i);
      rows.add(
          List.of(
              new Cell(null, run.runName(), RunSlugs.pagePath(slugs.get(i))),
              Cell.text(run.scenarioId()),
              Cell.text(run.deployment()),
              Cell.text(run.promptMethod()),
              Cell.text(run.mainMetric()),
              count(run.instances().size()),
              count(run.warnings().size())));
    }
    return new Table("Runs", header, rows);
  }

  /** One row per stat, in {@link Order#STATS} order. */
  static Table stats(RunReport run) {
    List<HeaderCell> header =
        List.of(
            new HeaderCell("name", null, null),
            new HeaderCell("split", null, null),
            new HeaderCell("sub_split", null, null),
            new HeaderCell("perturbation", "Perturbation name (computed on).", null),
            new HeaderCell("count", null, null),
            new HeaderCell("mean", null, null),
            new HeaderCell("stddev", "Population standard deviation.", null),
            new HeaderCell("min", null, null),
            new HeaderCell("max", null, null));
    List<List<Cell>> rows = new ArrayList<>();
    for (Stat s : run.stats().stream().sorted(Order.STATS).toList()) {
      MetricKey k = s.key();
      rows.add(
          List.of(
              Cell.text(k.name()),
              Cell.text(orEmpty(k.split())),
              Cell.text(orEmpty(k.subSplit())),
              Cell.text(perturbation(k.perturbation())),
              count(s.count()),
              number(s.mean()),
              number(s.stddev()),
              number(s.min()),
              number(s.max())));
    }
    return new Table("Stats", header, rows);
  }

  /** {@code typos (worst)}; empty for no perturbation. */
  static String perturbation(PerturbationDescription p) {
    if (p == null) {
      return "";
    }
    return p.computedOn() == null ? p.name() : p.name() + " (" + p.computedOn() + ")";
  }

  private static Cell count(long n) {
    return new Cell((double) n, Long.toString(n), null);
  }

  private static Cell number(double v) {
    return Double.isFinite(v) ? new Cell(v, Html.number(v), null) : Cell.text("-");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
