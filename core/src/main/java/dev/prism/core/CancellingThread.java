package dev.prism.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread that, when interrupted, also cancels the blocking call it has registered: socket reads
 * ignore {@link Thread#interrupt()}, so a model call made on this thread's own stack (without a
 * hand-off to another thread that the caller could stop waiting for) stays cancellable.
 *
 * <pre>{@code
 * if (Thread.currentThread() instanceof CancellingThread t) {
 *   CancellingThread.Registration r = t.cancelOnInterrupt(call::cancel);
 *   try {
 *     call.execute(); // interrupting t cancels it
 *   } finally {
 *     r.close();
 *   }
 * }
 * }</pre>
 */
public class CancellingThread extends Thread {
  private final AtomicReference<Runnable> cancel = new AtomicReference<>();

  public CancellingThread(Runnable task, String name) {
    super(task, name);
  }

  /** Ends a {@link #cancelOnInterrupt} registration. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Runs {@code action} if this thread is interrupted before the registration is closed, or at once
   * if it already was; called from this thread only.
   */
  public Registration cancelOnInterrupt(Runnable action) {
    cancel.set(action);
    if (isInterrupted()) {
      action.run();
    }
    return () -> cancel.set(null);
  }

  /**
   * Interrupts, and when another thread interrupts runs the registered action; a thread setting its
   * own flag again (as JDK code does after clearing it) is not asked to stop anything.
   */
  @Override
  public void interrupt() {
    super.interrupt();
    Runnable action = cancel.get();
    if (action != null && Thread.currentThread() != this) {
      action.run();
    }
  }
}
