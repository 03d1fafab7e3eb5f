package dev.prism.adapters.limits;

import dev.prism.adapters.DeploymentSettings;
import dev.prism.core.ModelClient;

/** Builds the rate limiting a deployment's settings ask for. */
public final class RateLimits {
  private RateLimits() {}

  /**
   * {@code client} behind a limiter with the deployment's {@code max_concurrency}, {@code
   * requests_per_minute} and {@code tokens_per_minute}, on the system clock. Every client is
   * wrapped, limits or not: the adaptive back-off on rate-limit responses applies to all.
   */
  public static RateLimitedClient wrap(ModelClient client, DeploymentSettings settings) {
    return wrap(client, settings, LimiterClock.SYSTEM);
  }

  /** As {@link #wrap(ModelClient, DeploymentSettings)}, on the given clock. */
  public static RateLimitedClient wrap(
      ModelClient client, DeploymentSettings settings, LimiterClock clock) {
    return new RateLimitedClient(client, limiter(settings, clock));
  }

  /** A limiter for the deployment's settings. */
  public static RateLimiter limiter(DeploymentSettings settings, LimiterClock clock) {
    return new RateLimiter(
        settings.maxConcurrency(), settings.requestsPerMinute(), settings.tokensPerMinute(), clock);
  }
}
