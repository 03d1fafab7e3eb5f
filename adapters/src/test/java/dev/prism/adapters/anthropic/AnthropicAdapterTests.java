package dev.prism.adapters.anthropic;

import static dev.prism.adapters.http.Fixtures.FAKE_KEY;
import static dev.prism.adapters.http.Fixtures.TURNS;
import static dev.prism.adapters.http.Fixtures.chat;
import static dev.prism.adapters.http.Fixtures.echo;
import static dev.prism.adapters.http.Fixtures.json;
import static dev.prism.adapters.http.Fixtures.request;
import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.Capability;
import dev.prism.adapters.http.Json;
import dev.prism.adapters.http.RetryAfter;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicAdapterTests {
  private final MockWebServer server = new MockWebServer();
  private final AnthropicAdapter adapter =
      new AnthropicAdapter(Map.of("ANTHROPIC_API_KEY", FAKE_KEY)::get);

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Deployment deployment() {
    return new Deployment(
        "anthropic/claude",
        "anthropic",
        "claude-3-5-haiku-20241022",
        200_000,
        Map.of("base_url", server.url("/").toString()));
  }

  private RequestResult call(Request r) throws InterruptedException {
    try (ModelClient c = adapter.connect(deployment())) {
      assertThat(c.toString()).doesNotContain(FAKE_KEY);
      return c.complete(state(r));
    }
  }

  @Test
  void messagesCallReturnsTheTextAndFinishReason() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[{"type":"text","text":"Paris"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":0,
                      "cache_read_input_tokens":4,"output_tokens":3}}
            """));
    RequestResult result = call(request("Capital of France?", 10, List.of("\n", "###")));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).text()).isEqualTo("Paris");
    assertThat(result.completions().get(0).finishReason()).isEqualTo("endoftext");
    assertThat(result.completions().get(0).tokens()).isEmpty();
    assertThat(result.completions().get(0).usage()).isEqualTo(new Usage(16, 3));
    assertThat(result.completions().get(0).ttftSeconds()).isNull();

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(FAKE_KEY);
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode b = Json.MAPPER.readTree(sent.getBody().utf8());
    assertThat(b.path("model").asText()).isEqualTo("claude-3-5-haiku-20241022");
    assertThat(b.path("max_tokens").asInt()).isEqualTo(10);
    assertThat(b.path("messages").get(0).path("content").asText()).isEqualTo("Capital of France?");
    // The API rejects whitespace-only stop sequences; "\n" is applied afterwards instead.
    assertThat(b.path("stop_sequences")).hasSize(1);
    assertThat(b.path("stop_sequences").get(0).asText()).isEqualTo("###");
  }

  @Test
  void whitespaceStopIsAppliedToTheText() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"type":"message","content":[{"type":"text","text":"42\\nExplanation"}],"stop_reason":"max_tokens"}
            """));
    RequestResult result = call(request("6*7=", 10, List.of("\n")));
    assertThat(result.completions().get(0).text()).isEqualTo("42");
    assertThat(result.completions().get(0).finishReason()).isEqualTo("stop");
    assertThat(result.completions().get(0).usage()).isNull(); // the body reported none
  }

  private static MockResponse events(String sse) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "text/event-stream")
        .chunkedBody(sse, 48)
        .build();
  }

  private RequestResult callStreaming(Request r) throws InterruptedException {
    Deployment d = deployment();
    Map<String, String> options = new HashMap<>(d.options());
    options.put("stream", "true");
    try (ModelClient c =
        adapter.connect(new Deployment(d.name(), d.adapter(), d.model(), 1000, options))) {
      return c.complete(state(r));
    }
  }

  private static final String STREAM =
      """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-haiku-20241022","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: ping
      data: {"type": "ping"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Par"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"is"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  @Test
  void streamedMessagesGiveTextUsageAndTimeToFirstTokenPerCompletion() throws Exception {
    server.enqueue(events(STREAM));
    server.enqueue(events(STREAM));
    Request r = new Request("t/x", "Capital of France?", 1.0, 2, 1, 10, List.of(), false, null);
    RequestResult result = callStreaming(r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions()).hasSize(2);
    for (Completion c : result.completions()) {
      assertThat(c.text()).isEqualTo("Paris");
      assertThat(c.finishReason()).isEqualTo("endoftext");
      assertThat(c.usage()).isEqualTo(new Usage(25, 2)); // one call each
      assertThat(c.ttftSeconds()).isBetween(0.0, result.requestTimeSeconds());
    }
    assertThat(
            Json.MAPPER.readTree(server.takeRequest().getBody().utf8()).path("stream").asBoolean())
        .isTrue();
    assertThat(
            adapter.capabilities(
                new Deployment("a/b", "anthropic", "m", 1, Map.of("stream", "true"))))
        .contains(Capability.STREAMING);
  }

  @Test
  void aStreamWithoutMessageStopIsTruncatedAndAnErrorEventIsClassified() throws Exception {
    server.enqueue(events(STREAM.substring(0, STREAM.indexOf("event: message_delta"))));
    RequestResult truncated = callStreaming(request("p", 5, List.of()));
    assertThat(truncated.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(truncated.errorMessage()).contains("truncated");

    server.enqueue(
        events(
            """
            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

            """));
    RequestResult overloaded = callStreaming(request("p", 5, List.of()));
    assertThat(overloaded.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(overloaded.errorMessage()).contains("overloaded_error");
  }

  @Test
  void overloadedIsTransientAndRateLimitCarriesRetryAfter() throws Exception {
    server.enqueue(
        json(
            529,
            """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
            """));
    assertThat(call(request("p", 5, List.of())).errorKind()).isEqualTo(ErrorKind.TRANSIENT);

    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after", "7")
            .body(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")
            .build());
    RequestResult limited = call(request("p", 5, List.of()));
    assertThat(limited.errorKind()).isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(limited.errorMessage()).contains("rate_limit_error");
    assertThat(RetryAfter.seconds(limited.errorMessage())).hasValue(7);
  }

  @Test
  void echoIsRefusedAndCapabilitiesSaySo() throws Exception {
    RequestResult result = call(echo("x"));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("PROMPT_LOGPROBS");
    assertThat(server.getRequestCount()).isZero();
    assertThat(adapter.capabilities(deployment()))
        .contains(Capability.CHAT)
        .doesNotContain(Capability.LOGPROBS, Capability.PROMPT_LOGPROBS);
  }

  private static final String MESSAGE =
      """
      {"type":"message","content":[{"type":"text","text":"Rome"}],"stop_reason":"end_turn"}
      """;

  @Test
  void aLeadingSystemMessageGoesToTheSystemFieldAndTheTurnsFollowAsTheyAre() throws Exception {
    server.enqueue(json(200, MESSAGE));
    RequestResult result = call(chat(TURNS));

    assertThat(result.completions().get(0).text()).isEqualTo("Rome");
    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":10,\"temperature\":0.0,"
                + "\"system\":\"Answer in one word.\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Capital of France?\"},"
                + "{\"role\":\"assistant\",\"content\":\"Paris\"},"
                + "{\"role\":\"user\",\"content\":\"And of Italy?\"}]}");
  }

  @Test
  void theMessagesSystemPromptReplacesTheDeploymentsAndWithoutOneTheDeploymentsStays()
      throws Exception {
    Deployment d = deployment();
    Map<String, String> options = new HashMap<>(d.options());
    options.put("system", "Deployment prompt.");
    Deployment withSystem = new Deployment(d.name(), d.adapter(), d.model(), 1000, options);
    server.enqueue(json(200, MESSAGE));
    server.enqueue(json(200, MESSAGE));
    try (ModelClient c = adapter.connect(withSystem)) {
      c.complete(state(chat(TURNS)));
      c.complete(state(chat(TURNS.subList(1, 2))));
    }

    assertThat(Json.MAPPER.readTree(server.takeRequest().getBody().utf8()).path("system").asText())
        .isEqualTo("Answer in one word.");
    JsonNode second = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(second.path("system").asText()).isEqualTo("Deployment prompt.");
    assertThat(second.path("messages").toString())
        .isEqualTo("[{\"role\":\"user\",\"content\":\"Capital of France?\"}]");
  }
}
