package dev.prism.adapters.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.ChatMessage;
import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RateLimiterTests {
  private final ManualClock clock = new ManualClock();
  private static final Request R = request("x".repeat(40), 90);
  private static final RequestResult OK = RequestResult.success(List.of(Completion.ofText("a")), 0);
  private static final RequestResult LIMITED =
      RequestResult.failure(
          ErrorKind.RATE_LIMIT, "openai deployment 'a/b': HTTP 429: slow down", 0);

  private static Request request(String prompt, int maxTokens) {
    return new Request("a/b", prompt, 0, 1, 1, maxTokens, List.of(), false, null);
  }

  private RateLimiter limiter(Integer concurrency, Integer rpm, Integer tpm) {
    return new RateLimiter(opt(concurrency), opt(rpm), opt(tpm), clock);
  }

  private static OptionalInt opt(Integer v) {
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  private List<RateLimiter.Permit> take(RateLimiter l, int n) {
    List<RateLimiter.Permit> permits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RateLimiter.Permit p = l.tryAcquire(R);
      assertThat(p).as("permit %d", i).isNotNull();
      permits.add(p);
    }
    return permits;
  }

  @Test
  void concurrencyIsCappedAndAReleaseLetsTheNextCallIn() {
    RateLimiter l = limiter(2, null, null);
    List<RateLimiter.Permit> held = take(l, 2);
    assertThat(l.tryAcquire(R)).isNull();
    held.get(0).release(OK);
    held.get(0).release(OK); // a second release is ignored
    assertThat(l.snapshot().inFlight()).isEqualTo(1);
    assertThat(l.tryAcquire(R)).isNotNull();
    assertThat(l.tryAcquire(R)).isNull();
  }

  @Test
  void requestsPerMinuteAdmitOneSecondsWorthThenSpaceCallsEvenly() {
    RateLimiter l = limiter(null, 600, null); // 10 per second
    take(l, 10).forEach(p -> p.release(OK));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(99));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(l.tryAcquire(R)).isNotNull();
    assertThat(l.tryAcquire(R)).isNull();
  }

  @Test
  void aSlowRateStillAdmitsOneCallAtATime() {
    RateLimiter l = limiter(null, 6, null); // one per 10 s
    take(l, 1);
    clock.advance(Duration.ofMillis(9_999));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(l.tryAcquire(R)).isNotNull();
  }

  @Test
  void rateLimitHalvesConcurrencyOncePerRoundAndSuccessesWinItBackUpToTheCap() {
    RateLimiter l = limiter(8, null, null);
    List<RateLimiter.Permit> round = take(l, 8);
    round.get(0).release(LIMITED);
    assertThat(l.snapshot().limit()).isEqualTo(4);
    // The other calls of the same round were sent under the old limit: no further halving.
    round.get(1).release(LIMITED);
    round.get(2).release(LIMITED);
    assertThat(l.snapshot().limit()).isEqualTo(4);
    assertThat(l.snapshot().decreases()).isEqualTo(1);
    round.subList(3, 8).forEach(p -> p.release(OK)); // 5 successes: one window of 4
    assertThat(l.snapshot().limit()).isEqualTo(5);
    assertThat(l.snapshot().inFlight()).isZero();
    for (int i = 0; i < 100; i++) {
      take(l, 1).get(0).release(OK);
    }
    assertThat(l.snapshot().limit()).isEqualTo(8);
    assertThat(l.snapshot().describe()).isEqualTo("0/8 in flight");
  }

  @Test
  void aRateLimitInALaterRoundHalvesAgainDownToOne() {
    RateLimiter l = limiter(4, null, null);
    List<RateLimiter.Permit> first = take(l, 4);
    first.get(0).release(LIMITED);
    assertThat(l.tryAcquire(R)).isNull(); // 3 in flight, limit 2
    first.subList(1, 4).forEach(p -> p.release(null)); // calls that threw: counted as neither
    assertThat(l.snapshot().limit()).isEqualTo(2);
    take(l, 1).get(0).release(LIMITED);
    assertThat(l.snapshot().limit()).isEqualTo(1);
    take(l, 1).get(0).release(LIMITED);
    assertThat(l.snapshot().limit()).isEqualTo(1);
    assertThat(l.snapshot().decreases()).isEqualTo(3);
    assertThat(l.snapshot().describe()).isEqualTo("0/1 in flight (max 4)");
  }

  @Test
  void withoutACapTheLimitHalvesWhatWasInFlight() {
    RateLimiter l = limiter(null, null, null);
    List<RateLimiter.Permit> held = take(l, 6);
    assertThat(l.snapshot().limit()).isEqualTo(Integer.MAX_VALUE);
    held.get(0).release(LIMITED);
    assertThat(l.snapshot().limit()).isEqualTo(3);
    assertThat(l.tryAcquire(R)).isNull(); // 5 still in flight
  }

  @Test
  void overloadCountsAsCongestionButOtherFailuresDoNot() {
    RateLimiter l = limiter(8, null, null);
    List<RateLimiter.Permit> held = take(l, 8);
    held.get(0).release(RequestResult.failure(ErrorKind.TRANSIENT, "x: HTTP 500: oops", 0));
    held.get(1).release(RequestResult.failure(ErrorKind.AUTH, "x: HTTP 401", 0));
    held.get(2).release(RequestResult.failure(ErrorKind.TIMEOUT, "x: timed out", 0));
    assertThat(l.snapshot().limit()).isEqualTo(8);
    held.get(3)
        .release(
            RequestResult.failure(
                ErrorKind.TRANSIENT, "anthropic deployment 'a/b': HTTP 529: overloaded_error", 0));
    assertThat(l.snapshot().limit()).isEqualTo(2); // half of the 5 in flight
    assertThat(
            RateLimiter.congestion(
                RequestResult.failure(
                    ErrorKind.TRANSIENT,
                    "anthropic deployment 'a/b': error in stream: overloaded_error: Overloaded",
                    0)))
        .isTrue();
  }

  @Test
  void aRetryAfterHoldsBackEveryNewCallUntilItHasPassed() {
    RateLimiter l = limiter(null, null, null);
    take(l, 1)
        .get(0)
        .release(RequestResult.failure(ErrorKind.RATE_LIMIT, "x: HTTP 429 retry_after_s=5", 0));
    assertThat(l.snapshot().coolingDownSeconds()).isEqualTo(5.0);
    assertThat(l.snapshot().describe()).isEqualTo("0/1 in flight, backing off 5 s");
    clock.advance(Duration.ofMillis(4_999));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(l.tryAcquire(R)).isNotNull();
  }

  @Test
  void tokensPerMinuteChargeAnEstimateAndSettleWithReportedUsage() {
    RateLimiter l = limiter(null, null, 6000); // 100 tokens per second
    assertThat(RateLimiter.estimatedTokens(R)).isEqualTo(100.0); // 40 chars / 4 + 90
    Request chat =
        new Request(
            "t/x",
            "",
            0,
            1,
            1,
            90,
            List.of(),
            false,
            null,
            List.of(ChatMessage.system("x".repeat(20)), ChatMessage.user("y".repeat(20))));
    assertThat(RateLimiter.estimatedTokens(chat)).as("message contents count").isEqualTo(100.0);
    RateLimiter.Permit p = take(l, 1).get(0);
    assertThat(l.tryAcquire(R)).isNull();
    Completion used = Completion.ofText("a").withUsage(new Usage(12, 8));
    p.release(RequestResult.success(List.of(used), 0)); // 80 tokens come back
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(199));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(l.tryAcquire(R)).isNotNull();
  }

  @Test
  void aRequestLargerThanTheBucketWaitsForAFullBucketAndRepaysTheRest() {
    RateLimiter l = limiter(null, null, 600); // 10 tokens per second
    take(l, 1); // 100 tokens: 90 in debt
    clock.advance(Duration.ofMillis(9_999));
    assertThat(l.tryAcquire(R)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(l.tryAcquire(R)).isNotNull();
  }

  @Test
  void blockedCallersAreAdmittedInArrivalOrder() throws Exception {
    RateLimiter l = limiter(1, null, null);
    RateLimiter.Permit first = take(l, 1).get(0);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      Thread t =
          new Thread(
              () -> {
                try {
                  RateLimiter.Permit p = l.acquire(R);
                  order.add(name);
                  p.release(OK);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      int before = l.snapshot().waiting();
      t.start();
      threads.add(t);
      awaitTrue(() -> l.snapshot().waiting() == before + 1);
    }
    first.release(OK);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(order).containsExactly("a", "b", "c");
  }

  @Test
  void aBlockedCallerWakesWhenTheClockPassesTheRateLimit() throws Exception {
    RateLimiter l = limiter(null, 60, null); // one per second
    take(l, 1);
    List<RateLimiter.Permit> got = Collections.synchronizedList(new ArrayList<>());
    Thread t =
        new Thread(
            () -> {
              try {
                got.add(l.acquire(R));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    awaitTrue(() -> l.snapshot().waiting() == 1);
    assertThat(got).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(got).hasSize(1);
    assertThat(l.snapshot().waiting()).isZero();
  }

  @Test
  void anInterruptedWaiterLeavesTheQueueHoldingNothing() throws Exception {
    RateLimiter l = limiter(1, null, null);
    RateLimiter.Permit held = take(l, 1).get(0);
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    Thread t =
        new Thread(
            () -> {
              try {
                l.acquire(R);
              } catch (InterruptedException e) {
                thrown.add(e);
              }
            });
    t.start();
    awaitTrue(() -> l.snapshot().waiting() == 1);
    t.interrupt();
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(thrown).hasSize(1);
    assertThat(l.snapshot().waiting()).isZero();
    assertThat(l.snapshot().inFlight()).isEqualTo(1);
    held.release(OK);
    assertThat(l.tryAcquire(R)).isNotNull();
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> limiter(0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrency");
  }

  /** Polls a condition that another thread makes true; fails after 30 s rather than hanging. */
  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
