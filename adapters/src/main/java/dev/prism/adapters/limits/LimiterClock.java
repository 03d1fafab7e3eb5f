package dev.prism.adapters.limits;

import java.util.concurrent.locks.Condition;

/**
 * The time source of a {@link RateLimiter} and the way it waits for time to pass. Tests substitute
 * a manual clock so that token-bucket and back-off behaviour is checked without sleeping.
 */
public interface LimiterClock {
  /** The system clock: {@link System#nanoTime()} and {@link Condition#awaitNanos}. */
  LimiterClock SYSTEM =
      new LimiterClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
          condition.awaitNanos(nanos);
        }

        @Override
        public String toString() {
          return "LimiterClock.SYSTEM";
        }
      };

  /** Monotonic time in nanoseconds; only differences are meaningful. */
  long nanoTime();

  /**
   * Waits on {@code condition} (whose lock the caller holds) until signalled or until about {@code
   * nanos} of this clock's time have passed. Returning early is allowed: callers re-check.
   */
  void await(Condition condition, long nanos) throws InterruptedException;
}
