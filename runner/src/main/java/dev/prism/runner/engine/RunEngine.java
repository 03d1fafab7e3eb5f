package dev.prism.runner.engine;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /** What executing a run produced. */
  public record Execution(List<RequestOutcome> outcomes, RunStore.RunCounters counters) {
    public Execution {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** Runs every request of {@code run}; outcomes are returned in request order. */
  public Execution execute(PreparedRun run, RunStore.StoredRun stored, ModelClient client)
      throws SQLException, InterruptedException {
    List<RequestState> requests = run.requests();
    AtomicInteger modelCalls = new AtomicInteger();
    AtomicInteger cacheHits = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<RequestOutcome>> futures = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        RequestState state = requests.get(i);
        long requestId = stored.requestIds().get(i);
        futures.add(
            pool.submit(
                () -> {
                  RequestOutcome o =
                      serve(requestId, state, client, modelCalls, cacheHits, failures);
                  int n = done.incrementAndGet();
                  if (n == requests.size() || n % 500 == 0) {
                    progress.printf(
                        Locale.ROOT,
                        "  %s: %d/%d requests (%d model calls, %d cached, %d failed)%n",
                        run.spec().name(),
                        n,
                        requests.size(),
                        modelCalls.get(),
                        cacheHits.get(),
                        failures.get());
                  }
                  return o;
                }));
      }
      List<RequestOutcome> outcomes = new ArrayList<>(requests.size());
      for (Future<RequestOutcome> f : futures) {
        outcomes.add(get(f));
      }
      return new Execution(
          outcomes, new RunStore.RunCounters(modelCalls.get(), cacheHits.get(), failures.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  private RequestOutcome serve(
      long requestId,
      RequestState state,
      ModelClient client,
      AtomicInteger modelCalls,
      AtomicInteger cacheHits,
      AtomicInteger failures)
      throws SQLException, InterruptedException {
    if (client.cacheable()) {
      var hit = store.cached(Json.sha256(Json.request(state.request())));
      if (hit.isPresent()) {
        cacheHits.incrementAndGet();
        store.saveOutcome(requestId, state, hit.get(), 0, true);
        return new RequestOutcome(state, hit.get());
      }
    }
    RequestResult result = null;
    int attempt = 0;
    while (attempt < retry.maxAttempts()) {
      attempt++;
      modelCalls.incrementAndGet();
      result = call(client, state);
      if (result.success() || !result.errorKind().isRetriable()) {
        break;
      }
      if (attempt < retry.maxAttempts()) {
        Thread.sleep(retry.delayMillis(attempt));
      }
    }
    if (!result.success()) {
      failures.incrementAndGet();
    }
    store.saveOutcome(requestId, state, result, attempt, client.cacheable());
    return new RequestOutcome(state, result);
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

  private static RequestOutcome get(Future<RequestOutcome> f)
      throws SQLException, InterruptedException {
    try {
      return f.get();
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
