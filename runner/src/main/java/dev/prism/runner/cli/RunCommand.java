package dev.prism.runner.cli;

import dev.prism.core.ModelClient;
import dev.prism.core.RequestState;
import dev.prism.reports.html.SiteWriter;
import dev.prism.reports.model.SuiteReport;
import dev.prism.runner.engine.CostEstimate;
import dev.prism.runner.engine.PreparedRun;
import dev.prism.runner.engine.RunEngine;
import dev.prism.runner.engine.RunPlanner;
import dev.prism.runner.engine.RunWorkflow;
import dev.prism.runner.report.ReportLoader;
import dev.prism.runner.spec.RunEntry;
import dev.prism.runner.spec.Suites;
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

  @Mixin DataDirOption data;

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

  @Option(
      names = "--retry-errors",
      description =
          "Make again the requests that ended in error (after their retries) in an earlier run;"
              + " without it they stay failed and only missing requests are made.")
  boolean retryErrors;

  @Option(
      names = "--enqueue-only",
      description =
          "Store the runs and queue their requests, then exit: 'prism worker' processes (on this"
              + " or other machines, against the same --db) make the requests and score the runs.")
  boolean enqueueOnly;

  @Mixin WorkOptions work;

  @Mixin StoreOptions store;

  @Mixin PluginOptions plugins;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    work.validate();
    String suiteName = suite != null ? suite : entries.isEmpty() ? null : "default";
    if (suiteName == null) {
      throw new dev.prism.core.PrismUserException(
          "nothing to run", "Pass run entries or a built-in suite, e.g. --suite quickstart");
    }
    List<RunEntry> parsed =
        entries.isEmpty()
            ? Suites.entries(suiteName)
            : entries.stream().map(RunEntry::parse).toList();

    Registries registries = Registries.load(err, models, plugins);
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
    if (!enqueueOnly) {
      for (PreparedRun run : runs) {
        clients.computeIfAbsent(run.deployment().name(), n -> registries.connect(run.deployment()));
      }
    }

    out.printf(Locale.ROOT, "Suite %s: %d runs%n", suiteName, runs.size());
    try {
      return work.run(
          store.jdbcUrl(), (db, engine) -> execute(runs, db, suiteName, engine, clients));
    } finally {
      clients.values().forEach(ModelClient::close);
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
    // Every run is stored and queued first, so that workers can join any of them.
    List<RunStore.StoredRun> stored = new ArrayList<>();
    int queued = 0;
    for (PreparedRun run : runs) {
      boolean cacheable = enqueueOnly || clients.get(run.deployment().name()).cacheable();
      RunStore.StoredRun s =
          db.beginRun(suiteId, run, new RunStore.StartOptions(cacheable, retryErrors));
      stored.add(s);
      queued += s.queued();
    }
    if (enqueueOnly) {
      out.printf(
          Locale.ROOT,
          "Queued %d requests of %d runs in %s%nStart workers with: prism worker --db %s%n",
          queued,
          runs.size(),
          store.describeDb(),
          store.jdbcUrl());
      return 0;
    }
    RunWorkflow workflow = new RunWorkflow(db, engine, Clock.systemUTC());
    for (int i = 0; i < runs.size(); i++) {
      PreparedRun run = runs.get(i);
      RunWorkflow.Result r =
          workflow.process(run, stored.get(i), clients.get(run.deployment().name()));
      if (r.ending() == RunWorkflow.Ending.INTERRUPTED) {
        spec.commandLine()
            .getErr()
            .printf(
                Locale.ROOT,
                "prism: interrupted: %d of %d requests of %s are stored; run the same command"
                    + " again to resume%n",
                db.counters(stored.get(i).runId()).stored(),
                run.requests().size(),
                run.spec().name());
        return PrismCommand.INTERRUPTED;
      }
      out.printf(
          Locale.ROOT,
          "  %-60s %s=%s  requests=%d model_calls=%d cached=%d failed=%d%s%n",
          run.spec().name(),
          run.mainMetric(),
          format(db.mainValue(stored.get(i).runId(), run.mainMetric())),
          run.requests().size(),
          r.counters().modelCalls(),
          r.counters().cacheHits(),
          r.counters().failures(),
          r.ending() == RunWorkflow.Ending.SCORED_ELSEWHERE ? "  (scored by another worker)" : "");
    }
    out.println("Database: " + store.describeDb());
    if (!noReport) {
      SuiteReport report = new ReportLoader(db.connection()).load(suiteName);
      Path index = SiteWriter.write(report, store.siteDir());
      out.println("Leaderboard: " + index);
    }
    return 0;
  }

  static String format(java.util.OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
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
}
