package dev.prism.adapters.limits;

import dev.prism.adapters.http.RetryAfter;
import dev.prism.core.ErrorKind;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.Usage;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * One deployment's admission control: callers {@link #acquire} a {@link Permit} before a model call
 * and {@link Permit#release} it with the result. Thread-safe and fair: callers are admitted in
 * arrival order.
 *
 * <ul>
 *   <li><b>Concurrency</b>: at most {@link Snapshot#limit()} calls in flight. The limit adapts
 *       (AIMD): a rate-limit or overload result ({@link ErrorKind#RATE_LIMIT}, HTTP 503 or 529,
 *       Anthropic's {@code overloaded_error}) halves it, down to 1 (half of the calls in flight
 *       when that is lower, so a limiter without a configured cap also backs off), and each full
 *       window of successes (as many as the limit) raises it by 1, never above {@code
 *       max_concurrency}. Only the first congestion signal of a round halves: results of calls
 *       admitted before the last decrease do not halve again.
 *   <li><b>Requests per minute</b>: a token bucket holding one second's worth of requests.
 *   <li><b>Tokens per minute</b>: a token bucket charged with an estimate of each request (prompt
 *       characters / 4 plus {@code maxTokens} per completion), corrected with the usage the backend
 *       reports when the call returns.
 *   <li><b>Retry-After</b>: a wait named in a failed result ({@link RetryAfter}) holds back every
 *       new call to the deployment until it has passed, not only the retry of that request.
 * </ul>
 *
 * Retries stay with the caller (the run engine): a permit covers one attempt.
 */
public final class RateLimiter {
  private static final Pattern OVERLOAD =
      Pattern.compile(": HTTP (503|529)\\b|\\boverloaded_error\\b");
  private static final double CHARS_PER_TOKEN = 4.0;

  private final LimiterClock clock;
  private final int ceiling;
  private final TokenBucket requests;
  private final TokenBucket tokens;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private int limit;
  private int inFlight;
  private long epoch;
  private int successes;
  private long coolUntil;
  private long decreases;

  /**
   * @param maxConcurrency most calls in flight; empty for no fixed cap (the limit still adapts)
   * @param requestsPerMinute most calls started per minute, if limited
   * @param tokensPerMinute most prompt plus output tokens per minute, if limited
   */
  public RateLimiter(
      OptionalInt maxConcurrency,
      OptionalInt requestsPerMinute,
      OptionalInt tokensPerMinute,
      LimiterClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    long now = clock.nanoTime();
    this.ceiling = positive(maxConcurrency, "maxConcurrency").orElse(Integer.MAX_VALUE);
    this.limit = ceiling;
    this.requests = bucket(positive(requestsPerMinute, "requestsPerMinute"), now);
    this.tokens = bucket(positive(tokensPerMinute, "tokensPerMinute"), now);
    this.coolUntil = now;
  }

  private static OptionalInt positive(OptionalInt v, String name) {
    if (v.isPresent() && v.getAsInt() < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v.getAsInt());
    }
    return v;
  }

  private static TokenBucket bucket(OptionalInt perMinute, long now) {
    return perMinute.isPresent() ? new TokenBucket(perMinute.getAsInt(), now) : null;
  }

  /**
   * Waits until a call for {@code request} may start, in arrival order.
   *
   * @throws InterruptedException when interrupted while waiting (nothing is held then)
   */
  public Permit acquire(Request request) throws InterruptedException {
    double cost = estimatedTokens(request);
    Object me = new Object();
    lock.lock();
    try {
      queue.addLast(me);
      try {
        while (true) {
          if (queue.peekFirst() != me || inFlight >= limit) {
            changed.await();
            continue;
          }
          long now = clock.nanoTime();
          long wait = waitNanos(cost, now);
          if (wait == 0) {
            queue.removeFirst();
            changed.signalAll();
            return admit(cost, now);
          }
          clock.await(changed, wait);
        }
      } catch (InterruptedException e) {
        queue.remove(me);
        changed.signalAll();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A permit if a call may start now and nobody is waiting ahead; else {@code null}. */
  public Permit tryAcquire(Request request) {
    double cost = estimatedTokens(request);
    lock.lock();
    try {
      long now = clock.nanoTime();
      if (!queue.isEmpty() || inFlight >= limit || waitNanos(cost, now) > 0) {
        return null;
      }
      return admit(cost, now);
    } finally {
      lock.unlock();
    }
  }

  private long waitNanos(double cost, long now) {
    long wait = Math.max(0, coolUntil - now);
    if (requests != null) {
      wait = Math.max(wait, requests.waitNanos(1, now));
    }
    if (tokens != null) {
      wait = Math.max(wait, tokens.waitNanos(cost, now));
    }
    return wait;
  }

  private Permit admit(double cost, long now) {
    if (requests != null) {
      requests.take(1, now);
    }
    if (tokens != null) {
      tokens.take(cost, now);
    }
    inFlight++;
    return new Permit(epoch, cost);
  }

  /**
   * Prompt characters (a chat's message contents) / 4 plus the most output tokens the request may
   * produce.
   */
  static double estimatedTokens(Request r) {
    return Math.ceil(r.promptTokens(String::length) / CHARS_PER_TOKEN)
        + (double) Math.max(0, r.maxTokens()) * Math.max(1, r.numCompletions());
  }

  /** Whether a result says the deployment is over its rate or overloaded. */
  static boolean congestion(RequestResult r) {
    if (r.success()) {
      return false;
    }
    return r.errorKind() == ErrorKind.RATE_LIMIT
        || (r.errorKind() == ErrorKind.TRANSIENT
            && r.errorMessage() != null
            && OVERLOAD.matcher(r.errorMessage()).find());
  }

  private void release(Permit p, RequestResult result) {
    lock.lock();
    try {
      if (p.released) {
        return;
      }
      p.released = true;
      long now = clock.nanoTime();
      int wasInFlight = inFlight;
      inFlight--;
      if (result != null) {
        settleTokens(p, result, now);
        if (congestion(result)) {
          if (p.epoch == epoch) {
            limit = Math.max(1, Math.min(limit, wasInFlight) / 2);
            epoch++;
            decreases++;
            successes = 0;
          }
          OptionalLong wait = RetryAfter.seconds(result.errorMessage());
          if (wait.isPresent()) {
            coolUntil = Math.max(coolUntil, now + TimeUnit.SECONDS.toNanos(wait.getAsLong()));
          }
        } else if (result.success() && limit < ceiling && ++successes >= limit) {
          limit++;
          successes = 0;
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void settleTokens(Permit p, RequestResult result, long now) {
    if (tokens == null || !result.success()) {
      return;
    }
    Usage used = Usage.total(result.completions());
    if (used != null) {
      tokens.take(used.totalTokens() - p.cost, now);
    }
  }

  /** The limiter's state now, for progress output. */
  public Snapshot snapshot() {
    lock.lock();
    try {
      long cool = Math.max(0, coolUntil - clock.nanoTime());
      return new Snapshot(limit, ceiling, inFlight, queue.size(), cool / 1e9, decreases);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "RateLimiter[" + snapshot().describe() + "]";
  }

  /**
   * The right to make one call. Release it exactly once, with the call's result ({@code null} when
   * the call threw); later releases are ignored.
   */
  public final class Permit {
    private final long epoch;
    private final double cost;
    private boolean released; // guarded by lock

    private Permit(long epoch, double cost) {
      this.epoch = epoch;
      this.cost = cost;
    }

    /** Ends the call; {@code result} feeds the adaptive limit and the token estimate. */
    public void release(RequestResult result) {
      RateLimiter.this.release(this, result);
    }
  }

  /**
   * A moment's state of a limiter.
   *
   * @param limit calls allowed in flight now ({@link Integer#MAX_VALUE} when unbounded)
   * @param ceiling the configured {@code max_concurrency} ({@link Integer#MAX_VALUE} when none)
   * @param inFlight calls in flight
   * @param waiting callers waiting for a permit
   * @param coolingDownSeconds how long a server-requested wait still holds back new calls
   * @param decreases how often the limit was lowered after a rate-limit or overload signal
   */
  public record Snapshot(
      int limit,
      int ceiling,
      int inFlight,
      int waiting,
      double coolingDownSeconds,
      long decreases) {
    /** E.g. {@code "3/4 in flight (max 8), 2 waiting, backing off 12 s"}. */
    public String describe() {
      StringBuilder b = new StringBuilder().append(inFlight);
      if (limit != Integer.MAX_VALUE) {
        b.append('/').append(limit);
      }
      b.append(" in flight");
      if (ceiling != Integer.MAX_VALUE && limit != ceiling) {
        b.append(" (max ").append(ceiling).append(')');
      }
      if (waiting > 0) {
        b.append(", ").append(waiting).append(" waiting");
      }
      if (coolingDownSeconds > 0) {
        b.append(", backing off ").append((long) Math.ceil(coolingDownSeconds)).append(" s");
      }
      return b.toString();
    }
  }
}
