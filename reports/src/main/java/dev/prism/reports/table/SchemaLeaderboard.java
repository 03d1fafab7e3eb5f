package dev.prism.reports.table;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.schema.MetricGroup;
import dev.prism.reports.schema.MetricRef;
import dev.prism.reports.schema.MetricSpec;
import dev.prism.reports.schema.RunGroup;
import dev.prism.reports.stats.PairedTest;
import dev.prism.reports.stats.Resampling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a suite's leaderboard tables as a {@link LeaderboardSchema} declares them, following
 * HELM's {@code summarize.py}.
 *
 * <p>A cell (row = model, column = run group × metric reference) takes, from every run of that
 * model in that run group, the stats the reference matches ({@link #matches}: same name; same split
 * or {@code __all__}; the sub-split if given, else every sub-split; the perturbation name, and a
 * perturbed stat must be {@code computed_on: worst}); it merges them ({@link Stat#merge}) and shows
 * the merged mean. Since a run's stats hold one value per train trial, this is the mean over runs
 * (and sub-splits) of their means. A missing {@code quasi_exact_match} falls back to {@code
 * exact_match}, as in HELM. Columns without any value are left out. Each table gets HELM's mean win
 * rate unless its metric group hides it.
 *
 * <p>Runs scored by different methods are never ranked in one column: when a run group's runs use
 * more than one prompt method, each of its columns is split into one per method, titled {@code …
 * [method]} (see {@link ScoringMethods}), and each is ranked on its own.
 *
 * <p>Beyond HELM, each ranked main-metric column (the run group's main metric on unperturbed
 * instances) gets, from the per-instance values of {@link InstanceView#stats()}: a seeded bootstrap
 * 95% interval per cell (instances resampled within each run), a paired test of every row against
 * the best row, and paired tests between rows adjacent in the ranking (McNemar for 0/1 values,
 * paired bootstrap otherwise). Instances are paired by run (run name without its {@code model=}
 * argument) and instance id; trials are averaged per instance.
 *
 * <pre>{@code
 * Leaderboard lb = SchemaLeaderboard.build(suite, LeaderboardSchema.defaults());
 * }</pre>
 */
public final class SchemaLeaderboard {
  static final String WORST = "worst";
  static final String QUASI_EXACT_MATCH = "quasi_exact_match";
  static final String EXACT_MATCH = "exact_match";

  private SchemaLeaderboard() {}

  /** The tables with {@link LeaderboardOptions#DEFAULTS}. */
  public static Leaderboard build(SuiteReport report, LeaderboardSchema schema) {
    return build(report, schema, LeaderboardOptions.DEFAULTS);
  }

  /** The tables of every metric group for the index and for each run group. */
  public static Leaderboard build(
      SuiteReport report, LeaderboardSchema schema, LeaderboardOptions options) {
    return new Builder(report, schema, options).build();
  }

  /** HELM's {@code MetricNameMatcher.matches} for a reference whose placeholders are filled. */
  public static boolean matches(MetricRef ref, MetricKey key) {
    if (!ref.name().equals(key.name())) {
      return false;
    }
    if (!MetricRef.ALL_SPLITS.equals(ref.split()) && !ref.split().equals(key.split())) {
      return false;
    }
    if (ref.subSplit() != null && !ref.subSplit().equals(key.subSplit())) {
      return false;
    }
    PerturbationDescription p = key.perturbation();
    if (p == null) {
      return ref.perturbationName() == null;
    }
    return p.name().equals(ref.perturbationName()) && WORST.equals(p.computedOn());
  }

  /**
   * The merged stats the reference matches in the runs, with HELM's fallback from {@code
   * quasi_exact_match} to {@code exact_match}; {@code null} when nothing matches.
   */
  public static Stat cellStat(List<RunReport> runs, MetricRef ref) {
    Stat merged = merge(runs, ref);
    if (merged == null && QUASI_EXACT_MATCH.equals(ref.name())) {
      merged = merge(runs, fallback(ref));
    }
    return merged;
  }

  private static MetricRef fallback(MetricRef ref) {
    return new MetricRef(EXACT_MATCH, ref.split(), ref.subSplit(), ref.perturbationName());
  }

  private static Stat merge(List<RunReport> runs, MetricRef ref) {
    Stat merged = null;
    for (RunReport run : runs) {
      for (Stat s : run.stats()) {
        if (s.count() > 0 && matches(ref, s.key())) {
          merged = merged == null ? s : merged.merge(s);
        }
      }
    }
    return merged;
  }

  /** The run's name without its {@code model=} argument: pairs runs of different models. */
  public static String runKey(RunReport run) {
    String name = run.runName();
    int colon = name.indexOf(':');
    return colon < 0 ? run.scenarioId() : name.substring(0, colon) + ":" + runArguments(name);
  }

  /**
   * The {@code key=value} arguments of a run name other than {@code model=}, comma-separated, e.g.
   * {@code subject=anatomy} for {@code mmlu:subject=anatomy,model=openai/gpt2}; empty when none.
   */
  public static String runArguments(String runName) {
    int colon = runName.indexOf(':');
    if (colon < 0) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String arg : runName.substring(colon + 1).split(",", -1)) {
      if (!arg.startsWith("model=")) {
        kept.add(arg);
      }
    }
    return String.join(",", kept);
  }

  /** A paired test's outcome, independent of table layout. */
  private record TestResult(PairedTest test, int pairs, double pValue) {}

  /**
   * One data column while it is being built; {@code method} is the scoring method its runs share,
   * or {@code null} when the group's runs all use one.
   */
  private record Column(
      RunGroup group, String method, ColumnSource source, HeaderCell header, Boolean lower) {}

  private static final class Builder {
    private final LeaderboardSchema schema;
    private final LeaderboardOptions options;
    private final List<RunReport> runs;
    private final IdentityHashMap<RunReport, String> runSlugs = new IdentityHashMap<>();
    private final TreeSet<String> deployments = new TreeSet<>();

    /** scenario id → deployment → runs in run-name order. */
    private final Map<String, Map<String, List<RunReport>>> runsByGroup = new HashMap<>();

    private final Map<String, String[]> environments = new HashMap<>();
    private final IdentityHashMap<RunReport, Map<String, TreeMap<String, Double>>> perInstance =
        new IdentityHashMap<>();
    private final IdentityHashMap<RunReport, Map<String, double[]>> replicates =
        new IdentityHashMap<>();
    private final Map<String, TestResult> tests = new HashMap<>();

    Builder(SuiteReport report, LeaderboardSchema schema, LeaderboardOptions options) {
      this.schema = schema;
      this.options = options;
      List<RunReport> all = report.runs();
      List<String> slugs = RunSlugs.assign(all);
      for (int i = 0; i < all.size(); i++) {
        runSlugs.put(all.get(i), slugs.get(i));
      }
      this.runs = all.stream().sorted(Comparator.comparing(RunReport::runName)).toList();
      for (RunReport run : runs) {
        deployments.add(run.deployment());
        runsByGroup
            .computeIfAbsent(run.scenarioId(), k -> new HashMap<>())
            .computeIfAbsent(run.deployment(), k -> new ArrayList<>())
            .add(run);
      }
    }

    Leaderboard build() {
      List<RunGroup> leaves = leaves();
      List<RunGroup> parents = new ArrayList<>();
      Set<String> present = new HashSet<>();
      leaves.forEach(g -> present.add(g.name()));
      for (RunGroup g : schema.runGroups()) {
        if (!g.subgroups().isEmpty()
            && !present.contains(g.name())
            && g.subgroups().stream().anyMatch(present::contains)) {
          parents.add(g);
        }
      }
      List<String> groupSlugs = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      for (RunGroup g : concat(leaves, parents)) {
        String base = RunSlugs.slug(g.name());
        String candidate = base;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
          candidate = base + "-" + n;
        }
        groupSlugs.add(candidate);
      }
      Map<String, String> slugByGroup = new HashMap<>();
      List<RunGroup> allGroups = concat(leaves, parents);
      for (int i = 0; i < allGroups.size(); i++) {
        slugByGroup.put(allGroups.get(i).name(), groupSlugs.get(i));
      }

      List<GroupTable> index = new ArrayList<>();
      for (MetricGroup mg : schema.metricGroups()) {
        GroupTable t = table("", leaves, mg, List.copyOf(deployments), slugByGroup);
        if (t != null) {
          index.add(t);
        }
      }
      List<Leaderboard.Group> groups = new ArrayList<>();
      for (RunGroup g : allGroups) {
        List<RunGroup> members =
            g.subgroups().isEmpty()
                ? List.of(g)
                : leaves.stream().filter(l -> g.subgroups().contains(l.name())).toList();
        TreeSet<String> rows = new TreeSet<>();
        TreeSet<String> runNames = new TreeSet<>();
        for (RunGroup m : members) {
          runsByGroup
              .get(m.name())
              .forEach(
                  (deployment, list) -> {
                    rows.add(deployment);
                    list.forEach(r -> runNames.add(r.runName()));
                  });
        }
        List<GroupTable> tables = new ArrayList<>();
        for (String mgName : g.metricGroups()) {
          MetricGroup mg = schema.metricGroup(mgName);
          GroupTable t =
              mg == null ? null : table(g.name(), members, mg, List.copyOf(rows), slugByGroup);
          if (t != null) {
            tables.add(t);
          }
        }
        groups.add(
            new Leaderboard.Group(g, slugByGroup.get(g.name()), List.copyOf(runNames), tables));
      }
      return new Leaderboard(index, groups);
    }

    /** Leaf groups with runs: the schema's order first, then the other scenarios by id. */
    private List<RunGroup> leaves() {
      List<RunGroup> leaves = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (RunGroup g : schema.runGroups()) {
        if (runsByGroup.containsKey(g.name())) {
          leaves.add(g);
          seen.add(g.name());
        }
      }
      for (String scenario : new TreeSet<>(runsByGroup.keySet())) {
        if (!seen.contains(scenario)) {
          // A default group: describe it with what the runs say about their scenario.
          RunGroup g = schema.runGroupFor(scenario);
          TreeSet<String> descriptions = new TreeSet<>();
          runsByGroup
              .get(scenario)
              .values()
              .forEach(
                  list ->
                      list.forEach(
                          r -> {
                            if (!r.scenarioDescription().isBlank()) {
                              descriptions.add(r.scenarioDescription().strip());
                            }
                          }));
          leaves.add(
              new RunGroup(
                  g.name(),
                  g.displayName(),
                  String.join(" ", descriptions),
                  g.subgroups(),
                  g.metricGroups(),
                  g.mainName(),
                  g.mainSplit()));
        }
      }
      return leaves;
    }

    /** {@code [main_name, main_split]} of a leaf group. */
    private String[] environment(RunGroup g) {
      return environments.computeIfAbsent(
          g.name(),
          name -> {
            List<RunReport> groupRuns = new ArrayList<>();
            runsByGroup.get(name).values().forEach(groupRuns::addAll);
            String mainName = g.mainName();
            if (mainName == null) {
              // The most common main metric of the runs; ties by name.
              TreeMap<String, Integer> counts = new TreeMap<>();
              groupRuns.forEach(r -> counts.merge(r.mainMetric(), 1, Integer::sum));
              mainName =
                  counts.entrySet().stream()
                      .max(
                          Map.Entry.<String, Integer>comparingByValue()
                              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                      .map(Map.Entry::getKey)
                      .orElse(EXACT_MATCH);
            }
            String mainSplit = g.mainSplit();
            if (mainSplit == null) {
              mainSplit = hasSplit(groupRuns, mainName, "test") ? "test" : null;
              if (mainSplit == null) {
                mainSplit = hasSplit(groupRuns, mainName, "valid") ? "valid" : "test";
              }
            }
            return new String[] {mainName, mainSplit};
          });
    }

    private static boolean hasSplit(List<RunReport> runs, String name, String split) {
      for (RunReport r : runs) {
        for (Stat s : r.stats()) {
          if (s.key().name().equals(name) && split.equals(s.key().split())) {
            return true;
          }
        }
      }
      return false;
    }

    private GroupTable table(
        String runGroup,
        List<RunGroup> members,
        MetricGroup mg,
        List<String> rows,
        Map<String, String> slugByGroup) {
      List<Column> columns = new ArrayList<>();
      List<List<Stat>> cellStats = new ArrayList<>();
      for (RunGroup g : members) {
        if (!g.metricGroups().contains(mg.name())) {
          continue;
        }
        String[] env = environment(g);
        List<String> methods = methods(g);
        for (MetricRef ref : mg.metrics()) {
          MetricRef resolved = ref.resolve(env[0], env[1]);
          for (String method : methods) {
            List<Stat> values = new ArrayList<>(rows.size());
            boolean any = false;
            for (String deployment : rows) {
              Stat s = cellStat(runsOf(g, method, deployment), resolved);
              values.add(s);
              any |= s != null;
            }
            if (any) {
              columns.add(column(g, method, methods, ref, resolved));
              cellStats.add(values);
            }
          }
        }
      }
      if (columns.isEmpty()) {
        return null;
      }
      List<List<Double>> values = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        List<Double> row = new ArrayList<>();
        for (List<Stat> column : cellStats) {
          row.add(value(column.get(r)));
        }
        values.add(row);
      }
      List<HeaderCell> header = new ArrayList<>();
      header.add(new HeaderCell("Model", "The model deployment that was evaluated.", null));
      List<Double> winRates = null;
      if (!mg.hideWinRates()) {
        header.add(new HeaderCell("Mean win rate", LeaderboardBuilder.WIN_RATE_DESCRIPTION, false));
        winRates = WinRates.meanWinRates(values, columns.stream().map(Column::lower).toList());
      }
      int first = header.size();
      columns.forEach(c -> header.add(c.header()));
      List<List<Cell>> cells = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(rows.get(r)));
        if (winRates != null) {
          row.add(cell(winRates.get(r), null));
        }
        for (int c = 0; c < columns.size(); c++) {
          Column col = columns.get(c);
          Double v = values.get(r).get(c);
          String href = null;
          if (v != null && col.source().main()) {
            List<RunReport> cellRuns = runsOf(col, rows.get(r));
            href =
                cellRuns.size() == 1
                    ? RunSlugs.pagePath(runSlugs.get(cellRuns.get(0)))
                    : "groups/" + slugByGroup.get(col.group().name()) + ".html";
          }
          row.add(cell(v, href));
        }
        cells.add(row);
      }
      Table table = new Table(mg.displayName(), header, cells);
      List<CellStats> stats = new ArrayList<>();
      List<Comparison> adjacent = new ArrayList<>();
      if (options.resamples() > 0) {
        for (int c = 0; c < columns.size(); c++) {
          Column col = columns.get(c);
          if (col.source().main() && col.lower() != null) {
            statistics(table, first + c, col, rows, stats, adjacent);
          }
        }
      }
      List<ColumnSource> sources = columns.stream().map(Column::source).toList();
      return new GroupTable(runGroup, mg.name(), table, first, sources, stats, adjacent);
    }

    /** A data column of group {@code g} showing {@code resolved} for the runs of {@code method}. */
    private Column column(
        RunGroup g, String method, List<String> methods, MetricRef ref, MetricRef resolved) {
      boolean main = ref.name().equals(MetricRef.MAIN_NAME) && ref.perturbationName() == null;
      MetricSpec spec = schema.metric(resolved.name());
      Boolean lower =
          options.lowerIsBetter().containsKey(resolved.name())
              ? options.lowerIsBetter().get(resolved.name())
              : spec.lowerIsBetter();
      String title =
          g.displayName()
              + " - "
              + spec.shortDisplayName()
              + (resolved.perturbationName() == null
                  ? ""
                  : " (" + resolved.perturbationName() + ")")
              + ScoringMethods.label(method);
      String description =
          (g.description().isBlank() ? "" : g.description().strip() + " ")
              + spec.displayName()
              + (spec.description().isBlank() ? "" : ": " + spec.description().strip())
              + " ("
              + resolved.split()
              + (resolved.subSplit() == null ? "" : "/" + resolved.subSplit())
              + ")"
              + ScoringMethods.note(method, methods);
      return new Column(
          g,
          method,
          new ColumnSource(g.name(), resolved, main, method),
          new HeaderCell(title, description, lower),
          lower);
    }

    /** The scoring methods to split group {@code g}'s columns by ({@link ScoringMethods#split}). */
    private List<String> methods(RunGroup g) {
      List<RunReport> groupRuns = new ArrayList<>();
      Map<String, List<RunReport>> byDeployment = runsByGroup.get(g.name());
      if (byDeployment != null) {
        byDeployment.values().forEach(groupRuns::addAll);
      }
      return ScoringMethods.split(groupRuns);
    }

    private List<RunReport> runsOf(RunGroup g, String method, String deployment) {
      Map<String, List<RunReport>> byDeployment = runsByGroup.get(g.name());
      return byDeployment == null
          ? List.of()
          : ScoringMethods.filter(method, byDeployment.getOrDefault(deployment, List.of()));
    }

    private List<RunReport> runsOf(Column col, String deployment) {
      return runsOf(col.group(), col.method(), deployment);
    }

    private static Double value(Stat s) {
      if (s == null || s.count() == 0 || !Double.isFinite(s.mean())) {
        return null;
      }
      return s.mean();
    }

    private static Cell cell(Double v, String href) {
      return new Cell(
          v, v == null ? LeaderboardBuilder.MISSING : LeaderboardBuilder.format(v), href);
    }

    // ---- statistics beyond HELM ----

    private void statistics(
        Table table,
        int column,
        Column col,
        List<String> rows,
        List<CellStats> out,
        List<Comparison> adjacent) {
      String metric = effectiveMetric(col);
      String split = col.source().metric().split();
      List<Integer> best = table.bestRows(column);
      Integer bestRow = best.isEmpty() ? null : best.get(0);
      List<Integer> ranked = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        Double v = table.rows().get(r).get(column).value();
        if (v == null) {
          continue;
        }
        ranked.add(r);
        double[] interval = interval(runsOf(col, rows.get(r)), metric, split);
        Comparison versusBest = null;
        if (bestRow != null && r != bestRow && !best.contains(r)) {
          versusBest = compare(col, metric, split, column, bestRow, r, rows);
        }
        if (interval != null || versusBest != null) {
          out.add(
              new CellStats(
                  r,
                  column,
                  interval == null ? Double.NaN : interval[0],
                  interval == null ? Double.NaN : interval[1],
                  versusBest));
        }
      }
      boolean lower = Boolean.TRUE.equals(col.lower());
      ranked.sort(
          Comparator.<Integer>comparingDouble(
                  r -> {
                    double v = table.rows().get(r).get(column).value();
                    return lower ? v : -v;
                  })
              .thenComparingInt(r -> r));
      for (int i = 0; i + 1 < ranked.size(); i++) {
        Comparison c = compare(col, metric, split, column, ranked.get(i), ranked.get(i + 1), rows);
        if (c != null) {
          adjacent.add(c);
        }
      }
    }

    /** The stat name the column's cells were built from (after the exact-match fallback). */
    private String effectiveMetric(Column col) {
      MetricRef ref = col.source().metric();
      if (!QUASI_EXACT_MATCH.equals(ref.name())) {
        return ref.name();
      }
      List<RunReport> groupRuns = new ArrayList<>();
      runsByGroup.get(col.group().name()).values().forEach(groupRuns::addAll);
      return merge(ScoringMethods.filter(col.method(), groupRuns), ref) == null
          ? EXACT_MATCH
          : ref.name();
    }

    private double[] interval(List<RunReport> cellRuns, String metric, String split) {
      if (cellRuns.isEmpty()) {
        return null;
      }
      List<double[]> parts = new ArrayList<>();
      for (RunReport run : cellRuns) {
        double[] reps = replicates(run, metric, split);
        if (reps == null) {
          return null;
        }
        parts.add(reps);
      }
      return Resampling.percentileInterval(Resampling.macro(parts), 0.95);
    }

    private double[] replicates(RunReport run, String metric, String split) {
      Map<String, double[]> byMetric = replicates.computeIfAbsent(run, k -> new HashMap<>());
      String key = metric + "\u0000" + split;
      if (byMetric.containsKey(key)) {
        return byMetric.get(key);
      }
      TreeMap<String, Double> values = perInstance(run, metric, split);
      double[] reps = null;
      if (!values.isEmpty()) {
        double[] v = values.values().stream().mapToDouble(Double::doubleValue).toArray();
        reps =
            Resampling.bootstrapMeans(
                v,
                options.resamples(),
                Resampling.seed(options.seed(), run.runName() + "\u0000" + key));
      }
      byMetric.put(key, reps);
      return reps;
    }

    /**
     * Instance id → the mean over trials of the metric on the unperturbed instance of the split
     * ({@code __all__}: every split).
     */
    private TreeMap<String, Double> perInstance(RunReport run, String metric, String split) {
      boolean all = MetricRef.ALL_SPLITS.equals(split);
      return perInstance
          .computeIfAbsent(run, k -> new HashMap<>())
          .computeIfAbsent(
              metric + "\u0000" + split,
              unused -> {
                Map<String, double[]> sums = new HashMap<>();
                for (InstanceView v : run.instances()) {
                  boolean use = v.perturbation() == null && (all || v.split().equals(split));
                  Double x = use ? v.stats().get(metric) : null;
                  if (x != null && Double.isFinite(x)) {
                    double[] acc = sums.computeIfAbsent(v.instanceId(), k -> new double[2]);
                    acc[0] += x;
                    acc[1]++;
                  }
                }
                TreeMap<String, Double> means = new TreeMap<>();
                sums.forEach((id, acc) -> means.put(id, acc[0] / acc[1]));
                return means;
              });
    }

    private Comparison compare(
        Column col,
        String metric,
        String split,
        int column,
        int rowA,
        int rowB,
        List<String> rows) {
      String a = rows.get(rowA);
      String b = rows.get(rowB);
      String key =
          String.join(
              "\u0000", col.group().name(), String.valueOf(col.method()), metric, split, a, b);
      TestResult result = tests.get(key);
      if (result == null && !tests.containsKey(key)) {
        result = test(col, metric, split, a, b, key);
        tests.put(key, result);
      }
      return result == null
          ? null
          : new Comparison(column, rowA, rowB, result.test(), result.pairs(), result.pValue());
    }

    private TestResult test(
        Column col, String metric, String split, String a, String b, String seedKey) {
      Map<String, RunReport> runsB = new LinkedHashMap<>();
      for (RunReport r : runsOf(col, b)) {
        runsB.putIfAbsent(runKey(r), r);
      }
      List<double[]> as = new ArrayList<>();
      List<double[]> bs = new ArrayList<>();
      Set<String> used = new HashSet<>();
      for (RunReport ra : runsOf(col, a)) {
        String k = runKey(ra);
        RunReport rb = runsB.get(k);
        if (rb == null || !used.add(k)) {
          continue;
        }
        TreeMap<String, Double> va = perInstance(ra, metric, split);
        TreeMap<String, Double> vb = perInstance(rb, metric, split);
        List<Double> xa = new ArrayList<>();
        List<Double> xb = new ArrayList<>();
        va.forEach(
            (id, x) -> {
              Double y = vb.get(id);
              if (y != null) {
                xa.add(x);
                xb.add(y);
              }
            });
        if (!xa.isEmpty()) {
          as.add(xa.stream().mapToDouble(Double::doubleValue).toArray());
          bs.add(xb.stream().mapToDouble(Double::doubleValue).toArray());
        }
      }
      if (as.isEmpty()) {
        return null;
      }
      int pairs = 0;
      boolean binary = true;
      for (int i = 0; i < as.size(); i++) {
        pairs += as.get(i).length;
        binary &= Resampling.binary(as.get(i)) && Resampling.binary(bs.get(i));
      }
      if (binary) {
        long onlyA = 0;
        long onlyB = 0;
        for (int i = 0; i < as.size(); i++) {
          double[] x = as.get(i);
          double[] y = bs.get(i);
          for (int j = 0; j < x.length; j++) {
            if (x[j] > y[j]) {
              onlyA++;
            } else if (y[j] > x[j]) {
              onlyB++;
            }
          }
        }
        return new TestResult(PairedTest.MCNEMAR, pairs, Resampling.mcNemar(onlyA, onlyB));
      }
      List<double[]> differences = new ArrayList<>();
      for (int i = 0; i < as.size(); i++) {
        double[] x = as.get(i);
        double[] y = bs.get(i);
        double[] d = new double[x.length];
        for (int j = 0; j < x.length; j++) {
          d[j] = x[j] - y[j];
        }
        differences.add(d);
      }
      double p =
          Resampling.pairedBootstrap(
              differences, options.resamples(), Resampling.seed(options.seed(), seedKey));
      return new TestResult(PairedTest.PAIRED_BOOTSTRAP, pairs, p);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }
  }
}
