package dev.prism.adapters.openai;

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
import dev.prism.adapters.http.RetryAfter;
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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTests {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> env = Map.of("OPENAI_API_KEY", FAKE_KEY, "VLLM_KEY", FAKE_KEY);

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Deployment deployment(String kind, Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(extra);
    options.put("base_url", server.url("/v1").toString());
    return new Deployment("test/model", kind, "my-model", 4096, options);
  }

  private ModelClient openai(Map<String, String> extra) {
    return new OpenAiAdapter(env::get).connect(deployment("openai", extra));
  }

  private ModelClient compatible(Map<String, String> extra) {
    return new OpenAiCompatibleAdapter(env::get).connect(deployment("openai-compatible", extra));
  }

  private RequestResult call(ModelClient client, Request r) throws InterruptedException {
    try (client) {
      return client.complete(state(r));
    }
  }

  private JsonNode body(RecordedRequest r) throws IOException {
    return Json.MAPPER.readTree(r.getBody().utf8());
  }

  private static final String CHAT =
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

  @Test
  void chatSendsTheRequestAndReadsTokensWithLogprobs() throws Exception {
    server.enqueue(json(200, CHAT));
    Request r = new Request("t/x", "Capital of France?", 0.0, 1, 5, 7, List.of("\n"), false, null);
    RequestResult result = call(openai(Map.of()), r);

    assertThat(result.success()).isTrue();
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
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    JsonNode b = body(sent);
    assertThat(b.path("model").asText()).isEqualTo("my-model");
    assertThat(b.path("messages").get(0).path("role").asText()).isEqualTo("user");
    assertThat(b.path("messages").get(0).path("content").asText()).isEqualTo("Capital of France?");
    assertThat(b.path("temperature").asDouble()).isEqualTo(0.0);
    assertThat(b.path("max_tokens").asInt()).isEqualTo(7);
    assertThat(b.path("stop").get(0).asText()).isEqualTo("\n");
    assertThat(b.path("logprobs").asBoolean()).isTrue();
    assertThat(b.path("top_logprobs").asInt()).isEqualTo(5);
    assertThat(b.has("n")).isFalse();
    assertThat(b.has("stream")).isFalse();
  }

  @Test
  void chatCannotEchoAndSaysSoWithoutCallingTheServer() throws Exception {
    RequestResult result = call(openai(Map.of()), echo("The cat"));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("cannot echo").contains("api: completions");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void completionsEchoReturnsPromptAndCompletionTokensAndToleratesNullTopLogprobs()
      throws Exception {
    // The shape OpenAI and vLLM return for echo=true: the first prompt token has no logprob.
    server.enqueue(
        json(
            200,
            """
            {"id":"cmpl-1","object":"text_completion","created":1,"model":"my-model",
             "choices":[{"index":0,"text":"The cat sat",
               "logprobs":{"tokens":["The"," cat"," sat"],
                           "token_logprobs":[null,-3.5,-1.25],
                           "top_logprobs":[null,{" cat":-3.5," dog":-3.75},{" sat":-1.25}],
                           "text_offset":[0,3,7]},
               "finish_reason":"length"}],
             "usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":3}}
            """));
    Request r = new Request("t/x", "The cat", 0.0, 1, 1, 1, List.of(), true, null);
    RequestResult result = call(compatible(Map.of()), r);

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("The cat sat");
    assertThat(c.tokens())
        .containsExactly(
            new Token("The", 0.0),
            new Token(" cat", -3.5, Map.of(" cat", -3.5, " dog", -3.75)),
            new Token(" sat", -1.25, Map.of(" sat", -1.25)));
    assertThat(c.logprob()).isEqualTo(-4.75);
    assertThat(c.finishReason()).isEqualTo("length");
    assertThat(c.usage()).isEqualTo(new Usage(2, 1));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/completions");
    assertThat(sent.getHeaders().get("Authorization")).isNull();
    JsonNode b = body(sent);
    assertThat(b.path("prompt").asText()).isEqualTo("The cat");
    assertThat(b.path("echo").asBoolean()).isTrue();
    assertThat(b.path("logprobs").asInt()).isEqualTo(1);
    assertThat(b.path("max_tokens").asInt()).isEqualTo(1);
  }

  @Test
  void completionsCutsAtStopSequencesTheServerIgnored() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"object":"text_completion","choices":[{"index":0,"text":" 42\\nQ: next",
             "logprobs":{"tokens":[" 42","\\n","Q"],"token_logprobs":[-0.1,-0.2,-0.3],
                         "top_logprobs":[{" 42":-0.1},{"\\n":-0.2},{"Q":-0.3}]},
             "finish_reason":"length"}]}
            """));
    RequestResult result = call(compatible(Map.of()), request("Q: 6*7?\nA:", 5, List.of("\n")));
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo(" 42");
    assertThat(c.tokens()).containsExactly(new Token(" 42", -0.1, Map.of(" 42", -0.1)));
    assertThat(c.logprob()).isEqualTo(-0.1);
    assertThat(c.usage()).isNull(); // the body reported none
  }

  @Test
  void severalChoicesComeBackInIndexOrder() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"object":"chat.completion","choices":[
              {"index":1,"message":{"role":"assistant","content":"B"},"logprobs":null,"finish_reason":"stop"},
              {"index":0,"message":{"role":"assistant","content":"A"},"logprobs":null,"finish_reason":"stop"}]}
            """));
    Request r = new Request("t/x", "p", 1.0, 2, 1, 3, List.of(), false, null);
    RequestResult result = call(openai(Map.of()), r);
    assertThat(result.completions()).extracting(Completion::text).containsExactly("A", "B");
    assertThat(body(server.takeRequest()).path("n").asInt()).isEqualTo(2);
  }

  @Test
  void streamingChatAssemblesChunksAndMeasuresTimeToFirstToken() throws Exception {
    String sse =
        """
        : keep-alive

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":{"content":[{"token":"Hel","logprob":-0.1,"bytes":[72,101,108],"top_logprobs":[]}]},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":{"content":[{"token":"lo","logprob":-0.2,"bytes":[108,111],"top_logprobs":[]}]},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}

        data: [DONE]

        """;
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/event-stream")
            .chunkedBody(sse, 64)
            .build());
    ModelClient client = openai(Map.of("stream", "true"));
    RequestResult result = call(client, request("Say hello", 5, List.of()));

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Hello");
    assertThat(c.tokens()).containsExactly(new Token("Hel", -0.1), new Token("lo", -0.2));
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.usage()).isEqualTo(new Usage(4, 2));
    assertThat(c.ttftSeconds()).isBetween(0.0, result.requestTimeSeconds());
    assertThat(((StreamingStats) client).timeToFirstToken().getCount()).isEqualTo(1);
    assertThat(((StreamingStats) client).timeToFirstToken().getMax()).isEqualTo(c.ttftSeconds());
    JsonNode sent = body(server.takeRequest());
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void streamedChoicesEachGetTheirOwnTimeToFirstTokenAndTopLogprobs() throws Exception {
    String sse =
        """
        data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"A"},"logprobs":{"content":[{"token":"A","logprob":-0.1,"top_logprobs":[{"token":"A","logprob":-0.1},{"token":"B","logprob":-2.5}]}]},"finish_reason":"stop"}]}

        data: {"object":"chat.completion.chunk","choices":[{"index":1,"delta":{"content":"B"},"logprobs":{"content":[{"token":"B","logprob":-2.5,"top_logprobs":[{"token":"A","logprob":-0.1},{"token":"B","logprob":-2.5}]}]},"finish_reason":"stop"}]}

        data: [DONE]

        """;
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/event-stream")
            .body(sse)
            .throttleBody(128, 100, TimeUnit.MILLISECONDS)
            .build());
    Request r = new Request("t/x", "A or B?", 1.0, 2, 2, 1, List.of(), false, null);
    RequestResult result = call(openai(Map.of("stream", "true")), r);

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion a = result.completions().get(0);
    Completion b = result.completions().get(1);
    assertThat(a.text() + b.text()).isEqualTo("AB");
    assertThat(b.tokens().get(0).topLogprobs())
        .containsExactly(Map.entry("A", -0.1), Map.entry("B", -2.5));
    assertThat(a.ttftSeconds()).isPositive();
    assertThat(b.ttftSeconds())
        .isGreaterThan(a.ttftSeconds())
        .isLessThanOrEqualTo(result.requestTimeSeconds());
    assertThat(Usage.total(result.completions())).isNull(); // this server sent no usage chunk
  }

  @Test
  void truncatedStreamIsTransient() throws Exception {
    String sse =
        """
        data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

        """;
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/event-stream")
            .body(sse)
            .build());
    RequestResult result = call(openai(Map.of("stream", "true")), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("truncated");
  }

  @Test
  void rateLimitCarriesRetryAfter() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .addHeader("Retry-After", "12")
            .body(
                """
                {"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}
                """)
            .build());
    RequestResult result = call(openai(Map.of()), request("p", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(result.errorMessage())
        .contains("HTTP 429")
        .contains("Rate limit reached")
        .endsWith(" retry_after_s=12");
    assertThat(RetryAfter.seconds(result.errorMessage())).hasValue(12);
  }

  @Test
  void exhaustedQuotaIsNotRetried() throws Exception {
    server.enqueue(
        json(
            429,
            """
            {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}
            """));
    RequestResult result = call(openai(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.FATAL);
    assertThat(result.errorKind().isRetriable()).isFalse();
  }

  @Test
  void serverErrorIsTransient() throws Exception {
    server.enqueue(
        json(
            500,
            "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));
    RequestResult result = call(openai(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("HTTP 500").contains("server had an error");
  }

  @Test
  void contextLengthErrorIsInvalidRequest() throws Exception {
    server.enqueue(
        json(
            400,
            """
            {"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.","type":"BadRequestError","param":null,"code":400}
            """));
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("maximum context length");
  }

  @Test
  void notFoundHintsAtTheBaseUrl() throws Exception {
    server.enqueue(json(404, "{\"detail\":\"Not Found\"}"));
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("check base_url");
  }

  @Test
  void malformedJsonBodyIsTransient() throws Exception {
    server.enqueue(json(200, "{\"choices\":[{\"index\":0,\"text\":\"abc\""));
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("malformed");
  }

  @Test
  void bodyWithoutChoicesIsTransient() throws Exception {
    server.enqueue(json(200, "{\"object\":\"text_completion\"}"));
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
    assertThat(result.errorMessage()).contains("choices");
  }

  @Test
  void truncatedBodyIsTransient() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"object\":\"text_completion\",\"choices\":[")
            .setHeader("Content-Length", "500")
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
  }

  @Test
  void droppedConnectionIsTransient() throws Exception {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    RequestResult result = call(compatible(Map.of()), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TRANSIENT);
  }

  @Test
  void readTimeoutIsTimeout() throws Exception {
    server.enqueue(json(200, CHAT).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
    RequestResult result =
        call(openai(Map.of("read_timeout_s", "0.2")), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(result.requestTimeSeconds()).isLessThan(2.5);
  }

  @Test
  void callDeadlineIsTimeout() throws Exception {
    server.enqueue(
        json(200, CHAT).newBuilder().throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
    RequestResult result =
        call(openai(Map.of("call_timeout_s", "0.5")), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
  }

  @Test
  void rejectedKeyIsAuthAndTheKeyNeverAppears() throws Exception {
    // OpenAI echoes a masked key; a careless server might echo it whole.
    server.enqueue(
        json(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + FAKE_KEY
                + ". Also sk-test-***cdef.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    ModelClient client = openai(Map.of());
    RequestResult result = call(client, request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.AUTH);
    assertThat(result.errorMessage()).contains("Incorrect API key").doesNotContain(FAKE_KEY);
    assertThat(result.errorMessage()).doesNotContain("sk-test");
    assertThat(result.toString()).doesNotContain(FAKE_KEY);
    assertThat(client.toString()).doesNotContain(FAKE_KEY);
  }

  @Test
  void missingKeyIsAUserErrorNamingTheVariable() {
    assertThatThrownBy(() -> new OpenAiAdapter(v -> null).connect(deployment("openai", Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void compatibleNeedsABaseUrl() {
    assertThatThrownBy(
            () ->
                new OpenAiCompatibleAdapter(env::get)
                    .connect(new Deployment("local/x", "openai-compatible", "x", 1, Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("base_url");
  }

  @Test
  void capabilitiesFollowTheApi() {
    OpenAiCompatibleAdapter a = new OpenAiCompatibleAdapter(env::get);
    assertThat(a.capabilities(deployment("openai-compatible", Map.of())))
        .contains(Capability.TEXT_COMPLETION, Capability.PROMPT_LOGPROBS, Capability.LOGPROBS)
        .doesNotContain(Capability.CHAT);
    assertThat(
            a.capabilities(
                deployment("openai-compatible", Map.of("api", "chat", "stream", "true"))))
        .contains(Capability.CHAT, Capability.LOGPROBS, Capability.STREAMING)
        .doesNotContain(Capability.PROMPT_LOGPROBS, Capability.TEXT_COMPLETION);
    assertThat(a.capabilities(deployment("openai-compatible", Map.of("logprobs", "false"))))
        .doesNotContain(Capability.LOGPROBS, Capability.PROMPT_LOGPROBS);
  }

  @Test
  void interruptingTheCallerCancelsTheCall() throws Exception {
    server.enqueue(json(200, CHAT).newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
    ModelClient client = openai(Map.of());
    Thread.currentThread().interrupt();
    try (client) {
      assertThatThrownBy(() -> client.complete(state(request("p", 5, List.of()))))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void chatMessagesAreSentAsTheyAre() throws Exception {
    server.enqueue(json(200, CHAT));
    RequestResult result =
        call(compatible(Map.of("api", "chat", "logprobs", "false")), chat(TURNS));

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).text()).isEqualTo("Paris");
    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"model\":\"my-model\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Answer in one word.\"},"
                + "{\"role\":\"user\",\"content\":\"Capital of France?\"},"
                + "{\"role\":\"assistant\",\"content\":\"Paris\"},"
                + "{\"role\":\"user\",\"content\":\"And of Italy?\"}],"
                + "\"temperature\":0.0,\"max_tokens\":10}");
  }

  @Test
  void theCompletionsApiRefusesChatMessagesWithoutCallingTheServer() throws Exception {
    RequestResult result = call(compatible(Map.of()), chat(TURNS));

    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage())
        .isEqualTo(
            "openai-compatible deployment 'test/model' uses the completions API, which takes a raw"
                + " prompt, not chat messages (capability CHAT; prompt method chat): set 'api:"
                + " chat'");
    assertThat(server.getRequestCount()).isZero();
  }
}
