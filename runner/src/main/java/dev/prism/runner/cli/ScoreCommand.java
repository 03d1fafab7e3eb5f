package dev.prism.runner.cli;

import dev.prism.adapters.DeploymentCatalog;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestState;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Stat;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.ScoreCache;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.UsesScoreCache;
import dev.prism.runner.engine.RunPlanner;
import dev.prism.runner.store.Json;
import dev.prism.runner.store.MetricCacheStore;
import dev.prism.runner.store.RunStore;
import dev.prism.scenarios.perturbation.DataAugmentation;
import dev.prism.scenarios.perturbation.PerturbationRegistry;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism score}: re-score saved predictions without calling any model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score saved predictions against a scenario without calling any model.",
      "Example: prism score --scenario data.jsonl --predictions preds.jsonl --format json"
    })
final class ScoreCommand implements Callable<Integer> {
  enum Format {
    json,
    table
  }

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "SCENARIO",
      description =
          "Scenario .yaml, bare instances .jsonl (generation format) or built-in id, with its"
              + " arguments as in a run entry (e.g. helm/mmlu:subject=anatomy).")
  String scenario;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "FILE",
      description = "Predictions JSONL: {\"instance_id\",\"completions\":[{\"text\",…}],…}.")
  Path predictions;

  @Option(
      names = "--metrics",
      paramLabel = "NAMES",
      description =
          "Comma-separated metric families (accuracy, calibration, …) or metrics (f1_score,"
              + " ranking_metric:track=trec,valid_topk=30, …); may be repeated; default: the"
              + " scenario's metrics.")
  List<String> metrics;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--data-augmentation",
      paramLabel = "NAME",
      description =
          "Add HELM's perturbed copies (e.g. robustness, canonical) before scoring, so predictions"
              + " for perturbed variants are scored with worst-case aggregation.")
  String dataAugmentation;

  @Option(
      names = "--perturbations",
      split = ";",
      paramLabel = "SPEC",
      description = "Perturbation specs to add, e.g. 'typos:prob=0.1;lowercase'.")
  List<String> perturbations;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Keep the scores that metrics pay for (a remote toxicity scorer's) in this database's"
              + " score cache, shared with prism run and later prism score commands, e.g."
              + " jdbc:h2:file:prism-output/prism (default: scores are kept for this command only).")
  String db;

  @Mixin DataDirOption data;

  @Mixin PluginOptions plugins;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Registries registries = Registries.load(err, plugins);
    dev.prism.runner.spec.RunEntry entry = dev.prism.runner.spec.RunEntry.parse(scenario);
    Map<String, String> args = entry.args();
    Scenario sc = registries.scenarios().resolve(entry.scenario());
    Path dir = data.dir();
    ScenarioContext context = new ScenarioContext(args, dir);
    List<String> names =
        metrics == null
            ? List.of()
            : metrics.stream().flatMap(m -> MetricRegistry.splitNames(m).stream()).toList();
    List<Metric> resolved =
        registries.metrics().withDataDir(dir).resolve(names.isEmpty() ? sc.metrics(args) : names);
    List<Instance> instances = sc.instances(context);
    if (dataAugmentation != null) {
      instances = RunPlanner.augment(instances, DataAugmentation.named(dataAugmentation), dir);
    }
    if (perturbations != null && !perturbations.isEmpty()) {
      DataAugmentation custom =
          DataAugmentation.of(
              "custom", perturbations.stream().map(PerturbationRegistry::parse).toList());
      instances = RunPlanner.augment(instances, custom, dir);
    }
    String deploymentName = "replay/" + predictions.getFileName();
    List<RequestState> states =
        RequestPlanner.plan(instances, sc.promptFormat(context), deploymentName);
    List<RequestOutcome> outcomes = new ArrayList<>(states.size());
    int missing = 0;
    try (ModelClient client =
        registries.adapters().connect(DeploymentCatalog.replay(deploymentName, predictions))) {
      for (RequestState s : states) {
        RequestOutcome o = new RequestOutcome(s, client.complete(s));
        if (!o.result().success()) {
          missing++;
          if (missing <= 3) {
            err.println("prism: warning: " + o.result().errorMessage());
          }
        }
        outcomes.add(o);
      }
    }
    if (missing > 0) {
      err.printf(
          Locale.ROOT,
          "prism: warning: %d of %d requests have no saved prediction; scored as empty"
              + " completions%n",
          missing,
          states.size());
    }
    if (missing == states.size()) {
      throw new PrismUserException(
          "no prediction in " + predictions + " matches an instance of " + sc.id(),
          "Check that instance_id values match the scenario's instance ids");
    }
    RunStats stats;
    List<Metric> bound;
    if (db == null) {
      // Scores are shared within this command only (repeated texts scored once).
      bound = UsesScoreCache.bindAll(resolved, ScoreCache.inMemory());
      stats = StatsAggregator.aggregate(outcomes, bound);
    } else {
      // Opened only now, so a mistake above leaves the database untouched.
      try (RunStore store = RunStore.open(db, Clock.systemUTC())) {
        bound = UsesScoreCache.bindAll(resolved, MetricCacheStore.of(store, Clock.systemUTC()));
        stats = StatsAggregator.aggregate(outcomes, bound);
      }
    }
    UsesScoreCache.notes(bound).forEach(note -> err.println("prism: " + note));
    // A skipped metric is shown, never a silent gap (e.g. bias associations without word lists).
    stats.skipped().stream()
        .filter(skip -> skip.trainTrialIndex() < 0)
        .forEach(skip -> err.println("prism: skipped " + skip.metricId() + ": " + skip.reason()));
    if (format == Format.json) {
      out.println(Json.stats(stats.stats()));
    } else {
      printTable(out, stats.stats());
    }
    return 0;
  }

  private static void printTable(PrintWriter out, List<Stat> stats) {
    out.printf(
        Locale.ROOT,
        "%-36s %-6s %-14s %-24s %6s %10s%n",
        "metric",
        "split",
        "sub_split",
        "perturbation",
        "count",
        "mean");
    for (Stat s : stats) {
      out.printf(
          Locale.ROOT,
          "%-36s %-6s %-14s %-24s %6d %10.4f%n",
          s.key().name(),
          s.key().split() == null ? "" : s.key().split(),
          s.key().subSplit() == null ? "" : s.key().subSplit(),
          s.key().perturbation() == null
              ? ""
              : s.key().perturbation().name()
                  + (s.key().perturbation().computedOn() == null
                      ? ""
                      : "/" + s.key().perturbation().computedOn()),
          s.count(),
          s.mean());
    }
  }
}
