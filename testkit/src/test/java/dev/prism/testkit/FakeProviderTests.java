package dev.prism.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeProviderTests {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> post(FakeProvider p, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(p.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersChatAndCompletionsInOpenAiShapeAndCounts() throws Exception {
    try (FakeProvider p = FakeProvider.start(FakeProvider.Config.instant())) {
      HttpResponse<String> chat =
          post(p, "/chat/completions", "{\"model\":\"m\",\"messages\":[],\"logprobs\":true}");
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.body()).contains("\"content\":\"42\"").contains("\"logprob\":-0.1");
      HttpResponse<String> legacy =
          post(p, "/completions", "{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":1}");
      assertThat(legacy.body()).contains("\"text\":\"42\"").contains("token_logprobs");
      post(p, "/completions", "{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":1}");
      assertThat(p.calls()).isEqualTo(3);
      assertThat(p.successfulCalls()).isEqualTo(3);
      assertThat(p.distinctSuccessfulRequests()).isEqualTo(2);
      assertThat(p.duplicateSuccesses()).isEqualTo(1);
    }
  }

  @Test
  void injectsEveryFaultKind() throws Exception {
    FakeProvider.Config config =
        FakeProvider.Config.instant()
            .withFaults(1.0, List.of(Fault.RATE_LIMIT, Fault.SERVER_ERROR), 0, 7);
    try (FakeProvider p = FakeProvider.start(config)) {
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = post(p, "/chat/completions", "{\"n\":1}");
        assertThat(r.statusCode()).isIn(429, 500);
        if (r.statusCode() == 429) {
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        }
      }
      assertThat(p.faults(Fault.RATE_LIMIT) + p.faults(Fault.SERVER_ERROR)).isEqualTo(20);
      assertThat(p.successfulCalls()).isZero();
    }
  }

  @Test
  void resetAndTruncationBreakTheConnection() throws Exception {
    for (Fault f : List.of(Fault.CONNECTION_RESET, Fault.TRUNCATED_BODY)) {
      FakeProvider.Config config = FakeProvider.Config.instant().withFaults(1.0, List.of(f), 0, 1);
      try (FakeProvider p = FakeProvider.start(config)) {
        boolean failed;
        try {
          HttpResponse<String> r = post(p, "/chat/completions", "{}");
          failed = r.body().length() < 10;
        } catch (IOException e) {
          failed = true;
        }
        assertThat(failed).as(f.name()).isTrue();
        assertThat(p.faults(f)).isEqualTo(1);
      }
    }
  }
}
