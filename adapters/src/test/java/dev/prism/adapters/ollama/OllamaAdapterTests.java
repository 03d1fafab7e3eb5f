package dev.prism.adapters.ollama;

import static dev.prism.adapters.http.Fixtures.TURNS;
import static dev.prism.adapters.http.Fixtures.chat;
import static dev.prism.adapters.http.Fixtures.json;
import static dev.prism.adapters.http.Fixtures.request;
import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.Capability;
import dev.prism.adapters.http.Json;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaAdapterTests {
  private final MockWebServer server = new MockWebServer();
  private final OllamaAdapter adapter = new OllamaAdapter(v -> null);

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Deployment deployment(Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(extra);
    options.put("base_url", server.url("/").toString());
    return new Deployment("ollama/llama3.2", "ollama", "llama3.2:1b", 8192, options);
  }

  private RequestResult call(Map<String, String> extra, Request r) throws InterruptedException {
    try (ModelClient c = adapter.connect(deployment(extra))) {
      return c.complete(state(r));
    }
  }

  @Test
  void generateIsRawTextCompletionRepeatedForSeveralCompletions() throws Exception {
    String body =
        """
        {"model":"llama3.2:1b","created_at":"2025-01-01T00:00:00Z","response":" 42","done":true,
         "done_reason":"stop","total_duration":1000,"prompt_eval_count":5,"eval_count":2}
        """;
    server.enqueue(json(200, body));
    // The second call reuses the cached prompt: Ollama then leaves out prompt_eval_count.
    server.enqueue(json(200, body.replace("\"prompt_eval_count\":5,", "")));
    Request r = new Request("t/x", "6*7 =", 0.7, 2, 1, 4, List.of("\n"), false, null);
    RequestResult result = call(Map.of("logprobs", "false"), r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions()).extracting(Completion::text).containsExactly(" 42", " 42");
    assertThat(result.completions().get(0).finishReason()).isEqualTo("stop");
    assertThat(result.completions())
        .extracting(Completion::usage)
        .containsExactly(new Usage(5, 2), new Usage(0, 2));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/generate");
    JsonNode b = Json.MAPPER.readTree(sent.getBody().utf8());
    assertThat(b.path("model").asText()).isEqualTo("llama3.2:1b");
    assertThat(b.path("prompt").asText()).isEqualTo("6*7 =");
    assertThat(b.path("raw").asBoolean()).isTrue();
    assertThat(b.path("stream").asBoolean()).isFalse();
    assertThat(b.at("/options/num_predict").asInt()).isEqualTo(4);
    assertThat(b.at("/options/stop/0").asText()).isEqualTo("\n");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void chatApiSendsAUserMessage() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"model":"llama3.2:1b","message":{"role":"assistant","content":"Paris"},"done":true,"done_reason":"stop"}
            """));
    RequestResult result =
        call(Map.of("api", "chat", "logprobs", "false"), request("Capital?", 5, List.of()));
    assertThat(result.completions().get(0).text()).isEqualTo("Paris");
    assertThat(result.completions().get(0).usage()).isNull(); // no counts in the body
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(Json.MAPPER.readTree(sent.getBody().utf8()).at("/messages/0/content").asText())
        .isEqualTo("Capital?");
    assertThat(adapter.capabilities(deployment(Map.of("api", "chat", "logprobs", "false"))))
        .contains(Capability.CHAT)
        .doesNotContain(Capability.TEXT_COMPLETION, Capability.LOGPROBS);
  }

  /** The body Ollama 0.12.11+ returns for logprobs:true, top_logprobs:2 (api/types.go Logprob). */
  private static final String GENERATE_WITH_LOGPROBS =
      """
      {"model":"llama3.2:1b","created_at":"2025-11-12T10:00:00.000Z","response":" Paris.",
       "done":true,"done_reason":"stop","total_duration":2000,"prompt_eval_count":6,"eval_count":2,
       "logprobs":[
         {"token":" Paris","logprob":-0.0123,"bytes":[32,80,97,114,105,115],
          "top_logprobs":[{"token":" Paris","logprob":-0.0123,"bytes":[32,80,97,114,105,115]},
                          {"token":" Lyon","logprob":-4.75,"bytes":[32,76,121,111,110]}]},
         {"token":".","logprob":-0.5,"bytes":[46],
          "top_logprobs":[{"token":".","logprob":-0.5,"bytes":[46]},
                          {"token":"\\n","logprob":-1.25,"bytes":[10]}]}]}
      """;

  @Test
  void generateReturnsTokenLogprobsWithTopAlternatives() throws Exception {
    server.enqueue(json(200, GENERATE_WITH_LOGPROBS));
    Request r = new Request("t/x", "Capital of France:", 0.0, 1, 2, 3, List.of(), false, null);
    RequestResult result = call(Map.of(), r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo(" Paris.");
    assertThat(c.tokens()).extracting(Token::text).containsExactly(" Paris", ".");
    assertThat(c.tokens()).extracting(Token::logprob).containsExactly(-0.0123, -0.5);
    assertThat(c.logprob()).isCloseTo(-0.5123, within(1e-12));
    assertThat(c.tokens().get(0).topLogprobs())
        .containsExactly(entry(" Paris", -0.0123), entry(" Lyon", -4.75));
    assertThat(c.usage()).isEqualTo(new Usage(6, 2));

    JsonNode b = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(b.path("logprobs").asBoolean()).isTrue();
    assertThat(b.path("top_logprobs").asInt()).isEqualTo(2);
    assertThat(adapter.capabilities(deployment(Map.of())))
        .contains(Capability.LOGPROBS, Capability.TOP_LOGPROBS)
        .doesNotContain(Capability.PROMPT_LOGPROBS);
  }

  @Test
  void chatReturnsTokenLogprobsAndTopLogprobsIsCappedAtTwenty() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"model":"llama3.2:1b","created_at":"2025-11-12T10:00:00.000Z",
             "message":{"role":"assistant","content":"B"},"done":true,"done_reason":"stop",
             "prompt_eval_count":30,"eval_count":1,
             "logprobs":[{"token":"B","logprob":-0.105,"bytes":[66],
                          "top_logprobs":[{"token":"B","logprob":-0.105},{"token":"A","logprob":-2.4}]}]}
            """));
    Request r = new Request("t/x", "Answer:", 0.0, 1, 50, 1, List.of(), false, null);
    RequestResult result = call(Map.of("api", "chat"), r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).logprob()).isEqualTo(-0.105);
    assertThat(result.completions().get(0).tokens().get(0).topLogprobs()).containsKeys("B", "A");
    JsonNode b = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(b.path("top_logprobs").asInt()).isEqualTo(20);
  }

  @Test
  void aServerTooOldForLogprobsFailsTheCallInsteadOfReportingCertainTokens() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"model":"llama3.2:1b","response":" Paris","done":true,"done_reason":"stop","eval_count":1}
            """));
    RequestResult result = call(Map.of(), request("p", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("0.12.11").contains("logprobs: false");
    assertThat(server.getRequestCount()).isEqualTo(1); // not retried
  }

  @Test
  void logprobsFalseSendsNoLogprobFieldsAndAcceptsAnOldServer() throws Exception {
    server.enqueue(
        json(200, "{\"model\":\"m\",\"response\":\" Paris\",\"done\":true,\"eval_count\":1}"));
    RequestResult result = call(Map.of("logprobs", "false"), request("p", 5, List.of()));
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions().get(0).tokens()).isEmpty();
    JsonNode b = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(b.has("logprobs")).isFalse();
    assertThat(b.has("top_logprobs")).isFalse();
  }

  @Test
  void logprobsAreCutWithTheTextAtAStopSequence() throws Exception {
    // Ollama honours stops itself; the cut after the fact covers a server that did not.
    server.enqueue(json(200, GENERATE_WITH_LOGPROBS));
    Request r = new Request("t/x", "Capital of France:", 0.0, 1, 1, 3, List.of("."), false, null);
    Completion c = call(Map.of(), r).completions().get(0);
    assertThat(c.text()).isEqualTo(" Paris");
    assertThat(c.tokens()).extracting(Token::text).containsExactly(" Paris");
    assertThat(c.logprob()).isEqualTo(-0.0123);
  }

  @Test
  void unknownModelIsInvalidRequest() throws Exception {
    server.enqueue(
        json(404, "{\"error\":\"model 'llama3.2:1b' not found, try pulling it first\"}"));
    RequestResult result = call(Map.of(), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("not found, try pulling it first");
  }

  private static final String CHAT_ANSWER =
      """
      {"model":"llama3.2:1b","message":{"role":"assistant","content":"Rome"},"done":true,
       "done_reason":"stop","prompt_eval_count":20,"eval_count":1}
      """;

  @Test
  void theChatApiSendsTheMessagesAsTheyAre() throws Exception {
    server.enqueue(json(200, CHAT_ANSWER));
    // These answers carry no log-probabilities, which a deployment asking for them refuses.
    RequestResult result = call(Map.of("api", "chat", "logprobs", "false"), chat(TURNS));

    assertThat(result.completions().get(0).text()).isEqualTo("Rome");
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(sent.getBody().utf8())
        .isEqualTo(
            "{\"model\":\"llama3.2:1b\",\"stream\":false,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Answer in one word.\"},"
                + "{\"role\":\"user\",\"content\":\"Capital of France?\"},"
                + "{\"role\":\"assistant\",\"content\":\"Paris\"},"
                + "{\"role\":\"user\",\"content\":\"And of Italy?\"}],"
                + "\"options\":{\"temperature\":0.0,\"num_predict\":10}}");
  }

  @Test
  void templatedGenerateTakesOneUserTurnWithItsSystemPromptAndRefusesLongerChats()
      throws Exception {
    server.enqueue(json(200, "{\"response\":\"Paris\",\"done\":true}"));
    Map<String, String> templated = Map.of("raw", "false", "logprobs", "false");
    RequestResult single = call(templated, chat(TURNS.subList(0, 2)));
    RequestResult longer = call(templated, chat(TURNS));
    RequestResult raw = call(Map.of(), chat(TURNS.subList(1, 2)));

    assertThat(single.completions().get(0).text()).isEqualTo("Paris");
    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"model\":\"llama3.2:1b\",\"stream\":false,\"system\":\"Answer in one word.\","
                + "\"prompt\":\"Capital of France?\",\"raw\":false,"
                + "\"options\":{\"temperature\":0.0,\"num_predict\":10}}");
    assertThat(longer.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(longer.errorMessage())
        .isEqualTo(
            "ollama deployment 'ollama/llama3.2' uses /api/generate, which takes one user turn;"
                + " set 'api: chat' for a chat");
    assertThat(raw.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(raw.errorMessage()).contains("raw: true").contains("set 'api: chat'");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
