package dev.prism.adapters.limits;

/**
 * A token bucket refilled at a steady rate, holding at most one second's worth of tokens (at least
 * one), so a fresh limiter does not fire a whole minute's quota at once. A take may exceed what the
 * bucket holds (a large request against a tokens-per-minute limit): it waits for a full bucket and
 * leaves the balance negative, which later takes repay. Not thread-safe; {@link RateLimiter} guards
 * it.
 */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(int perMinute, long now) {
    this.perNano = perMinute / 60e9;
    this.capacity = Math.max(1.0, Math.ceil(perMinute / 60.0));
    this.tokens = capacity;
    this.last = now;
  }

  /** Nanoseconds until {@code cost} may be taken; 0 when it may be taken now. */
  long waitNanos(double cost, long now) {
    refill(now);
    double need = Math.min(cost, capacity);
    return tokens >= need ? 0 : Math.max(1, (long) Math.ceil((need - tokens) / perNano));
  }

  /** Takes {@code cost} tokens (negative gives tokens back), never filling beyond capacity. */
  void take(double cost, long now) {
    refill(now);
    tokens = Math.min(capacity, tokens - cost);
  }

  double capacity() {
    return capacity;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
    }
  }
}
