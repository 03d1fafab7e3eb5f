package dev.prism.runner.engine;

import dev.prism.adapters.http.RetryAfter;
import dev.prism.core.CancellingThread;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.runner.store.RunStore;
import dev.prism.runner.store.WorkQueue;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Works on a run's queued requests: claims them from the database's work queue in batches with a
 * lease (renewed while it works), serves each from the request cache when possible, otherwise calls
 * the model with retries for transient failures, and stores each outcome, releasing its work item,
 * in group-committed transactions. Any number of engines, in any number of processes, may work on
 * the same run; a request whose lease expires (its worker died) goes back to the queue.
 */
public final class RunEngine {
  private final RunStore store;
  private final int concurrency;
  private final RetryPolicy retry;
  private final Progress progress;
  private final WorkerId owner;
  private final long leaseMillis;
  private final Clock clock;
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final AtomicReference<String> authFailure = new AtomicReference<>();

  /**
   * @param concurrency requests in flight at once
   * @param leaseMillis how long a claim stays valid without renewal
   */
  public RunEngine(
      RunStore store,
      int concurrency,
      RetryPolicy retry,
      Progress progress,
      WorkerId owner,
      long leaseMillis,
      Clock clock) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1");
    }
    this.store = store;
    this.concurrency = concurrency;
    this.retry = retry;
    this.progress = progress;
    this.owner = owner;
    this.leaseMillis = leaseMillis;
    this.clock = clock;
  }

  /** An engine with a fresh worker id and a one-minute lease. */
  public RunEngine(RunStore store, int concurrency, RetryPolicy retry, Progress progress) {
    this(store, concurrency, retry, progress, WorkerId.current(), 60_000, Clock.systemUTC());
  }

  /** This engine's worker id, the owner of its leases. */
  public WorkerId owner() {
    return owner;
  }

  /**
   * Stops claiming requests (Ctrl-C): requests already sent finish and are stored; claimed ones not
   * yet sent go back to the queue, and the next run of the same command serves them.
   */
  public void requestStop() {
    stopRequested.set(true);
  }

  /**
   * The error of a request the deployment refused for its credentials (HTTP 401/403), if one was:
   * the engine then stops claiming at once instead of sending every request to be refused.
   */
  public java.util.Optional<String> authFailure() {
    return java.util.Optional.ofNullable(authFailure.get());
  }

  /** Whether {@link #requestStop()} was called. */
  public boolean stopRequested() {
    return stopRequested.get();
  }

  /**
   * Works until the run has no queued request left: none to claim, and none leased to other workers
   * (their leases are waited for; expired ones are taken over).
   *
   * <p>This thread claims: it keeps about half a claim ahead of the workers, serves cache hits
   * itself and hands every other claim to {@code concurrency} worker threads, each of which takes
   * the next claim as soon as it has stored its last outcome. No request waits for a claim to be
   * made or for a thread to be woken to send it.
   *
   * @return {@code true} when the run's queue is empty, {@code false} when stopped first
   */
  public boolean work(PreparedRun run, RunStore.StoredRun stored, ModelClient client)
      throws SQLException, InterruptedException {
    Progress.RunProgress bar =
        progress.add(
            run.spec().name(), run.requests().size(), run.requests().size() - stored.queued());
    store.queue().releaseDeadOwners(owner::isDeadNeighbour);
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(daemon("prism-lease"));
    // Outcomes are stored on a connection of their own: claims and cache lookups on this one go on
    // meanwhile instead of taking turns with them. Leases are renewed on it too, so that a renewal
    // never waits for the lock of an item whose outcome is being stored.
    RunStore outcomes = store.another();
    OutcomeWriter writer = new OutcomeWriter(outcomes, owner.toString());
    Workers workers = new Workers(run, client, writer, bar);
    boolean drained = false;
    boolean finished = false;
    renewer.scheduleWithFixedDelay(
        () -> renew(outcomes, workers.failure),
        leaseMillis / 3,
        leaseMillis / 3,
        TimeUnit.MILLISECONDS);
    try {
      ClaimSizer sizer = new ClaimSizer(concurrency);
      int lastBatch = 0;
      while (!halted(workers.failure)) {
        // Claim again once the workers are down to half the last claim (at least a round of
        // them), so that they never wait for a claim.
        workers.awaitReadyAtMost(Math.max(concurrency, lastBatch / 2));
        if (halted(workers.failure)) {
          break;
        }
        List<WorkQueue.Claim> claims =
            store
                .queue()
                .claim(
                    stored.runId(), owner.toString(), sizer.next(), clock.millis() + leaseMillis);
        lastBatch = claims.size();
        if (claims.isEmpty()) {
          // Wait for what this process has in flight, then for other workers' leases.
          workers.awaitIdle();
          writer.flush();
          int[] left = store.queue().remaining(stored.runId());
          if (left[0] + left[1] == 0) {
            drained = true;
            break;
          }
          if (left[0] == 0) {
            Thread.sleep(Math.min(1000, Math.max(50, leaseMillis / 20)));
          }
          continue;
        }
        // Another run or worker may have made an equal request since the run was queued.
        Map<String, RequestResult> hits =
            client.cacheable()
                ? store.cached(claims.stream().map(WorkQueue.Claim::cacheKey).toList())
                : Map.of();
        for (WorkQueue.Claim claim : claims) {
          RequestResult hit = hits.get(claim.cacheKey());
          if (hit != null) {
            RequestState state = run.requests().get(claim.seq());
            writer.submit(
                new RunStore.Outcome(claim.requestId(), state, claim.cacheKey(), hit, 0, true));
            bar.finished(true, true);
          } else {
            workers.hand(claim);
          }
        }
      }
      // Let what was sent finish and be stored; claims not sent go back to the queue.
      workers.stop();
      writer.finish();
      if (!workers.notStarted.isEmpty()) {
        store.queue().release(owner.toString(), List.copyOf(workers.notStarted));
      }
      finished = true;
    } finally {
      if (!finished) {
        workers.interrupt();
      }
      renewer.shutdownNow();
      writer.abort();
      outcomes.close();
      progress.finished(bar);
    }
    rethrow(workers.failure.get());
    return drained;
  }

  /**
   * The threads that make the requests: each takes the next claim from a queue the claiming thread
   * fills, calls the model (once per distinct request in this process) and hands the outcome to the
   * writer.
   */
  private final class Workers {
    private static final WorkQueue.Claim END = new WorkQueue.Claim(-1, -1, null);

    final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Claims handed over but not sent, when stopped first (Ctrl-C, a failure). */
    final Queue<Long> notStarted = new ConcurrentLinkedQueue<>();

    private final PreparedRun run;
    private final ModelClient client;
    private final OutcomeWriter writer;
    private final Progress.RunProgress bar;
    private final BlockingQueue<WorkQueue.Claim> ready = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Attempted>> sameRequest = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread claiming = Thread.currentThread();

    /** Claims handed over whose outcome is not yet with the writer. */
    private final AtomicInteger unfinished = new AtomicInteger();

    private volatile int lowWater;

    Workers(PreparedRun run, ModelClient client, OutcomeWriter writer, Progress.RunProgress bar) {
      this.run = run;
      this.client = client;
      this.writer = writer;
      this.bar = bar;
      for (int i = 0; i < concurrency; i++) {
        // Model calls run on the worker's own stack; interrupting it cancels the call in flight.
        Thread t = new CancellingThread(this::takeAndCall, "prism-request-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    void hand(WorkQueue.Claim claim) {
      unfinished.incrementAndGet();
      ready.add(claim);
    }

    /** Waits until at most {@code claims} handed over are waiting for a worker (or a stop). */
    void awaitReadyAtMost(int claims) {
      lowWater = claims;
      while (ready.size() > claims && !halted(failure)) {
        LockSupport.parkNanos(10_000_000);
      }
    }

    /** Waits until every claim handed over has its outcome with the writer (or a stop). */
    void awaitIdle() throws InterruptedException {
      while (unfinished.get() > 0 && !halted(failure)) {
        Thread.sleep(1);
      }
    }

    private void takeAndCall() {
      try {
        while (true) {
          WorkQueue.Claim claim = ready.take();
          if (claim == END) {
            return;
          }
          if (ready.size() <= lowWater) {
            LockSupport.unpark(claiming);
          }
          try {
            if (halted(failure)) {
              notStarted.add(claim.requestId());
            } else {
              call(claim);
            }
          } finally {
            unfinished.decrementAndGet();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }

    private void call(WorkQueue.Claim claim) throws SQLException, InterruptedException {
      RequestState state = run.requests().get(claim.seq());
      progress.inFlight().incrementAndGet();
      try {
        Attempted a = callOnce(client, state, claim.cacheKey(), bar, sameRequest);
        writer.submit(
            new RunStore.Outcome(
                claim.requestId(),
                state,
                claim.cacheKey(),
                a.result(),
                a.attempts(),
                client.cacheable()));
        bar.finished(a.result().success(), a.result().cached());
        if (a.result().errorKind() == ErrorKind.AUTH) {
          authFailure.compareAndSet(null, a.result().errorMessage());
        }
      } finally {
        progress.inFlight().decrementAndGet();
      }
    }

    /** Lets every worker finish the request it is making, then ends them. */
    void stop() throws InterruptedException {
      for (int i = 0; i < threads.size(); i++) {
        ready.add(END);
      }
      for (Thread t : threads) {
        t.join();
      }
      // Left over only if workers ended on a failure of their own.
      for (WorkQueue.Claim claim : ready) {
        if (claim != END) {
          notStarted.add(claim.requestId());
        }
      }
    }

    /** Ends the workers at once (this thread failed): requests in flight are cancelled. */
    void interrupt() {
      threads.forEach(Thread::interrupt);
    }
  }

  /** Whether to stop claiming and sending: Ctrl-C, a failure of this process, or refused keys. */
  private boolean halted(AtomicReference<Throwable> failure) {
    return stopRequested.get() || failure.get() != null || authFailure.get() != null;
  }

  private void renew(RunStore outcomes, AtomicReference<Throwable> failure) {
    try {
      outcomes.queue().renewLeases(owner.toString(), clock.millis() + leaseMillis);
    } catch (SQLException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void rethrow(Throwable t) throws SQLException, InterruptedException {
    if (t == null) {
      return;
    }
    if (t instanceof SQLException sql) {
      throw sql;
    }
    if (t instanceof InterruptedException ie) {
      throw ie;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private record Attempted(RequestResult result, int attempts) {}

  /**
   * Makes each distinct request at most once per process: equal requests (same cache key) that are
   * in flight together share one model call, so nothing is paid twice. The second gets the first's
   * result, marked as cached.
   */
  private Attempted callOnce(
      ModelClient client,
      RequestState state,
      String key,
      Progress.RunProgress bar,
      Map<String, CompletableFuture<Attempted>> sameRequest)
      throws InterruptedException {
    if (!client.cacheable()) {
      return callWithRetries(client, state, bar);
    }
    CompletableFuture<Attempted> mine = new CompletableFuture<>();
    CompletableFuture<Attempted> first = sameRequest.putIfAbsent(key, mine);
    if (first == null) {
      try {
        Attempted a = callWithRetries(client, state, bar);
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
      return new Attempted(shared.result().asCached(), 0);
    } catch (ExecutionException e) {
      return new Attempted(
          RequestResult.failure(ErrorKind.FATAL, "equal request failed: " + e.getCause(), 0), 0);
    }
  }

  private Attempted callWithRetries(
      ModelClient client, RequestState state, Progress.RunProgress bar)
      throws InterruptedException {
    RequestResult result = null;
    int attempt = 0;
    while (attempt < retry.maxAttempts()) {
      attempt++;
      result = call(client, state);
      if (result.success() || !result.errorKind().isRetriable()) {
        break;
      }
      if (attempt < retry.maxAttempts()) {
        bar.retried();
        // The server's Retry-After, when it gave one, is a floor under our own back-off.
        long serverMillis = RetryAfter.seconds(result.errorMessage()).orElse(0) * 1000;
        Thread.sleep(
            Math.min(retry.maxDelayMillis(), Math.max(serverMillis, retry.delayMillis(attempt))));
      }
    }
    return new Attempted(result, attempt);
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
}
