package dev.prism.runner.cli;

import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.runner.engine.PreparedRun;
import dev.prism.runner.engine.RunEngine;
import dev.prism.runner.engine.RunPlanner;
import dev.prism.runner.engine.RunWorkflow;
import dev.prism.runner.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prism worker}: joins unfinished runs in a shared database, makes their queued requests and
 * scores the runs it finishes. Any number of workers may run at once, on any machines.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Work on the unfinished runs of a shared database: claim queued requests, call the models,"
          + " store the outcomes, and compute the stats of each run once all its requests are"
          + " done. Start as many workers as the model servers can serve, on any machines.",
      "Example: prism run --suite lab --db jdbc:postgresql://db/prism --enqueue-only",
      "         prism worker --db jdbc:postgresql://db/prism --suite lab"
    })
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--suite", paramLabel = "NAME", description = "Only runs of this suite.")
  String suite;

  @Option(
      names = "--wait-for-work",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description =
          "When no run has work, wait this long for new runs before exiting (default:"
              + " ${DEFAULT-VALUE}: exit at once).")
  int waitForWorkSeconds;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description = "Deployments file added to the built-in catalogue (as for 'prism run').")
  Path models;

  @Mixin DataDirOption data;

  @Mixin PluginOptions plugins;

  @Mixin WorkOptions work;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    work.validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Registries registries = Registries.load(err, models, plugins);
    RunPlanner planner =
        new RunPlanner(
            registries.scenarios(),
            registries.adapters(),
            registries.deployments(),
            registries.metrics().withDataDir(data.dir()),
            data.dir());
    out.printf(Locale.ROOT, "Worker on %s%n", store.describeDb());
    Map<String, ModelClient> clients = new LinkedHashMap<>();
    try {
      return work.run(
          store.jdbcUrl(), (db, engine) -> loop(db, planner, registries, engine, clients));
    } finally {
      clients.values().forEach(ModelClient::close);
    }
  }

  private int loop(
      RunStore db,
      RunPlanner planner,
      Registries registries,
      RunEngine engine,
      Map<String, ModelClient> clients)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunWorkflow workflow = new RunWorkflow(db, engine, Clock.systemUTC());
    Map<Long, PreparedRun> planned = new HashMap<>();
    Set<Long> cannotJoin = new HashSet<>();
    long idleSince = System.currentTimeMillis();
    int finished = 0;
    while (!engine.stopRequested()) {
      List<RunStore.OpenRun> open =
          db.openRuns(suite).stream().filter(r -> !cannotJoin.contains(r.runId())).toList();
      if (open.isEmpty()) {
        if (System.currentTimeMillis() - idleSince >= waitForWorkSeconds * 1000L) {
          break;
        }
        Thread.sleep(1000);
        continue;
      }
      for (RunStore.OpenRun open1 : open) {
        if (engine.stopRequested()) {
          break;
        }
        PreparedRun run = planned.get(open1.runId());
        if (run == null) {
          run = plan(planner, open1, err);
          if (run == null) {
            cannotJoin.add(open1.runId());
            continue;
          }
          planned.put(open1.runId(), run);
        }
        PreparedRun r = run;
        ModelClient client =
            clients.computeIfAbsent(r.deployment().name(), n -> registries.connect(r.deployment()));
        RunStore.StoredRun stored =
            db.beginRun(
                db.suite(open1.suite()), run, new RunStore.StartOptions(client.cacheable(), false));
        RunWorkflow.Result result = workflow.process(run, stored, client);
        if (result.ending() == RunWorkflow.Ending.INTERRUPTED) {
          err.printf(Locale.ROOT, "prism: worker interrupted; its claims went back to the queue%n");
          return PrismCommand.INTERRUPTED;
        }
        if (result.ending() == RunWorkflow.Ending.SCORED) {
          finished++;
          out.printf(
              Locale.ROOT,
              "  %-60s %s=%s  model_calls=%d cached=%d failed=%d%n",
              run.spec().name(),
              run.mainMetric(),
              RunCommand.format(db.mainValue(stored.runId(), run.mainMetric())),
              result.counters().modelCalls(),
              result.counters().cacheHits(),
              result.counters().failures());
        }
      }
      idleSince = System.currentTimeMillis();
    }
    out.printf(Locale.ROOT, "Worker done: scored %d runs%n", finished);
    if (!cannotJoin.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "prism: warning: %d unfinished runs could not be joined here (see above)%n",
          cannotJoin.size());
    }
    return engine.stopRequested() ? PrismCommand.INTERRUPTED : 0;
  }

  /**
   * Plans a stored run again from its entry; {@code null}, with a warning, when it differs here.
   */
  private static PreparedRun plan(RunPlanner planner, RunStore.OpenRun open, PrintWriter err) {
    if (open.planJson() == null) {
      err.printf(
          Locale.ROOT,
          "prism: warning: run %s was stored by an older Prism without its plan; resume it with"
              + " 'prism run'%n",
          open.name());
      return null;
    }
    Map.Entry<dev.prism.runner.spec.RunEntry, Map<String, String>> plan =
        PreparedRun.parsePlan(open.planJson());
    PreparedRun run;
    try {
      run = planner.plan(plan.getKey(), plan.getValue());
    } catch (PrismUserException e) {
      err.printf(Locale.ROOT, "prism: warning: cannot join run %s: %s%n", open.name(), e.oneLine());
      return null;
    }
    if (!run.spec().hash().equals(open.specHash())) {
      err.printf(
          Locale.ROOT,
          "prism: warning: cannot join run %s: planned here it differs from the stored run (other"
              + " data, models file or Prism version); give this worker the same inputs%n",
          open.name());
      return null;
    }
    return run;
  }
}
