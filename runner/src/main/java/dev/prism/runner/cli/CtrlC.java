package dev.prism.runner.cli;

import dev.prism.runner.engine.RunEngine;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while an engine works: stop claiming, let requests in flight finish and be stored for up
 * to a grace period (the JVM waits in the shutdown hook until the work, database included, is
 * closed), then the JVM exits with 130.
 */
final class CtrlC {
  private CtrlC() {}

  static int whileRunning(
      java.util.concurrent.atomic.AtomicReference<RunEngine> engine,
      int gracePeriodSeconds,
      Callable<Integer> work)
      throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              RunEngine running = engine.get();
              if (running != null) {
                running.requestStop();
              }
              try {
                closed.await(gracePeriodSeconds, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "prism-ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      return work.call();
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting (Ctrl-C); the hook is running and needs no removal.
      }
    }
  }
}
