package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.runner.engine.Progress;
import dev.prism.runner.engine.RetryPolicy;
import dev.prism.runner.engine.RunEngine;
import dev.prism.runner.engine.WorkerId;
import dev.prism.runner.store.RunStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Option;

/** How a process works on queued requests ({@code prism run} and {@code prism worker}). */
final class WorkOptions {
  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "Requests in flight at once in this process (default: ${DEFAULT-VALUE}).")
  int concurrency;

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
      names = "--lease",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long a claimed request stays with this process without renewal; requests of a"
              + " process that dies go back to the queue after this (at once for a dead process"
              + " on the same machine). Default: ${DEFAULT-VALUE}.")
  int leaseSeconds;

  /** The work a command does with an open store and an engine. */
  @FunctionalInterface
  interface Work {
    int call(RunStore db, RunEngine engine) throws Exception;
  }

  /** Checks the numbers before anything is opened. */
  void validate() {
    if (concurrency < 1 || maxAttempts < 1 || leaseSeconds < 1) {
      throw new PrismUserException(
          "--concurrency, --max-attempts and --lease must be at least 1 (got "
              + concurrency
              + ", "
              + maxAttempts
              + ", "
              + leaseSeconds
              + ")",
          "Pass positive numbers");
    }
  }

  /**
   * Opens the store and an engine with progress on stderr, runs {@code work}, and on Ctrl-C stops
   * the engine and lets it finish within the grace period; the store is closed before the JVM may
   * exit.
   */
  int run(String jdbcUrl, Work work) throws Exception {
    validate();
    RetryPolicy d = RetryPolicy.defaults();
    RetryPolicy retry = new RetryPolicy(maxAttempts, d.baseDelayMillis(), d.maxDelayMillis());
    AtomicReference<RunEngine> engine = new AtomicReference<>();
    Callable<Integer> body =
        () -> {
          try (RunStore db = RunStore.open(jdbcUrl, Clock.systemUTC());
              Progress progress = Progress.onStderr().start()) {
            engine.set(
                new RunEngine(
                    db,
                    concurrency,
                    retry,
                    progress,
                    WorkerId.current(),
                    leaseSeconds * 1000L,
                    Clock.systemUTC()));
            return work.call(db, engine.get());
          }
        };
    return CtrlC.whileRunning(engine, gracePeriodSeconds, body);
  }
}
