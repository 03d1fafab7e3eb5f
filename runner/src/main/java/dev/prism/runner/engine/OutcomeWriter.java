package dev.prism.runner.engine;

import dev.prism.runner.store.RunStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Commits finished requests from one background thread in small groups (group commit): whatever has
 * finished is written together, at most {@link #MAX_BATCH} rows per transaction, without waiting
 * for a batch to fill. A crash loses only outcomes not yet committed, which the next run redoes; it
 * never duplicates one, because outcomes are keyed by request.
 */
final class OutcomeWriter {
  static final int MAX_BATCH = 512;
  private static final RunStore.Outcome END = new RunStore.Outcome(-1, null, null, null, 0, false);

  private final RunStore store;
  private final String owner;
  private final java.util.concurrent.atomic.AtomicLong queued =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong written =
      new java.util.concurrent.atomic.AtomicLong();
  private final BlockingQueue<RunStore.Outcome> queue = new LinkedBlockingQueue<>(8 * MAX_BATCH);
  private final Thread thread;
  private volatile SQLException failure;

  /**
   * @param owner the worker whose claims the outcomes settle
   */
  OutcomeWriter(RunStore store, String owner) {
    this.store = store;
    this.owner = owner;
    this.thread = new Thread(this::drain, "prism-outcome-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an outcome; blocks when the writer is behind (back-pressure). */
  void submit(RunStore.Outcome outcome) throws SQLException, InterruptedException {
    rethrow();
    queued.incrementAndGet();
    while (!queue.offer(outcome, 100, TimeUnit.MILLISECONDS)) {
      rethrow();
    }
  }

  /** Waits until everything submitted so far is committed. */
  void flush() throws SQLException, InterruptedException {
    long target = queued.get();
    while (written.get() < target) {
      rethrow();
      if (!thread.isAlive()) {
        throw new IllegalStateException("outcome writer stopped");
      }
      Thread.sleep(2);
    }
    rethrow();
  }

  private void drain() {
    List<RunStore.Outcome> batch = new ArrayList<>(MAX_BATCH);
    try {
      boolean done = false;
      while (!done) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        done = batch.remove(END);
        store.saveOutcomes(owner, batch);
        written.addAndGet(batch.size());
        batch.clear();
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() throws SQLException {
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops without waiting for queued outcomes (after a failure elsewhere). */
  void abort() {
    thread.interrupt();
  }

  /** Writes everything queued, then stops. */
  void finish() throws SQLException, InterruptedException {
    if (thread.isAlive()) {
      while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
        rethrow();
        if (!thread.isAlive()) {
          break;
        }
      }
    }
    thread.join();
    rethrow();
  }
}
