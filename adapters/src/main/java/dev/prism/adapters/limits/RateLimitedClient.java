package dev.prism.adapters.limits;

import dev.prism.core.ModelClient;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import java.util.Objects;

/**
 * A {@link ModelClient} that takes a {@link RateLimiter} permit around every call of the client it
 * wraps. Create one per deployment and share it among all runs that use the deployment, so that
 * they share its limits. Thread-safe when the wrapped client is.
 */
public final class RateLimitedClient implements ModelClient {
  private final ModelClient inner;
  private final RateLimiter limiter;

  public RateLimitedClient(ModelClient inner, RateLimiter limiter) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  @Override
  public RequestResult complete(RequestState state) throws InterruptedException {
    RateLimiter.Permit permit = limiter.acquire(state.request());
    RequestResult result = null;
    try {
      result = inner.complete(state);
      return result;
    } finally {
      permit.release(result);
    }
  }

  /** The limiter, e.g. for {@link RateLimiter#snapshot()} in progress output. */
  public RateLimiter limiter() {
    return limiter;
  }

  /** The wrapped client. */
  public ModelClient inner() {
    return inner;
  }

  @Override
  public boolean cacheable() {
    return inner.cacheable();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "RateLimited[" + inner + ", " + limiter.snapshot().describe() + "]";
  }
}
