package dev.prism.adapters.limits;

import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.adapters.DeploymentSettings;
import dev.prism.adapters.http.Fixtures;
import dev.prism.adapters.openai.OpenAiCompatibleAdapter;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class RateLimitedClientTests {
  /** Counts calls and the most in flight at once; each call yields the thread a little. */
  private static final class CountingClient implements ModelClient {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Map<String, Integer> calls = new ConcurrentHashMap<>();
    boolean closed;

    @Override
    public RequestResult complete(RequestState s) throws InterruptedException {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      calls.merge(s.request().prompt(), 1, Integer::sum);
      Thread.sleep(2);
      inFlight.decrementAndGet();
      return RequestResult.success(List.of(Completion.ofText(s.request().prompt())), 0.002);
    }

    @Override
    public boolean cacheable() {
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static DeploymentSettings settings(Map<String, String> options) {
    return DeploymentSettings.of(new Deployment("a/b", "simple", "echo", 1000, options));
  }

  @Test
  void manyThreadsNeverExceedTheCapAndEveryRequestIsMadeExactlyOnce() throws Exception {
    CountingClient inner = new CountingClient();
    RateLimitedClient client = RateLimits.wrap(inner, settings(Map.of("max_concurrency", "3")));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<RequestResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 60; i++) {
        Request r = new Request("a/b", "p" + i, 0, 1, 1, 5, List.of(), false, null);
        futures.add(pool.submit(() -> client.complete(state(r))));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get().completions().get(0).text()).isEqualTo("p" + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(inner.maxInFlight.get()).isBetween(1, 3);
    assertThat(inner.calls).hasSize(60).allSatisfy((prompt, n) -> assertThat(n).isEqualTo(1));
    assertThat(client.limiter().snapshot().inFlight()).isZero();
  }

  @Test
  void wrapReadsTheDeploymentsLimitsAndPassesTheRestThrough() {
    CountingClient inner = new CountingClient();
    RateLimitedClient client =
        RateLimits.wrap(
            inner,
            settings(
                Map.of(
                    "max_concurrency", "5",
                    "requests_per_minute", "120",
                    "tokens_per_minute", "9000")),
            new ManualClock());
    RateLimiter.Snapshot s = client.limiter().snapshot();
    assertThat(s.limit()).isEqualTo(5);
    assertThat(s.ceiling()).isEqualTo(5);
    assertThat(client.cacheable()).isFalse();
    assertThat(client.inner()).isSameAs(inner);
    client.close();
    assertThat(inner.closed).isTrue();
  }

  @Test
  void aRealRateLimitResponseHalvesTheLimitAndPausesTheDeployment() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          Fixtures.json(
                  429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")
              .newBuilder()
              .addHeader("Retry-After", "7")
              .build());
      server.enqueue(Fixtures.json(200, "{\"choices\":[{\"index\":0,\"text\":\"ok\"}]}"));
      Deployment d =
          new Deployment(
              "local/x",
              "openai-compatible",
              "x",
              1000,
              Map.of("base_url", server.url("/v1").toString(), "max_concurrency", "4"));
      ManualClock clock = new ManualClock();
      Request r = Fixtures.request("p", 3, List.of());
      try (RateLimitedClient client =
          RateLimits.wrap(
              new OpenAiCompatibleAdapter(v -> null).connect(d), DeploymentSettings.of(d), clock)) {
        RequestResult limited = client.complete(state(r));
        assertThat(limited.errorKind()).isEqualTo(ErrorKind.RATE_LIMIT);
        RateLimiter.Snapshot s = client.limiter().snapshot();
        assertThat(s.limit()).isEqualTo(1);
        assertThat(s.coolingDownSeconds()).isEqualTo(7.0);
        assertThat(client.limiter().tryAcquire(r)).isNull();
        clock.advance(Duration.ofSeconds(7));
        assertThat(client.complete(state(r)).success()).isTrue();
        assertThat(client.limiter().snapshot().limit()).isEqualTo(2);
      }
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void withoutLimitsEveryCallGoesStraightThrough() throws Exception {
    RateLimitedClient client = RateLimits.wrap(new CountingClient(), settings(Map.of()));
    for (int i = 0; i < 5; i++) {
      client.complete(state(new Request("a/b", "p", 0, 1, 1, 5, List.of(), false, null)));
    }
    assertThat(client.limiter().snapshot().describe()).isEqualTo("0 in flight");
  }
}
