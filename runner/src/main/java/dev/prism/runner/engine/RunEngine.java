package dev.prism.runner.engine;

import dev.prism.adapters.http.RetryAfter;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.runner.store.Json;
import dev.prism.runner.store.RunStore;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes a run's requests with bounded concurrency: each request is served from the request cache
 * when possible, otherwise sent to the model with retries for transient failures, and its outcome
 * is committed to the store as soon as it finishes.
 */
public final class RunEngine {
  private final RunStore store;
  private final int concurrency;
  private final RetryPolicy retry;
  private final PrintStream progress;

  public RunEngine(RunStore store, int concurrency, RetryPolicy retry, PrintStream progress) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1");
    }
    this.store = store;
    this.concurrency = concurrency;
    this.retry = retry;
    this.progress = progress;
  }

  private final AtomicBoolean stopRequested = new AtomicBoolean();

  /**
   * What executing a run produced.
   *
   * @param outcomes outcomes of the requests that were served, in request order
   * @param counters how requests were served
   * @param interrupted whether {@link #requestStop()} left requests unserved
   */
  public record Execution(
      List<RequestOutcome> outcomes, RunStore.RunCounters counters, boolean interrupted) {
    public Execution {
      outcomes = List.copyOf(outcomes);
    }
  }

  /**
   * Stops claiming new requests (Ctrl-C): requests already sent finish and are stored; the rest
   * stay unserved, and the next run of the same command serves them.
   */
  public void requestStop() {
    stopRequested.set(true);
  }

  /** Runs every request of {@code run}; outcomes are returned in request order. */
  public Execution execute(PreparedRun run, RunStore.StoredRun stored, ModelClient client)
      throws SQLException, InterruptedException {
    List<RequestState> requests = run.requests();
    Map<Integer, RequestResult> hits =
        client.cacheable() ? store.cachedResults(stored.runId()) : Map.of();
    Counters counters = new Counters(run.spec().name(), requests.size());
    RequestOutcome[] outcomes = new RequestOutcome[requests.size()];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    Map<String, CompletableFuture<Attempted>> inFlight = new ConcurrentHashMap<>();
    OutcomeWriter writer = new OutcomeWriter(store);
    boolean submittedAll = false;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        RequestState state = requests.get(i);
        long requestId = stored.requestIds().get(i);
        RequestResult hit = hits.get(i);
        if (hit != null) {
          outcomes[i] = new RequestOutcome(state, hit);
          writer.submit(new RunStore.Outcome(requestId, state, hit, 0, true));
          counters.cacheHits.incrementAndGet();
          counters.finished(progress);
          continue;
        }
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  if (stopRequested.get()) {
                    return null;
                  }
                  Attempted a = callOnce(client, state, counters, inFlight);
                  if (!a.result().success()) {
                    counters.failures.incrementAndGet();
                  }
                  outcomes[index] = new RequestOutcome(state, a.result());
                  writer.submit(
                      new RunStore.Outcome(
                          requestId, state, a.result(), a.attempts(), client.cacheable()));
                  counters.finished(progress);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        get(f);
      }
      submittedAll = true;
    } finally {
      pool.shutdownNow();
      if (!submittedAll) {
        writer.abort();
      }
    }
    writer.finish();
    List<RequestOutcome> served = new ArrayList<>(outcomes.length);
    for (RequestOutcome o : outcomes) {
      if (o != null) {
        served.add(o);
      }
    }
    return new Execution(
        served,
        new RunStore.RunCounters(
            counters.modelCalls.get(), counters.cacheHits.get(), counters.failures.get()),
        served.size() < outcomes.length);
  }

  private record Attempted(RequestResult result, int attempts) {}

  /**
   * Makes each distinct request at most once per run: equal requests (same cache key) that are in
   * the run twice share one model call, so nothing is paid twice. The second gets the first's
   * result, marked as cached.
   */
  private Attempted callOnce(
      ModelClient client,
      RequestState state,
      Counters counters,
      Map<String, CompletableFuture<Attempted>> inFlight)
      throws InterruptedException {
    if (!client.cacheable()) {
      return callWithRetries(client, state, counters);
    }
    CompletableFuture<Attempted> mine = new CompletableFuture<>();
    CompletableFuture<Attempted> first =
        inFlight.putIfAbsent(Json.sha256(Json.request(state.request())), mine);
    if (first == null) {
      try {
        Attempted a = callWithRetries(client, state, counters);
        mine.complete(a);
        return a;
      } catch (InterruptedException | RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      Attempted shared = first.get();
      if (!shared.result().success()) {
        return shared;
      }
      counters.cacheHits.incrementAndGet();
      return new Attempted(shared.result().asCached(), 0);
    } catch (ExecutionException e) {
      return new Attempted(
          RequestResult.failure(ErrorKind.FATAL, "equal request failed: " + e.getCause(), 0), 0);
    }
  }

  private Attempted callWithRetries(ModelClient client, RequestState state, Counters counters)
      throws InterruptedException {
    RequestResult result = null;
    int attempt = 0;
    while (attempt < retry.maxAttempts()) {
      attempt++;
      counters.modelCalls.incrementAndGet();
      result = call(client, state);
      if (result.success() || !result.errorKind().isRetriable()) {
        break;
      }
      if (attempt < retry.maxAttempts()) {
        // The server's Retry-After, when it gave one, is a floor under our own back-off.
        long serverMillis = RetryAfter.seconds(result.errorMessage()).orElse(0) * 1000;
        Thread.sleep(
            Math.min(retry.maxDelayMillis(), Math.max(serverMillis, retry.delayMillis(attempt))));
      }
    }
    return new Attempted(result, attempt);
  }

  /** Progress counters of one run. */
  private static final class Counters {
    final String run;
    final int total;
    final AtomicInteger modelCalls = new AtomicInteger();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();

    Counters(String run, int total) {
      this.run = run;
      this.total = total;
    }

    void finished(PrintStream progress) {
      int n = done.incrementAndGet();
      if (n == total || n % 5000 == 0) {
        progress.printf(
            Locale.ROOT,
            "  %s: %d/%d requests (%d model calls, %d cached, %d failed)%n",
            run,
            n,
            total,
            modelCalls.get(),
            cacheHits.get(),
            failures.get());
      }
    }
  }

  /** Calls the model; an exception from the adapter is a fatal failure of this request only. */
  private static RequestResult call(ModelClient client, RequestState state)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      return client.complete(state);
    } catch (RuntimeException e) {
      return RequestResult.failure(
          ErrorKind.FATAL,
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static void get(Future<?> f) throws SQLException, InterruptedException {
    try {
      f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
