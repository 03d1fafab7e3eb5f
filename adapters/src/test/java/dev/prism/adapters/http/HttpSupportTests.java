package dev.prism.adapters.http;

import static dev.prism.adapters.http.Fixtures.FAKE_KEY;
import static dev.prism.adapters.http.Fixtures.json;
import static dev.prism.adapters.http.Fixtures.request;
import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.adapters.anthropic.AnthropicAdapter;
import dev.prism.adapters.gemini.GeminiAdapter;
import dev.prism.adapters.ollama.OllamaAdapter;
import dev.prism.adapters.openai.OpenAiAdapter;
import dev.prism.adapters.openai.OpenAiCompatibleAdapter;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.RequestResult;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class HttpSupportTests {
  @Test
  void retryAfterReadsSecondsMillisecondsAndDates() {
    ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(RetryAfter.fromHeaders(Headers.of("Retry-After", "12"), now))
        .hasValue(Duration.ofSeconds(12));
    assertThat(
            RetryAfter.fromHeaders(Headers.of("retry-after-ms", "1500", "Retry-After", "9"), now))
        .hasValue(Duration.ofMillis(1500));
    assertThat(
            RetryAfter.fromHeaders(Headers.of("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"), now))
        .hasValue(Duration.ofSeconds(30));
    assertThat(RetryAfter.fromHeaders(Headers.of("Retry-After", "soon"), now)).isEmpty();
    assertThat(RetryAfter.suffix(Duration.ofMillis(1500))).isEqualTo(" retry_after_s=2");
    assertThat(RetryAfter.suffix(Duration.ZERO)).isEqualTo(" retry_after_s=1");
    assertThat(RetryAfter.seconds("HTTP 429: slow down retry_after_s=12")).hasValue(12);
    assertThat(RetryAfter.seconds("HTTP 500")).isEmpty();
    assertThat(RetryAfter.fromProtoDuration("0.5s")).hasValue(Duration.ofMillis(500));
  }

  @Test
  void rateLimitHeadersGiveTheResetOfTheExhaustedLimit() {
    ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Headers openai =
        Headers.of(
            "x-ratelimit-remaining-requests", "0",
            "x-ratelimit-reset-requests", "1.5s",
            "x-ratelimit-remaining-tokens", "15000",
            "x-ratelimit-reset-tokens", "6m0s");
    assertThat(RetryAfter.fromRateLimitHeaders(openai, now)).hasValue(Duration.ofMillis(1500));
    Headers noneExhausted =
        Headers.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "1m30s");
    assertThat(RetryAfter.fromRateLimitHeaders(noneExhausted, now))
        .hasValue(Duration.ofSeconds(90));
    Headers anthropic =
        Headers.of(
            "anthropic-ratelimit-requests-remaining", "12",
            "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:05Z",
            "anthropic-ratelimit-output-tokens-remaining", "0",
            "anthropic-ratelimit-output-tokens-reset", "2026-01-01T00:00:20Z");
    assertThat(RetryAfter.fromRateLimitHeaders(anthropic, now)).hasValue(Duration.ofSeconds(20));
    assertThat(
            RetryAfter.fromRateLimitHeaders(Headers.of("x-ratelimit-reset-requests", "soon"), now))
        .isEmpty();
    assertThat(RetryAfter.goDuration("1h2m3.5s")).hasValue(Duration.ofMillis(3_723_500));
    assertThat(RetryAfter.goDuration("5 s")).isEmpty();
    // A 429 with only these headers still tells the runner (and the rate limiter) how long to wait.
    CallFailure f =
        HttpErrors.fromStatus(
            "x", 429, openai, "{\"error\":{\"message\":\"slow\"}}", null, Optional.empty());
    assertThat(RetryAfter.seconds(f.getMessage())).hasValue(2);
    CallFailure serverError =
        HttpErrors.fromStatus("x", 500, openai, "oops", null, Optional.empty());
    assertThat(RetryAfter.seconds(serverError.getMessage())).isEmpty();
  }

  @Test
  void statusesAreClassified() {
    assertThat(HttpErrors.kindOf(429)).isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(HttpErrors.kindOf(401)).isEqualTo(ErrorKind.AUTH);
    assertThat(HttpErrors.kindOf(403)).isEqualTo(ErrorKind.AUTH);
    assertThat(HttpErrors.kindOf(400)).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(HttpErrors.kindOf(404)).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(HttpErrors.kindOf(422)).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(HttpErrors.kindOf(408)).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(HttpErrors.kindOf(500)).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(HttpErrors.kindOf(503)).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(HttpErrors.kindOf(529)).isEqualTo(ErrorKind.TRANSIENT);
  }

  @Test
  void keysAreRedacted() {
    Deployment d = new Deployment("a/b", "openai", "b", 1, Map.of());
    ApiKey key = ApiKey.fromEnv(d, "K", Map.of("K", FAKE_KEY)::get);
    assertThat(key.toString()).isEqualTo("ApiKey[K]");
    assertThat(key.redact("bad key " + FAKE_KEY + " and sk-abc***wxyz"))
        .isEqualTo("bad key [redacted] and [redacted]");
  }

  /** Every HTTP adapter, with the key either echoed by the server or accepted. */
  @Test
  void theKeyNeverAppearsInResultsErrorsOrClients() throws Exception {
    UnaryOperator<String> env = v -> FAKE_KEY;
    List<ModelAdapter> adapters =
        List.of(
            new OpenAiAdapter(env),
            new OpenAiCompatibleAdapter(env),
            new AnthropicAdapter(env),
            new GeminiAdapter(env),
            new OllamaAdapter(env));
    String echoed =
        "{\"error\":{\"message\":\"Invalid key "
            + FAKE_KEY
            + " (sk-tes***cdef)\",\"type\":\"authentication_error\"}}";
    for (ModelAdapter adapter : adapters) {
      try (MockWebServer server = new MockWebServer()) {
        server.start();
        server.enqueue(json(401, echoed));
        server.enqueue(json(403, echoed));
        server.enqueue(json(500, "<html>" + FAKE_KEY + "</html>"));
        server.enqueue(json(200, echoed)); // an error object in a 200 body, quoted as malformed
        Deployment d =
            new Deployment(
                "t/" + adapter.kind(),
                adapter.kind(),
                "m",
                100,
                Map.of("base_url", server.url("/v1").toString(), "api_key_env", "SOME_KEY"));
        try (ModelClient client = adapter.connect(d)) {
          for (int i = 0; i < 4; i++) {
            RequestResult r = client.complete(state(request("p", 3, List.of())));
            assertThat(r.success()).isFalse();
            assertThat(r.errorKind()).isIn(ErrorKind.AUTH, ErrorKind.TRANSIENT);
            assertThat(r.toString()).as(adapter.kind()).doesNotContain(FAKE_KEY, "sk-tes");
            assertThat(r.errorMessage()).as(adapter.kind()).doesNotContain(FAKE_KEY);
          }
          assertThat(client.toString()).doesNotContain(FAKE_KEY);
          assertThat(adapter.toString()).doesNotContain(FAKE_KEY);
          // The key did go out, in a header. (OkHttp masks only Authorization-like headers in
          // Headers.toString, not x-api-key, so adapters never print requests or headers.)
          Headers sent = server.takeRequest().getHeaders();
          assertThat(sent.names().stream().map(sent::get).toList())
              .anySatisfy(v -> assertThat(v).contains(FAKE_KEY));
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
