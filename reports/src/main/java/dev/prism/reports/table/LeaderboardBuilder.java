package dev.prism.reports.table;

import dev.prism.core.MetricKey;
import dev.prism.core.Stat;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a suite's leaderboard: one row per deployment (sorted by name), then "Model", "Mean win
 * rate" and one column per scenario (sorted by id) showing the main metric.
 *
 * <p>A scenario cell follows HELM's {@code summarize.py#create_cell}: from each of the row's runs
 * of that scenario it takes the stats named by the run's main metric with no perturbation and split
 * {@code test} (or {@code valid} when the run has no such {@code test} stat), every sub-split
 * included; it merges all of them ({@link Stat#merge}) and shows the merged mean. The cell links to
 * the page of the first such run by run name.
 *
 * <p>When a scenario's runs were scored by different methods (see {@link ScoringMethods}), the
 * scenario gets one column per method, titled {@code scenario [method]}, each ranked on its own.
 *
 * <pre>{@code
 * Table t = LeaderboardBuilder.build(suite, Map.of("inference_runtime", true));
 * }</pre>
 */
public final class LeaderboardBuilder {
  static final String MISSING = "-";
  static final String WIN_RATE_DESCRIPTION =
      "How many models this model outperforms on average (over columns).";

  private LeaderboardBuilder() {}

  /** The leaderboard with every main metric treated as higher-is-better. */
  public static Table build(SuiteReport report) {
    return build(report, Map.of());
  }

  /**
   * The leaderboard, ranking each scenario column by its main metric's direction.
   *
   * @param lowerIsBetter by metric name; a metric not in the map is higher-is-better, a metric
   *     mapped to {@code null} is not ranked (no win rate, no bold)
   */
  public static Table build(SuiteReport report, Map<String, Boolean> lowerIsBetter) {
    List<RunReport> runs = report.runs();
    List<String> slugs = RunSlugs.assign(runs);
    Integer[] order = new Integer[runs.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing(i -> runs.get(i).runName()));

    TreeSet<String> deployments = new TreeSet<>();
    Map<String, List<RunReport>> runsByScenario = new TreeMap<>();
    // (deployment, scenario) -> runs in run-name order
    Map<List<String>, List<RunReport>> runsByCell = new LinkedHashMap<>();
    IdentityHashMap<RunReport, String> hrefs = new IdentityHashMap<>();
    for (int i : order) {
      RunReport run = runs.get(i);
      deployments.add(run.deployment());
      runsByScenario.computeIfAbsent(run.scenarioId(), k -> new ArrayList<>()).add(run);
      runsByCell
          .computeIfAbsent(List.of(run.deployment(), run.scenarioId()), k -> new ArrayList<>())
          .add(run);
      hrefs.put(run, RunSlugs.pagePath(slugs.get(i)));
    }

    List<HeaderCell> header = new ArrayList<>();
    header.add(new HeaderCell("Model", "The model deployment that was evaluated.", null));
    header.add(new HeaderCell("Mean win rate", WIN_RATE_DESCRIPTION, false));
    List<Boolean> columnLowerIsBetter = new ArrayList<>();
    // (scenario, scoring method or null) per data column
    List<String[]> columns = new ArrayList<>();
    for (Map.Entry<String, List<RunReport>> e : runsByScenario.entrySet()) {
      List<String> methods = ScoringMethods.split(e.getValue());
      for (String method : methods) {
        TreeSet<String> metrics = new TreeSet<>();
        TreeSet<String> descriptions = new TreeSet<>();
        for (RunReport run : ScoringMethods.filter(method, e.getValue())) {
          metrics.add(run.mainMetric());
          if (!run.scenarioDescription().isBlank()) {
            descriptions.add(run.scenarioDescription().strip());
          }
        }
        Boolean lower = direction(metrics, lowerIsBetter);
        columnLowerIsBetter.add(lower);
        columns.add(new String[] {e.getKey(), method});
        String about = descriptions.isEmpty() ? "" : String.join(" ", descriptions) + " ";
        header.add(
            new HeaderCell(
                e.getKey() + ScoringMethods.label(method),
                about
                    + "Main metric: "
                    + String.join(", ", metrics)
                    + "."
                    + ScoringMethods.note(method, methods),
                lower));
      }
    }

    List<List<Double>> values = new ArrayList<>();
    List<List<Cell>> scenarioCells = new ArrayList<>();
    for (String deployment : deployments) {
      List<Double> rowValues = new ArrayList<>();
      List<Cell> cells = new ArrayList<>();
      for (String[] column : columns) {
        List<RunReport> cellRuns =
            ScoringMethods.filter(
                column[1], runsByCell.getOrDefault(List.of(deployment, column[0]), List.of()));
        Double value = cellValue(cellRuns);
        rowValues.add(value);
        String href = cellRuns.isEmpty() ? null : hrefs.get(cellRuns.get(0));
        cells.add(new Cell(value, value == null ? MISSING : format(value), href));
      }
      values.add(rowValues);
      scenarioCells.add(cells);
    }
    List<Double> winRates = WinRates.meanWinRates(values, columnLowerIsBetter);

    List<List<Cell>> rows = new ArrayList<>();
    int r = 0;
    for (String deployment : deployments) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.text(deployment));
      Double winRate = winRates.get(r);
      row.add(new Cell(winRate, winRate == null ? MISSING : format(winRate), null));
      row.addAll(scenarioCells.get(r));
      rows.add(row);
      r++;
    }
    return new Table("Leaderboard", header, rows);
  }

  /**
   * The merged mean of the cell's main-metric stats, or {@code null} when there are none. Package
   * visible for tests.
   */
  static Double cellValue(List<RunReport> runs) {
    Stat merged = null;
    for (RunReport run : runs) {
      for (Stat s : mainStats(run)) {
        merged = merged == null ? s.withKey(MetricKey.of(run.mainMetric())) : merged.merge(s);
      }
    }
    if (merged == null || merged.count() == 0 || !Double.isFinite(merged.mean())) {
      return null;
    }
    return merged.mean();
  }

  /** The run's unperturbed main-metric stats of split {@code test}, else of split {@code valid}. */
  static List<Stat> mainStats(RunReport run) {
    List<Stat> test = mainStats(run, "test");
    return test.isEmpty() ? mainStats(run, "valid") : test;
  }

  private static List<Stat> mainStats(RunReport run, String split) {
    return run.stats().stream()
        .filter(
            s ->
                s.key().name().equals(run.mainMetric())
                    && s.key().perturbation() == null
                    && split.equals(s.key().split()))
        .toList();
  }

  /** The shared direction of the metrics, or {@code null} when they disagree or one is unranked. */
  private static Boolean direction(TreeSet<String> metrics, Map<String, Boolean> lowerIsBetter) {
    Boolean result = null;
    boolean first = true;
    for (String metric : metrics) {
      Boolean d = lowerIsBetter.containsKey(metric) ? lowerIsBetter.get(metric) : Boolean.FALSE;
      if (first) {
        result = d;
        first = false;
      } else if (!Objects.equals(result, d)) {
        return null;
      }
    }
    return result;
  }

  /** Three decimals, {@code Locale.ROOT}, never "-0.000". */
  static String format(double value) {
    String s = String.format(Locale.ROOT, "%.3f", value);
    return s.equals("-0.000") ? "0.000" : s;
  }
}
