package dev.prism.adapters.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/** A clock that moves only when a test says so; timed waits poll it every millisecond. */
final class ManualClock implements LimiterClock {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void await(Condition condition, long nanos) throws InterruptedException {
    condition.await(1, TimeUnit.MILLISECONDS);
  }

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }
}
