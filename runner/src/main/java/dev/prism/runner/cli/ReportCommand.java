package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.reports.compare.SuiteComparison;
import dev.prism.reports.html.SiteOptions;
import dev.prism.reports.html.SiteWriter;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
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
      description = "Where to write the site (default: OUTPUT/site).")
  Path site;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "SUITE",
      description =
          "Compare two suites run by run instead: main-metric delta, instances whose correctness"
              + " flipped, and the paired test's p-value (McNemar for 0/1 metrics).")
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

  private void printComparison(SuiteReport a, SuiteReport b) {
    PrintWriter out = spec.commandLine().getOut();
    List<SuiteComparison.RunDelta> deltas = SuiteComparison.compare(a, b);
    if (deltas.isEmpty()) {
      throw new PrismUserException(
          "suites '" + a.suite() + "' and '" + b.suite() + "' share no scenario and model",
          "Compare suites that ran the same scenarios on the same deployments");
    }
    out.printf(
        Locale.ROOT,
        "%-24s %-28s %-18s %8s %8s %8s %7s %6s %6s %8s%n",
        "SCENARIO",
        "MODEL",
        "METRIC",
        a.suite().length() > 8 ? "A" : a.suite(),
        b.suite().length() > 8 ? "B" : b.suite(),
        "DELTA",
        "SHARED",
        "0->1",
        "1->0",
        "P");
    for (SuiteComparison.RunDelta d : deltas) {
      out.printf(
          Locale.ROOT,
          "%-24s %-28s %-18s %8.3f %8.3f %+8.3f %7d %6d %6d %8.4f%s%n",
          d.scenario(),
          d.deployment(),
          d.metric(),
          d.meanA(),
          d.meanB(),
          d.delta(),
          d.shared(),
          d.becameCorrect(),
          d.becameWrong(),
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
        printComparison(loader.load(compare.get(0)), loader.load(compare.get(1)));
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
