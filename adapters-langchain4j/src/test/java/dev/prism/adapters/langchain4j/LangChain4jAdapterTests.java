package dev.prism.adapters.langchain4j;

import static dev.prism.adapters.http.Fixtures.FAKE_KEY;
import static dev.prism.adapters.http.Fixtures.TURNS;
import static dev.prism.adapters.http.Fixtures.chat;
import static dev.prism.adapters.http.Fixtures.echo;
import static dev.prism.adapters.http.Fixtures.json;
import static dev.prism.adapters.http.Fixtures.request;
import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.Capability;
import dev.prism.adapters.StreamingStats;
import dev.prism.adapters.http.Json;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LangChain4jAdapterTests {
  private static final Map<String, String> ENV =
      Map.of(
          "OPENAI_API_KEY", FAKE_KEY,
          "ANTHROPIC_API_KEY", FAKE_KEY,
          "GEMINI_API_KEY", FAKE_KEY,
          "PROXY_KEY", FAKE_KEY);

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One provider: its adapter, a model id and a successful response in its wire format. */
  record Kind(String name, LangChain4jAdapter adapter, String model, String success) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String OPENAI_CHAT =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"my-model",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},
         "logprobs":{"content":[
           {"token":"Par","logprob":-0.25,"bytes":[80,97,114],
            "top_logprobs":[{"token":"Par","logprob":-0.25,"bytes":[80,97,114]},
                            {"token":"Lon","logprob":-2.0,"bytes":[76,111,110]}]},
           {"token":"is","logprob":-0.5,"bytes":[105,115],"top_logprobs":[]}]},
         "finish_reason":"stop"}],
       "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}
      """;

  static final String ANTHROPIC_MESSAGE =
      """
      {"id":"msg_01","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
       "content":[{"type":"text","text":"Paris"}],
       "stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":12,"cache_creation_input_tokens":0,
                "cache_read_input_tokens":4,"output_tokens":3}}
      """;

  static final String GEMINI_CONTENT =
      """
      {"candidates":[
         {"content":{"parts":[{"text":"Paris"}],"role":"model"},"finishReason":"STOP","index":0}],
       "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7},
       "modelVersion":"gemini-2.0-flash"}
      """;

  static final String OLLAMA_CHAT =
      """
      {"model":"llama3.2:1b","created_at":"2025-01-01T00:00:00Z",
       "message":{"role":"assistant","content":"Paris"},"done":true,"done_reason":"stop",
       "total_duration":2000,"prompt_eval_count":6,"eval_count":2}
      """;

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("openai", new OpenAiLangChain4jAdapter(ENV::get), "my-model", OPENAI_CHAT),
        new Kind(
            "anthropic",
            new AnthropicLangChain4jAdapter(ENV::get),
            "claude-3-5-haiku-20241022",
            ANTHROPIC_MESSAGE),
        new Kind(
            "gemini", new GeminiLangChain4jAdapter(ENV::get), "gemini-2.0-flash", GEMINI_CONTENT),
        new Kind("ollama", new OllamaLangChain4jAdapter(ENV::get), "llama3.2:1b", OLLAMA_CHAT));
  }

  private Deployment deployment(Kind k, Map<String, String> options) {
    return deployment(k.adapter(), k.model(), options);
  }

  private Deployment deployment(LangChain4jAdapter a, String model, Map<String, String> options) {
    Map<String, String> o = new HashMap<>(options);
    o.putIfAbsent("base_url", server.url("/").toString());
    if (a instanceof OllamaLangChain4jAdapter) {
      o.putIfAbsent("api_key_env", "PROXY_KEY");
    }
    return new Deployment("test/" + a.kind(), a.kind(), model, 8192, o);
  }

  private RequestResult call(LangChain4jAdapter a, Deployment d, Request r)
      throws InterruptedException {
    try (ModelClient c = a.connect(d)) {
      assertThat(c.toString()).doesNotContain(FAKE_KEY);
      RequestResult result = c.complete(state(r));
      if (!result.success()) {
        assertThat(result.errorMessage()).doesNotContain(FAKE_KEY).doesNotContain("SECRET");
      }
      return result;
    }
  }

  private RequestResult call(Kind k, Map<String, String> options, Request r)
      throws InterruptedException {
    return call(k.adapter(), deployment(k, options), r);
  }

  private static JsonNode body(RecordedRequest r) throws IOException {
    return Json.MAPPER.readTree(r.getBody().utf8());
  }

  private static Kind kind(String name) {
    return kinds().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }

  // --- success, per provider: exact request and parsed response ---

  @Test
  void openAiSendsTheChatRequestAndReadsTokensWithLogprobs() throws Exception {
    server.enqueue(json(200, OPENAI_CHAT));
    Request r = new Request("t/x", "Capital of France?", 0.0, 1, 5, 7, List.of("\n"), false, null);
    RequestResult result = call(kind("openai"), Map.of("seed", "42"), r);

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Paris");
    assertThat(c.tokens())
        .containsExactly(
            new Token("Par", -0.25, Map.of("Par", -0.25, "Lon", -2.0)), new Token("is", -0.5));
    assertThat(c.tokens().get(0).topLogprobs().keySet()).containsExactly("Par", "Lon");
    assertThat(c.logprob()).isEqualTo(-0.75);
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.usage()).isEqualTo(new Usage(9, 2));
    assertThat(c.ttftSeconds()).isNull(); // not streamed

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/chat/completions");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    JsonNode b = body(sent);
    assertThat(b.path("model").asText()).isEqualTo("my-model");
    assertThat(b.path("messages")).hasSize(1);
    assertThat(b.path("messages").get(0).path("role").asText()).isEqualTo("user");
    assertThat(b.path("messages").get(0).path("content").asText()).isEqualTo("Capital of France?");
    assertThat(b.path("temperature").asDouble()).isEqualTo(0.0);
    assertThat(b.path("max_tokens").asInt()).isEqualTo(7);
    assertThat(b.path("stop").get(0).asText()).isEqualTo("\n");
    assertThat(b.path("logprobs").asBoolean()).isTrue();
    assertThat(b.path("top_logprobs").asInt()).isEqualTo(5);
    assertThat(b.path("seed").asInt()).isEqualTo(42);
    assertThat(b.path("stream").asBoolean()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void openAiSendsChatMessagesAsTheyAre() throws Exception {
    server.enqueue(json(200, OPENAI_CHAT));
    RequestResult result = call(kind("openai"), Map.of("logprobs", "false"), chat(TURNS));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).tokens()).isEmpty();
    JsonNode b = body(server.takeRequest());
    assertThat(b.path("messages")).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(b.path("messages").get(i).path("role").asText())
          .isEqualTo(TURNS.get(i).role().wireName());
      assertThat(b.path("messages").get(i).path("content").asText())
          .isEqualTo(TURNS.get(i).content());
    }
    assertThat(b.has("logprobs")).isFalse();
  }

  @Test
  void openAiStreamAsksForNoLogprobs() throws Exception {
    Streamed s = streams().filter(x -> x.kind().equals("openai")).findFirst().orElseThrow();
    server.enqueue(streamed(s, s.body()));
    Kind k = kind("openai");
    Deployment d = deployment(k, Map.of("stream", "true"));
    // langchain4j's streamed OpenAI responses carry no log-probabilities.
    assertThat(k.adapter().capabilities(d))
        .contains(Capability.STREAMING)
        .doesNotContain(Capability.LOGPROBS, Capability.TOP_LOGPROBS);
    RequestResult result = call(k.adapter(), d, request("Say hello", 5, List.of()));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    JsonNode b = body(server.takeRequest());
    assertThat(b.path("stream").asBoolean()).isTrue();
    assertThat(b.has("logprobs")).isFalse();
  }

  @Test
  void anthropicSendsSystemApartAndCountsCacheTokensAsInput() throws Exception {
    server.enqueue(json(200, ANTHROPIC_MESSAGE));
    RequestResult result =
        call(
            kind("anthropic"),
            Map.of(),
            new Request("t/x", "", 0.0, 1, 1, 10, List.of("\n", "###"), false, null, TURNS));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Paris");
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.tokens()).isEmpty();
    assertThat(c.usage()).isEqualTo(new Usage(16, 3));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(FAKE_KEY);
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode b = body(sent);
    assertThat(b.path("model").asText()).isEqualTo("claude-3-5-haiku-20241022");
    assertThat(b.path("max_tokens").asInt()).isEqualTo(10);
    assertThat(b.path("temperature").asDouble()).isEqualTo(0.0);
    assertThat(b.path("system").toString()).contains("Answer in one word.");
    assertThat(b.path("messages")).hasSize(3);
    assertThat(b.path("messages").get(1).path("role").asText()).isEqualTo("assistant");
    // The API rejects whitespace-only stop sequences; "\n" is applied afterwards instead.
    assertThat(b.path("stop_sequences")).hasSize(1);
    assertThat(b.path("stop_sequences").get(0).asText()).isEqualTo("###");
  }

  @Test
  void anthropicWhitespaceStopIsAppliedToTheText() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"type":"message","role":"assistant","content":[{"type":"text","text":"42\\nExplanation"}],
             "stop_reason":"max_tokens","usage":{"input_tokens":3,"output_tokens":5}}
            """));
    RequestResult result = call(kind("anthropic"), Map.of(), request("6*7=", 10, List.of("\n")));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).text()).isEqualTo("42");
    assertThat(result.completions().get(0).finishReason()).isEqualTo("stop");
  }

  @Test
  void geminiSendsTheKeyInAHeaderAndReadsUsage() throws Exception {
    server.enqueue(json(200, GEMINI_CONTENT));
    RequestResult result =
        call(
            kind("gemini"),
            Map.of("seed", "7"),
            new Request("t/x", "", 0.5, 1, 1, 8, List.of("\n"), false, null, TURNS));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Paris");
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.usage()).isEqualTo(new Usage(5, 2));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
    assertThat(sent.getUrl().toString()).doesNotContain(FAKE_KEY);
    assertThat(sent.getHeaders().get("x-goog-api-key")).isEqualTo(FAKE_KEY);
    JsonNode b = body(sent);
    assertThat(b.path("systemInstruction").toString()).contains("Answer in one word.");
    assertThat(b.path("contents")).hasSize(3);
    assertThat(b.path("contents").get(1).path("role").asText()).isEqualTo("model");
    JsonNode g = b.path("generationConfig");
    assertThat(g.path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(g.path("maxOutputTokens").asInt()).isEqualTo(8);
    assertThat(g.path("stopSequences").get(0).asText()).isEqualTo("\n");
    assertThat(g.path("seed").asInt()).isEqualTo(7);
  }

  @Test
  void geminiInvalidKeyIsAnAuthError() throws Exception {
    server.enqueue(
        json(
            400,
            """
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
             "status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}
            """));
    RequestResult result = call(kind("gemini"), Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.AUTH);
  }

  @Test
  void ollamaSendsOptionsAndTheProxyKey() throws Exception {
    server.enqueue(json(200, OLLAMA_CHAT));
    RequestResult result =
        call(kind("ollama"), Map.of("seed", "3"), request("Capital of France?", 9, List.of("\n")));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Paris");
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.usage()).isEqualTo(new Usage(6, 2));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    JsonNode b = body(sent);
    assertThat(b.path("model").asText()).isEqualTo("llama3.2:1b");
    assertThat(b.path("stream").asBoolean()).isFalse();
    assertThat(b.path("messages").get(0).path("content").asText()).isEqualTo("Capital of France?");
    JsonNode o = b.path("options");
    assertThat(o.path("num_predict").asInt()).isEqualTo(9);
    assertThat(o.path("temperature").asDouble()).isEqualTo(0.0);
    assertThat(o.path("seed").asInt()).isEqualTo(3);
    assertThat(o.path("stop").get(0).asText()).isEqualTo("\n");
  }

  /**
   * One provider's streamed answer "Paris" (Par + is), 6 input and 2 output tokens, and how a
   * stream cut after its first event ends: langchain4j's OpenAI and Gemini models complete it
   * without a finish reason (caught here), its Anthropic and Ollama models never call back (so the
   * call deadline ends it).
   */
  record Streamed(String kind, String path, String contentType, String body, ErrorKind cut) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<Streamed> streams() {
    return Stream.of(
        new Streamed(
            "openai",
            "/chat/completions",
            "text/event-stream",
            """
            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"is"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":6,"completion_tokens":2,"total_tokens":8}}

            data: [DONE]

            """,
            ErrorKind.TRANSIENT),
        new Streamed(
            "anthropic",
            "/v1/messages",
            "text/event-stream",
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-haiku-20241022","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":6,"output_tokens":1}}}

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

            """,
            ErrorKind.TIMEOUT),
        new Streamed(
            "gemini",
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
            "text/event-stream",
            """
            data: {"candidates":[{"content":{"parts":[{"text":"Par"}],"role":"model"},"index":0}]}

            data: {"candidates":[{"content":{"parts":[{"text":"is"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":6,"candidatesTokenCount":2,"totalTokenCount":8}}

            """,
            ErrorKind.TRANSIENT),
        new Streamed(
            "ollama",
            "/api/chat",
            "application/x-ndjson",
            """
            {"model":"llama3.2:1b","message":{"role":"assistant","content":"Par"},"done":false}
            {"model":"llama3.2:1b","message":{"role":"assistant","content":"is"},"done":false}
            {"model":"llama3.2:1b","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":6,"eval_count":2}
            """,
            ErrorKind.TIMEOUT));
  }

  private static MockResponse streamed(Streamed s, String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", s.contentType())
        .chunkedBody(body, 32)
        .build();
  }

  @ParameterizedTest
  @MethodSource("streams")
  void streamedAnswerGivesTextUsageAndTimeToFirstToken(Streamed s) throws Exception {
    server.enqueue(streamed(s, s.body()));
    Kind k = kind(s.kind());
    Deployment d = deployment(k, Map.of("stream", "true"));
    assertThat(k.adapter().capabilities(d)).contains(Capability.STREAMING);
    try (ModelClient c = k.adapter().connect(d)) {
      RequestResult result = c.complete(state(request("Capital of France?", 5, List.of())));
      assertThat(result.success()).as(result.errorMessage()).isTrue();
      Completion done = result.completions().get(0);
      assertThat(done.text()).isEqualTo("Paris");
      assertThat(done.finishReason()).isEqualTo("stop");
      assertThat(done.usage()).isEqualTo(new Usage(6, 2));
      assertThat(done.ttftSeconds()).isNotNull().isPositive();
      assertThat(((StreamingStats) c).timeToFirstToken().getCount()).isEqualTo(1);
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(s.path());
  }

  @ParameterizedTest
  @MethodSource("streams")
  void streamCutBeforeItsEndFails(Streamed s) throws Exception {
    // Only the first event (or line): no finish reason, no end marker.
    String first = s.body().substring(0, s.body().indexOf("Par") + 3);
    first = s.body().substring(0, s.body().indexOf('\n', first.length()) + 1);
    server.enqueue(streamed(s, first));
    Kind k = kind(s.kind());
    RequestResult result =
        call(
            k,
            Map.of("stream", "true", "call_timeout_s", "2"),
            request("Capital of France?", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(s.cut());
    assertThat(result.errorKind().isRetriable()).isTrue();
  }

  @Test
  void systemOptionIsUsedOnlyWhenTheRequestHasNone() throws Exception {
    server.enqueue(json(200, OLLAMA_CHAT));
    server.enqueue(json(200, OLLAMA_CHAT));
    Map<String, String> options = Map.of("system", "Be brief.");
    assertThat(call(kind("ollama"), options, request("Capital?", 5, List.of())).success()).isTrue();
    assertThat(call(kind("ollama"), options, chat(TURNS)).success()).isTrue();
    JsonNode prompt = body(server.takeRequest()).path("messages");
    assertThat(prompt).hasSize(2);
    assertThat(prompt.get(0).path("role").asText()).isEqualTo("system");
    assertThat(prompt.get(0).path("content").asText()).isEqualTo("Be brief.");
    JsonNode chat = body(server.takeRequest()).path("messages");
    assertThat(chat).hasSize(4);
    assertThat(chat.get(0).path("content").asText()).isEqualTo("Answer in one word.");
  }

  // --- every provider: the same outcomes as the own clients ---

  @ParameterizedTest
  @MethodSource("kinds")
  void severalCompletionsAreSeveralCalls(Kind k) throws Exception {
    server.enqueue(json(200, k.success()));
    server.enqueue(json(200, k.success()));
    RequestResult result =
        call(k, Map.of(), new Request("t/x", "p", 0.7, 2, 1, 5, List.of(), false, null));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rateLimitIsRetriable(Kind k) throws Exception {
    server.enqueue(
        json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")
            .newBuilder()
            .addHeader("Retry-After", "7")
            .build());
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(result.errorMessage()).contains("HTTP 429").contains("Rate limit reached");
    assertThat(server.getRequestCount()).isEqualTo(1); // langchain4j's own retries are off
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void exhaustedQuotaIsFatal(Kind k) throws Exception {
    server.enqueue(
        json(
            429,
            "{\"error\":{\"message\":\"You exceeded your quota\",\"type\":\"insufficient_quota\"}}"));
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.FATAL);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rejectedKeyIsAnAuthErrorWithoutTheKey(Kind k) throws Exception {
    server.enqueue(
        json(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + FAKE_KEY
                + "\",\"type\":\"invalid_request_error\"}}"));
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.AUTH);
    assertThat(result.errorMessage()).contains("HTTP 401").contains("[redacted]");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void serverErrorIsTransient(Kind k) throws Exception {
    server.enqueue(json(500, "{\"error\":{\"message\":\"The server had an error\"}}"));
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("HTTP 500");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void badRequestIsNotRetried(Kind k) throws Exception {
    server.enqueue(json(400, "{\"error\":{\"message\":\"context length exceeded\"}}"));
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("context length exceeded");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void malformedBodyIsTransient(Kind k) throws Exception {
    server.enqueue(json(200, "{\"choices\": [ not json"));
    RequestResult result = call(k, Map.of(), request("p", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("malformed response body");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void slowServerTimesOut(Kind k) throws Exception {
    server.enqueue(json(200, k.success()).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
    long start = System.nanoTime();
    RequestResult result = call(k, Map.of("read_timeout_s", "0.3"), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.5);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void callDeadlineCutsAStalledBody(Kind k) throws Exception {
    server.enqueue(json(200, k.success()).newBuilder().bodyDelay(3, TimeUnit.SECONDS).build());
    long start = System.nanoTime();
    RequestResult result = call(k, Map.of("call_timeout_s", "0.5"), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(result.errorMessage()).contains("call_timeout_s");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.5);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void interruptingTheCallerCancelsTheCall(Kind k) throws Exception {
    server.enqueue(json(200, k.success()).newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
    try (ModelClient c = k.adapter().connect(deployment(k, Map.of()))) {
      AtomicReference<Object> outcome = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  outcome.set(c.complete(state(request("p", 5, List.of()))));
                } catch (InterruptedException e) {
                  outcome.set(e);
                }
              });
      caller.start();
      Thread.sleep(300);
      long start = System.nanoTime();
      caller.interrupt();
      caller.join(2000);
      assertThat(caller.isAlive()).isFalse();
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void refusedConnectionIsTransient(Kind k) throws Exception {
    String url = server.url("/").toString();
    server.close();
    RequestResult result = call(k, Map.of("base_url", url), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void echoIsRefusedWithoutACall(Kind k) throws Exception {
    RequestResult result = call(k, Map.of(), echo("The cat sat"));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("PROMPT_LOGPROBS");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void capabilitiesAreHonest(Kind k) {
    var caps = k.adapter().capabilities(deployment(k, Map.of()));
    assertThat(caps)
        .contains(Capability.CHAT, Capability.MULTIPLE_COMPLETIONS, Capability.STOP_SEQUENCES)
        .doesNotContain(
            Capability.TEXT_COMPLETION, Capability.PROMPT_LOGPROBS, Capability.STREAMING);
    if (k.name().equals("openai")) {
      assertThat(caps).contains(Capability.LOGPROBS, Capability.TOP_LOGPROBS);
      assertThat(k.adapter().capabilities(deployment(k, Map.of("logprobs", "false"))))
          .doesNotContain(Capability.LOGPROBS, Capability.TOP_LOGPROBS);
    } else {
      assertThat(caps).doesNotContain(Capability.LOGPROBS, Capability.TOP_LOGPROBS);
    }
    assertThat(k.adapter().kind()).isEqualTo("langchain4j-" + k.name());
  }

  @Test
  void missingKeyOrBadSeedIsAUserError() {
    LangChain4jAdapter a = new OpenAiLangChain4jAdapter(name -> null);
    assertThatThrownBy(() -> a.connect(deployment(a, "m", Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("OPENAI_API_KEY");
    Kind k = kind("openai");
    assertThatThrownBy(() -> k.adapter().connect(deployment(k, Map.of("seed", "x"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("seed");
    Kind anthropic = kind("anthropic");
    assertThatThrownBy(
            () -> anthropic.adapter().connect(deployment(anthropic, Map.of("seed", "1"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("seed");
  }
}
