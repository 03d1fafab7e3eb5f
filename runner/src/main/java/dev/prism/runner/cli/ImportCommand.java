package dev.prism.runner.cli;

import dev.prism.runner.interop.HelmImporter;
import dev.prism.runner.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism import helm DIR}: load HELM run folders into the database as a suite. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Load HELM output into the database as the runs of a suite, so 'prism report' shows them"
          + " beside Prism's runs. DIR is a HELM suite folder (benchmark_output/runs/<suite>) or"
          + " one run folder. All or nothing: a malformed file stops the import and stores"
          + " nothing.",
      "Example: prism import helm benchmark_output/runs/v1 --suite helm-v1"
    })
final class ImportCommand implements Callable<Integer> {
  enum Format {
    helm
  }

  @Parameters(index = "0", paramLabel = "FORMAT", description = "Input format: helm.")
  Format format;

  @Parameters(index = "1", paramLabel = "DIR", description = "HELM suite folder or run folder.")
  Path dir;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description =
          "Suite to import into (default: DIR's folder name, or its parent's for a run folder).")
  String suite;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String name = suite != null ? suite : HelmImporter.defaultSuite(dir);
    HelmImporter.runFolders(dir); // a user error before the database is opened or created
    try (Connection c = Database.open(store.jdbcUrl())) {
      HelmImporter.Imported result = new HelmImporter(c, Clock.systemUTC()).importFolder(dir, name);
      result.imported().forEach(r -> out.println("  imported " + r));
      result.skipped().forEach(r -> out.println("  already in the suite, skipped: " + r));
      out.printf(
          Locale.ROOT,
          "Suite %s: %d runs imported, %d skipped%n",
          result.suite(),
          result.imported().size(),
          result.skipped().size());
      out.println("Database: " + store.describeDb());
    }
    return 0;
  }
}
