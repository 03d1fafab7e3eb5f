package dev.prism.runner.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before retrying a retriable failure: exponential back-off with
 * full jitter.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param baseDelayMillis delay cap of the first retry
 * @param maxDelayMillis upper bound of any delay
 */
public record RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis) {
  public RetryPolicy {
    if (maxAttempts < 1 || baseDelayMillis < 0 || maxDelayMillis < baseDelayMillis) {
      throw new IllegalArgumentException("invalid retry policy");
    }
  }

  /** Three attempts, 0.5 s then 1 s caps, at most 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, 500, 30_000);
  }

  /** Delay before attempt {@code attempt + 1} (attempt counts from 1). */
  long delayMillis(int attempt) {
    long cap = Math.min(maxDelayMillis, baseDelayMillis << Math.min(20, attempt - 1));
    return cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
  }
}
