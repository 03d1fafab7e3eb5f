package dev.prism.runner.engine;

import dev.prism.core.Metric;
import dev.prism.core.ModelClient;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.UsesScoreCache;
import dev.prism.runner.store.MetricCacheStore;
import dev.prism.runner.store.RunScoring;
import dev.prism.runner.store.RunStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes one stored run to its end: works on its queued requests with a {@link RunEngine} and, once
 * no request is left (whoever made them), computes its stats. Only one worker scores a run; the
 * others see it scored elsewhere. Metric scores worth keeping (a remote toxicity classifier's) are
 * kept in the database's score cache, and the run's notes say how many were reused.
 */
public final class RunWorkflow {
  /** How long a scorer may take before another worker may score the run instead. */
  static final long SCORING_LEASE_MILLIS = 15 * 60_000;

  private final RunStore store;
  private final RunEngine engine;
  private final Clock clock;

  public RunWorkflow(RunStore store, RunEngine engine, Clock clock) {
    this.store = store;
    this.engine = engine;
    this.clock = clock;
  }

  /** How the run ended for this process. */
  public enum Ending {
    /** This process computed its stats. */
    SCORED,
    /** It was complete before: the stored completions served it again. */
    ALREADY_COMPLETE,
    /** Another worker computes (or computed) its stats. */
    SCORED_ELSEWHERE,
    /** Stopped (Ctrl-C) before its requests were all made. */
    INTERRUPTED
  }

  /**
   * @param counters how its requests were served, counted from the stored completions
   */
  public record Result(Ending ending, RunStore.RunCounters counters) {}

  public Result process(PreparedRun run, RunStore.StoredRun stored, ModelClient client)
      throws SQLException, InterruptedException {
    long runId = stored.runId();
    if (stored.queued() == 0 && store.status(runId).startsWith("completed")) {
      return new Result(Ending.ALREADY_COMPLETE, store.counters(runId));
    }
    if (!engine.work(run, stored, client)) {
      store.markInterrupted(runId);
      if (engine.authFailure().isPresent()) {
        throw new dev.prism.core.PrismUserException(
            "deployment "
                + run.deployment().name()
                + " refused the credentials: "
                + engine.authFailure().get(),
            "Check the deployment's api_key_env / api_key_file; the requests already made are"
                + " stored, run the same command again to continue");
      }
      return new Result(Ending.INTERRUPTED, store.counters(runId));
    }
    if (!store.queue().claimScoring(runId, clock.millis() + SCORING_LEASE_MILLIS)) {
      return new Result(Ending.SCORED_ELSEWHERE, store.counters(runId));
    }
    // Fresh metric instances bound to the database's score cache, so scores paid for in earlier
    // runs are reused and the notes count this run's texts only.
    List<Metric> metrics = UsesScoreCache.bindAll(run.metrics(), MetricCacheStore.of(store, clock));
    RunStore.RunCounters counters;
    try (RunScoring scoring = store.beginScoring(runId)) {
      // Per-instance stats go to the database as they are computed, not kept for the end.
      RunStats stats =
          StatsAggregator.aggregate(outcomes(run, store.results(runId)), metrics, scoring::add);
      List<String> notes = new ArrayList<>(run.notes());
      notes.addAll(UsesScoreCache.notes(metrics));
      counters = scoring.finish(stats, FamilyCoverage.of(run, stats), notes);
    }
    return new Result(Ending.SCORED, counters);
  }

  /** The run's outcomes in request order, from the stored results. */
  static List<RequestOutcome> outcomes(PreparedRun run, Map<Integer, RequestResult> results) {
    List<RequestOutcome> outcomes = new ArrayList<>(run.requests().size());
    for (int seq = 0; seq < run.requests().size(); seq++) {
      RequestResult r = results.get(seq);
      if (r == null) {
        throw new IllegalStateException(
            "run " + run.spec().name() + ": request " + seq + " has no stored outcome");
      }
      outcomes.add(new RequestOutcome(run.requests().get(seq), r));
    }
    return outcomes;
  }
}
