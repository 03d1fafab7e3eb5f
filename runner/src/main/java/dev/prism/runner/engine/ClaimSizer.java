package dev.prism.runner.engine;

import java.util.function.LongSupplier;

/**
 * How many requests a worker claims at once. A batch covers at least a few rounds of the slots, so
 * that the slots do not wait on claims; when requests finish quickly (an instant or local model,
 * cache hits) it grows to about {@link #TARGET_NANOS} of work, because each claim is a transaction
 * whose cost would otherwise dominate. It stays small enough that other workers are not starved at
 * the end of a run, and that a dead worker's leases hold back little.
 */
final class ClaimSizer {
  static final long TARGET_NANOS = 250_000_000L;
  static final int MAX = 2048;

  private final int floor;
  private final LongSupplier nanoClock;
  private int size;
  private long claimedAt;

  ClaimSizer(int concurrency) {
    this(concurrency, System::nanoTime);
  }

  /**
   * @param nanoClock monotonic nanoseconds ({@link System#nanoTime()} outside tests)
   */
  ClaimSizer(int concurrency, LongSupplier nanoClock) {
    this.floor = Math.min(256, Math.max(32, 2 * concurrency));
    this.nanoClock = nanoClock;
    this.size = floor;
  }

  /**
   * The size of the next claim: the previous batch's size scaled by how long it took to get through
   * it (claim to next claim), within {@code [floor, MAX]}.
   */
  int next() {
    long now = nanoClock.getAsLong();
    if (claimedAt != 0) {
      long elapsed = Math.max(1, now - claimedAt);
      double perSecond = size * 1e9 / elapsed;
      long wanted = Math.round(perSecond * TARGET_NANOS / 1e9);
      size = (int) Math.max(floor, Math.min(MAX, wanted));
    }
    claimedAt = now;
    return size;
  }
}
