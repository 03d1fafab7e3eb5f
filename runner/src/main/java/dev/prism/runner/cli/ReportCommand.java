package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.reports.compare.SuiteComparison;
import dev.prism.reports.html.ComparisonWriter;
import dev.prism.reports.html.SiteOptions;
import dev.prism.reports.html.SiteWriter;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.table.SchemaLeaderboard;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism report}: build the static leaderboard site from the database. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Build the static leaderboard site (index.html, one page per run, leaderboard.json).",
      "Example: prism report --suite quickstart"
    })
final class ReportCommand implements Callable<Integer> {
  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description = "Suite to report (default: the suite of the latest run).")
  String suite;

  @Option(
      names = "--site",
      paramLabel = "DIR",
      description =
          "Where to write the site (default: OUTPUT/site); with --compare, the folder for the"
              + " comparison page (default: OUTPUT/comparisons).")
  Path site;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "A B",
      description = {
        "Compare two suites run by run instead (or two runs: RUN or SUITE:RUN): main-metric delta,"
            + " instances whose correctness flipped, and the paired test's p-value (McNemar for"
            + " 0/1 metrics). Prints a table and writes a comparison page.",
        "Example: prism report --compare baseline candidate"
      })
  List<String> compare;

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description =
          "Leaderboard schema (HELM-style YAML: metric groups, run groups, display names,"
              + " lower_is_better); default: the built-in schema.")
  Path schema;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** A {@code --compare} operand: a whole suite, or one run of a suite. */
  private record Side(String label, String suite, SuiteReport report, RunReport run) {
    /** The suite, or a suite holding just the run. */
    SuiteReport asSuite() {
      return run == null ? report : new SuiteReport(suite, List.of(run));
    }
  }

  /**
   * A suite when a suite has that name; else a run named so in exactly one suite; else {@code
   * SUITE:RUN}.
   */
  private static Side resolve(ReportLoader loader, String operand) throws SQLException {
    if (loader.hasSuite(operand)) {
      return new Side(operand, operand, loader.load(operand), null);
    }
    List<String> suites = loader.suitesWithRun(operand);
    if (suites.size() > 1) {
      throw new PrismUserException(
          "run '" + operand + "' is in several suites (" + String.join(", ", suites) + ")",
          "Name one as SUITE:RUN, e.g. '" + suites.get(0) + ":" + operand + "'");
    }
    if (suites.size() == 1) {
      String suite = suites.get(0);
      return new Side(
          suite + ":" + operand, suite, null, loader.loadRun(suite, operand).orElseThrow());
    }
    // Suite and run names may both contain ':', so try every split.
    for (int i = operand.indexOf(':'); i > 0; i = operand.indexOf(':', i + 1)) {
      String suite = operand.substring(0, i);
      if (loader.hasSuite(suite)) {
        Optional<RunReport> run = loader.loadRun(suite, operand.substring(i + 1));
        if (run.isPresent()) {
          return new Side(operand, suite, null, run.get());
        }
      }
    }
    throw new PrismUserException(
        "--compare: no suite or run named '" + operand + "' in the database",
        "Give a suite name, a run name or SUITE:RUN ('prism status' lists them)");
  }

  private static List<SuiteComparison.RunDelta> deltas(Side a, Side b) {
    if (a.run() != null && b.run() != null) {
      RunReport ra = a.run();
      RunReport rb = b.run();
      if (!ra.scenarioId().equals(rb.scenarioId())) {
        throw new PrismUserException(
            "runs '"
                + a.label()
                + "' and '"
                + b.label()
                + "' are of different scenarios ("
                + ra.scenarioId()
                + ", "
                + rb.scenarioId()
                + ")",
            "Compare two runs of the same scenario");
      }
      SuiteComparison.RunDelta d = SuiteComparison.compareRuns(ra, rb);
      if (d.shared() == 0) {
        throw new PrismUserException(
            "runs '"
                + a.label()
                + "' and '"
                + b.label()
                + "' share no unperturbed instance scored with "
                + d.metric(),
            "Compare runs that evaluated the same instances");
      }
      return List.of(d);
    }
    List<SuiteComparison.RunDelta> deltas = SuiteComparison.compare(a.asSuite(), b.asSuite());
    if (deltas.isEmpty()) {
      throw new PrismUserException(
          "'" + a.label() + "' and '" + b.label() + "' share no scenario and model",
          "Compare suites that ran the same scenarios on the same deployments");
    }
    return deltas;
  }

  private void printComparison(Side a, Side b, List<SuiteComparison.RunDelta> deltas) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "A: %s%nB: %s%n", a.label(), b.label());
    out.printf(
        Locale.ROOT,
        "%-24s %-28s %-18s %8s %8s %8s %7s %6s %6s %8s%n",
        "SCENARIO",
        "MODEL",
        "METRIC",
        "A",
        "B",
        "DELTA",
        "SHARED",
        "0->1",
        "1->0",
        "P");
    for (SuiteComparison.RunDelta d : deltas) {
      String arguments = SchemaLeaderboard.runArguments(d.runA());
      out.printf(
          Locale.ROOT,
          "%-24s %-28s %-18s %8.3f %8.3f %+8.3f %7d %6s %6s %8.4f%s%n",
          arguments.isEmpty() ? d.scenario() : d.scenario() + ":" + arguments,
          d.deployment(),
          d.metric(),
          d.meanA(),
          d.meanB(),
          d.delta(),
          d.shared(),
          d.binary() ? Integer.toString(d.becameCorrect()) : "-",
          d.binary() ? Integer.toString(d.becameWrong()) : "-",
          d.pValue(),
          d.significant() ? " *" : "");
    }
    out.println("* significant at the 0.05 level (paired test on shared unperturbed instances)");
  }

  private SiteOptions options() {
    if (schema == null) {
      return SiteOptions.defaults();
    }
    try {
      return SiteOptions.defaults().withSchema(LeaderboardSchema.load(schema));
    } catch (NoSuchFileException e) {
      throw new PrismUserException("schema file not found: " + schema, "Check the --schema path");
    } catch (IOException e) {
      throw new PrismUserException(
          "cannot read schema file " + schema + ": " + e.getMessage(), "Check the file");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (store.db == null && !Files.exists(store.output.resolve("prism.mv.db"))) {
      throw new dev.prism.core.PrismUserException(
          "no database at " + store.output.resolve("prism.mv.db"),
          "Run 'prism run --suite quickstart' first, or pass --output/--db");
    }
    try (Connection c = Database.open(store.jdbcUrl())) {
      ReportLoader loader = new ReportLoader(c);
      if (compare != null) {
        Side a = resolve(loader, compare.get(0));
        Side b = resolve(loader, compare.get(1));
        List<SuiteComparison.RunDelta> deltas = deltas(a, b);
        printComparison(a, b, deltas);
        Path page =
            ComparisonWriter.write(
                a.label(),
                b.label(),
                deltas,
                site != null ? site : store.output.resolve("comparisons"));
        spec.commandLine().getOut().println("Comparison page: " + page);
        return 0;
      }
      String name = suite != null ? suite : loader.latestSuite();
      Path index =
          SiteWriter.write(loader.load(name), site != null ? site : store.siteDir(), options());
      spec.commandLine().getOut().println("Leaderboard: " + index);
    }
    return 0;
  }
}
