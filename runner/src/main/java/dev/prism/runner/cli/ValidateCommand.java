package dev.prism.runner.cli;

import dev.prism.adapters.CatalogIssue;
import dev.prism.adapters.DeploymentCatalog;
import dev.prism.core.PrismUserException;
import dev.prism.metrics.MetricRegistry;
import dev.prism.scenarios.declarative.DeclarativeScenario;
import dev.prism.scenarios.io.InstanceJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism validate}: report every problem of input files at once, with file:line. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check scenario files (.yaml with their instance files, .jsonl or .csv, or instances .jsonl)"
          + " and"
          + " deployment files (models.yaml) and report every problem at once with file:line.",
      "Example: prism validate my-scenario.yaml models.yaml"
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to check.")
  List<Path> files;

  @Mixin PluginOptions plugins;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Loaded for the first scenario file, to check its metric names (plugins' included). */
  private MetricRegistry metrics;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      problems.addAll(check(file));
    }
    for (String p : problems) {
      out.println(p);
    }
    if (!problems.isEmpty()) {
      throw new PrismUserException(
          String.format(
              Locale.ROOT,
              "%d problem(s) in %d file(s), listed above",
              problems.size(),
              files.size()),
          "Fix them and run 'prism validate' again");
    }
    out.printf(Locale.ROOT, "%d file(s) valid%n", files.size());
    return 0;
  }

  private List<String> check(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of(file + ": no such file");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl")) {
      return InstanceJson.validate(file);
    }
    if (!(name.endsWith(".yaml") || name.endsWith(".yml"))) {
      return List.of(file + ": unknown kind of file (expected .yaml, .yml or .jsonl)");
    }
    if (isDeploymentsFile(file)) {
      try {
        return DeploymentCatalog.validate(file).stream().map(CatalogIssue::oneLine).toList();
      } catch (PrismUserException e) { // YAML syntax: the other files are still checked
        return List.of(e.oneLine());
      }
    }
    return DeclarativeScenario.validate(file, metric -> metrics().resolve(List.of(metric)));
  }

  private MetricRegistry metrics() {
    if (metrics == null) {
      metrics = Registries.load(spec.commandLine().getErr(), plugins).metrics();
    }
    return metrics;
  }

  private static boolean isDeploymentsFile(Path file) {
    try {
      return Files.readString(file).lines().anyMatch(l -> l.startsWith("model_deployments:"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
