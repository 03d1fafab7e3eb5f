package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.runner.interop.FlatExporter;
import dev.prism.runner.interop.HelmExporter;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism export}: write a suite's runs in HELM's per-run format, or as CSV / JSONL. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the runs of a suite. helm: one HELM run folder per run (run_spec.json,"
          + " scenario.json, scenario_state.json, stats.json, per_instance_stats.json)."
          + " csv: stats.csv and predictions.csv. jsonl: stats.jsonl and predictions.jsonl (the"
          + " predictions format 'prism score' reads), one pair per run.",
      "Example: prism export --format helm --suite quickstart --to benchmark_output/runs/quickstart"
    })
final class ExportCommand implements Callable<Integer> {
  enum Format {
    helm,
    csv,
    jsonl
  }

  @Option(
      names = "--format",
      defaultValue = "helm",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description = "Suite to export (default: the suite of the latest run).")
  String suite;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write into (created if absent).")
  Path to;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (store.db == null && !Files.exists(store.output.resolve("prism.mv.db"))) {
      throw new PrismUserException(
          "no database at " + store.output.resolve("prism.mv.db"),
          "Run 'prism run --suite quickstart' first, or pass --output/--db");
    }
    if (Files.exists(to) && !Files.isDirectory(to)) {
      throw new PrismUserException(
          to + " exists and is not a folder", "Pass a folder (new or existing) to --to");
    }
    try (Connection c = Database.open(store.jdbcUrl())) {
      String name = suite != null ? suite : new ReportLoader(c).latestSuite();
      if (format == Format.helm) {
        List<HelmExporter.Exported> runs = new HelmExporter(c).export(name, to);
        for (HelmExporter.Exported r : runs) {
          out.printf(
              Locale.ROOT,
              "  %-60s requests=%d stats=%d%n",
              r.folder().getFileName(),
              r.requests(),
              r.stats());
        }
        out.printf(Locale.ROOT, "Exported %d runs of suite %s to %s%n", runs.size(), name, to);
      } else {
        List<Path> files =
            new FlatExporter(c).export(name, to, format == Format.csv ? "csv" : "jsonl");
        files.forEach(f -> out.println("  " + f));
        out.printf(Locale.ROOT, "Exported suite %s to %s%n", name, to);
      }
    }
    return 0;
  }
}
