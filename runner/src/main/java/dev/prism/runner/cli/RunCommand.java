package dev.prism.runner.cli;

import dev.prism.core.ModelClient;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import dev.prism.reports.html.SiteWriter;
import dev.prism.reports.model.SuiteReport;
import dev.prism.runner.engine.CostEstimate;
import dev.prism.runner.engine.FamilyCoverage;
import dev.prism.runner.engine.PreparedRun;
import dev.prism.runner.engine.RetryPolicy;
import dev.prism.runner.engine.RunEngine;
import dev.prism.runner.engine.RunPlanner;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.spec.RunEntry;
import dev.prism.runner.spec.Suites;
import dev.prism.runner.store.Database;
import dev.prism.runner.store.Json;
import dev.prism.runner.store.RunStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism run}: evaluate run entries, store everything, write the leaderboard site. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate models on scenarios. Every prompt and completion is stored in the database;"
          + " running the same command again reuses stored completions.",
      "Example: prism run --suite quickstart",
      "         prism run prism/arithmetic:model=simple/calculator,max_eval_instances=10"
    })
final class RunCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "ENTRY",
      arity = "0..*",
      description =
          "Run entries in HELM syntax, SCENARIO:key=value,…, with model=ORG/NAME. SCENARIO is a"
              + " built-in id or a scenario .yaml / instances .jsonl path.")
  List<String> entries = new ArrayList<>();

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description =
          "Suite name the runs are stored under; a built-in suite (quickstart) supplies its"
              + " own entries when none are given.")
  String suite;

  @Option(
      names = "--max-eval-instances",
      paramLabel = "N",
      description = "Evaluate at most N instances per run (HELM's seeded down-sampling).")
  Integer maxEvalInstances;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Mixin DataDirOption data;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Attempts per request for rate limits, timeouts and server errors, with exponential"
              + " back-off and the server's Retry-After (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(
      names = "--grace-period",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "On Ctrl-C, how long requests already sent may take to finish and be stored"
              + " (default: ${DEFAULT-VALUE}).")
  int gracePeriodSeconds;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description =
          "Deployments file (HELM model_deployments.yaml fields) added to the built-in catalogue.")
  Path models;

  @Option(
      names = "--dry-run",
      description =
          "Build every request and print, per run and in total, the requests, prompt tokens,"
              + " maximum output tokens and estimated cost; call no model, write nothing.")
  boolean dryRun;

  @Option(
      names = "--requests-out",
      paramLabel = "FILE",
      description =
          "With --dry-run: write every request (deployment, prompt, parameters) as JSONL.")
  Path requestsOut;

  @Option(
      names = "--budget",
      paramLabel = "USD",
      description = "Refuse to start when the estimated cost exceeds this many US dollars.")
  Double budget;

  @Option(names = "--no-report", description = "Do not write the static site.")
  boolean noReport;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (concurrency < 1) {
      throw new dev.prism.core.PrismUserException(
          "--concurrency must be at least 1, not " + concurrency, "Pass a positive number");
    }
    String suiteName = suite != null ? suite : entries.isEmpty() ? null : "default";
    if (suiteName == null) {
      throw new dev.prism.core.PrismUserException(
          "nothing to run", "Pass run entries or a built-in suite, e.g. --suite quickstart");
    }
    List<RunEntry> parsed =
        entries.isEmpty()
            ? Suites.entries(suiteName)
            : entries.stream().map(RunEntry::parse).toList();

    Registries registries = Registries.load(err, models);
    RunPlanner planner =
        new RunPlanner(
            registries.scenarios(),
            registries.adapters(),
            registries.deployments(),
            registries.metrics().withDataDir(data.dir()),
            data.dir());
    Map<String, String> overrides = new LinkedHashMap<>();
    if (maxEvalInstances != null) {
      overrides.put("max_eval_instances", maxEvalInstances.toString());
    }
    // Plan everything first: a user error must stop us before anything is written.
    List<PreparedRun> runs = new ArrayList<>();
    for (RunEntry entry : parsed) {
      runs.add(planner.plan(entry, overrides));
    }
    if (dryRun || budget != null) {
      CostEstimate total = estimate(runs, out);
      if (budget != null && (total.costUsd().isEmpty() || total.costUsd().getAsDouble() > budget)) {
        throw new dev.prism.core.PrismUserException(
            total.costUsd().isEmpty()
                ? "cannot check --budget: a deployment of these runs has no prices"
                : String.format(
                    Locale.ROOT,
                    "estimated cost $%.4f exceeds --budget $%.4f",
                    total.costUsd().getAsDouble(),
                    budget),
            "Lower max_eval_instances, pick a cheaper model, or raise --budget");
      }
      if (dryRun) {
        if (requestsOut != null) {
          writeRequests(runs, requestsOut);
          out.println("Requests: " + requestsOut.toAbsolutePath());
        }
        return 0;
      }
    }
    Map<String, ModelClient> clients = new LinkedHashMap<>();
    for (PreparedRun run : runs) {
      clients.computeIfAbsent(
          run.deployment().name(), n -> registries.adapters().connect(run.deployment()));
    }

    out.printf(Locale.ROOT, "Suite %s: %d runs%n", suiteName, runs.size());
    // Ctrl-C: stop claiming requests, let those in flight be stored and the database closed
    // (the latch opens only after that), then the JVM exits with 130.
    AtomicReference<RunEngine> running = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              RunEngine engine = running.get();
              if (engine != null) {
                engine.requestStop();
              }
              try {
                closed.await(gracePeriodSeconds, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "prism-ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try (RunStore db = new RunStore(Database.open(store.jdbcUrl()), Clock.systemUTC())) {
      RunEngine engine = new RunEngine(db, concurrency, retryPolicy(), System.err);
      running.set(engine);
      return execute(runs, db, suiteName, engine, clients);
    } finally {
      clients.values().forEach(ModelClient::close);
      closed.countDown();
      removeHook(onCtrlC);
    }
  }

  private int execute(
      List<PreparedRun> runs,
      RunStore db,
      String suiteName,
      RunEngine engine,
      Map<String, ModelClient> clients)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long suiteId = db.suite(suiteName);
    for (PreparedRun run : runs) {
      RunStore.StoredRun stored = db.beginRun(suiteId, run);
      RunEngine.Execution ex = engine.execute(run, stored, clients.get(run.deployment().name()));
      if (ex.interrupted()) {
        db.markInterrupted(stored.runId(), ex.counters());
        spec.commandLine()
            .getErr()
            .printf(
                Locale.ROOT,
                "prism: interrupted: %d of %d requests of %s are stored; run the same command"
                    + " again to resume%n",
                ex.outcomes().size(),
                run.requests().size(),
                run.spec().name());
        return PrismCommand.INTERRUPTED;
      }
      RunStats stats = StatsAggregator.aggregate(ex.outcomes(), run.metrics());
      db.finishRun(
          stored.runId(), stats, FamilyCoverage.of(run, stats), run.notes(), ex.counters());
      out.printf(
          Locale.ROOT,
          "  %-60s %s=%s  requests=%d model_calls=%d cached=%d failed=%d%n",
          run.spec().name(),
          run.scenario().mainMetric(),
          mainValue(stats.stats(), run.scenario().mainMetric()),
          run.requests().size(),
          ex.counters().modelCalls(),
          ex.counters().cacheHits(),
          ex.counters().failures());
    }
    out.println("Database: " + store.describeDb());
    if (!noReport) {
      SuiteReport report = new ReportLoader(db.connection()).load(suiteName);
      Path index = SiteWriter.write(report, store.siteDir());
      out.println("Leaderboard: " + index);
    }
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting (Ctrl-C); the hook is running and needs no removal.
    }
  }

  /** Prints per-run and total estimates; tokens are counted with each deployment's tokenizer. */
  private CostEstimate estimate(List<PreparedRun> runs, PrintWriter out) {
    List<CostEstimate> parts = new ArrayList<>();
    out.printf(
        Locale.ROOT,
        "%-60s %9s %13s %13s %11s%n",
        "RUN",
        "REQUESTS",
        "PROMPT_TOK",
        "MAX_OUT_TOK",
        "COST_USD");
    for (PreparedRun run : runs) {
      CostEstimate e = CostEstimate.of(run, run.tokenizer()::count);
      parts.add(e);
      printEstimate(out, run.spec().name(), e);
    }
    CostEstimate total = CostEstimate.total(parts);
    printEstimate(out, "TOTAL", total);
    return total;
  }

  private static void printEstimate(PrintWriter out, String name, CostEstimate e) {
    out.printf(
        Locale.ROOT,
        "%-60s %9d %13d %13d %11s%n",
        name,
        e.requests(),
        e.promptTokens(),
        e.maxOutputTokens(),
        e.costUsd().isPresent()
            ? String.format(Locale.ROOT, "%.4f", e.costUsd().getAsDouble())
            : "n/a");
  }

  private static void writeRequests(List<PreparedRun> runs, Path file) throws IOException {
    Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      for (PreparedRun run : runs) {
        for (RequestState s : run.requests()) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("run", run.spec().name());
          line.put("instance_id", s.instance().id());
          if (s.instance().perturbation() != null) {
            line.put("perturbation", s.instance().perturbation().name());
          }
          line.put("train_trial_index", s.trainTrialIndex());
          line.put(
              "request",
              dev.prism.runner.store.Json.read(dev.prism.runner.store.Json.request(s.request())));
          w.write(Json.write(line));
          w.newLine();
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private RetryPolicy retryPolicy() {
    if (maxAttempts < 1) {
      throw new dev.prism.core.PrismUserException(
          "--max-attempts must be at least 1, not " + maxAttempts, "Pass a positive number");
    }
    RetryPolicy d = RetryPolicy.defaults();
    return new RetryPolicy(maxAttempts, d.baseDelayMillis(), d.maxDelayMillis());
  }

  static String mainValue(List<Stat> stats, String metric) {
    for (String split : List.of("test", "valid")) {
      for (Stat s : stats) {
        if (s.key().name().equals(metric)
            && split.equals(s.key().split())
            && s.key().subSplit() == null
            && s.key().perturbation() == null) {
          return String.format(Locale.ROOT, "%.3f", s.mean());
        }
      }
    }
    return "n/a";
  }
}
