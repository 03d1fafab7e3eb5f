package dev.prism.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellingThreadTests {
  @Test
  void anInterruptRunsTheRegisteredActionOnlyWhileItIsRegistered() throws Exception {
    AtomicInteger cancelled = new AtomicInteger();
    CountDownLatch registered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    CancellingThread t =
        new CancellingThread(
            () -> {
              CancellingThread self = (CancellingThread) Thread.currentThread();
              CancellingThread.Registration r = self.cancelOnInterrupt(cancelled::incrementAndGet);
              registered.countDown();
              await(interrupted);
              r.close();
              Thread.interrupted();
              closed.countDown();
            },
            "worker");
    t.start();
    registered.await(10, TimeUnit.SECONDS);
    t.interrupt();
    assertThat(cancelled.get()).isEqualTo(1);
    interrupted.countDown();
    closed.await(10, TimeUnit.SECONDS);
    t.interrupt();
    t.join(10_000);
    assertThat(cancelled.get()).isEqualTo(1);
  }

  @Test
  void registeringOnAnInterruptedThreadRunsTheActionAtOnce() throws Exception {
    AtomicInteger cancelled = new AtomicInteger();
    CancellingThread t =
        new CancellingThread(
            () -> {
              Thread.currentThread().interrupt();
              ((CancellingThread) Thread.currentThread())
                  .cancelOnInterrupt(cancelled::incrementAndGet)
                  .close();
            },
            "worker");
    t.start();
    t.join(10_000);
    assertThat(cancelled.get()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // The interrupt the test sends: wait on for the test's go-ahead.
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException again) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
