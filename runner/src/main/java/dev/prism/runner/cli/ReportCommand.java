package dev.prism.runner.cli;

import dev.prism.reports.html.SiteWriter;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (store.db == null && !Files.exists(store.output.resolve("prism.mv.db"))) {
      throw new dev.prism.core.PrismUserException(
          "no database at " + store.output.resolve("prism.mv.db"),
          "Run 'prism run --suite quickstart' first, or pass --output/--db");
    }
    try (Connection c = Database.open(store.jdbcUrl())) {
      ReportLoader loader = new ReportLoader(c);
      String name = suite != null ? suite : loader.latestSuite();
      Path index = SiteWriter.write(loader.load(name), site != null ? site : store.siteDir());
      spec.commandLine().getOut().println("Leaderboard: " + index);
    }
    return 0;
  }
}
