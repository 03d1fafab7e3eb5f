package dev.prism.adapters.gemini;

import static dev.prism.adapters.http.Fixtures.FAKE_KEY;
import static dev.prism.adapters.http.Fixtures.TURNS;
import static dev.prism.adapters.http.Fixtures.chat;
import static dev.prism.adapters.http.Fixtures.json;
import static dev.prism.adapters.http.Fixtures.request;
import static dev.prism.adapters.http.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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

class GeminiAdapterTests {
  private final MockWebServer server = new MockWebServer();
  private final GeminiAdapter adapter = new GeminiAdapter(Map.of("GEMINI_API_KEY", FAKE_KEY)::get);

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
    return new Deployment("google/gemini", "gemini", "gemini-2.0-flash", 1_000_000, options);
  }

  private RequestResult call(Request r) throws InterruptedException {
    return call(Map.of(), r);
  }

  private RequestResult call(Map<String, String> extra, Request r) throws InterruptedException {
    try (ModelClient c = adapter.connect(deployment(extra))) {
      return c.complete(state(r));
    }
  }

  @Test
  void generateContentReturnsCandidatesWithoutThoughts() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"candidates":[
               {"content":{"parts":[{"text":"thinking…","thought":true},{"text":"Par"},{"text":"is"}],"role":"model"},
                "finishReason":"STOP","index":0},
               {"content":{"parts":[{"text":"Lyon"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}],
             "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"thoughtsTokenCount":9,
                              "totalTokenCount":16},
             "modelVersion":"gemini-2.0-flash"}
            """));
    Request r = new Request("t/x", "Capital of France?", 0.5, 2, 1, 8, List.of("\n"), false, null);
    RequestResult result = call(r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(result.completions()).extracting(Completion::text).containsExactly("Paris", "Lyon");
    assertThat(result.completions())
        .extracting(Completion::finishReason)
        .containsExactly("stop", "length");
    // One call, one usage: on the first candidate, thought tokens counted as output.
    assertThat(result.completions())
        .extracting(Completion::usage)
        .containsExactly(new Usage(5, 11), null);
    assertThat(Usage.total(result.completions())).isEqualTo(new Usage(5, 11));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath())
        .isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
    assertThat(sent.getUrl().query()).isNull();
    assertThat(sent.getHeaders().get("x-goog-api-key")).isEqualTo(FAKE_KEY);
    JsonNode b = Json.MAPPER.readTree(sent.getBody().utf8());
    assertThat(b.at("/contents/0/parts/0/text").asText()).isEqualTo("Capital of France?");
    assertThat(b.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(8);
    assertThat(b.at("/generationConfig/candidateCount").asInt()).isEqualTo(2);
    assertThat(b.at("/generationConfig/stopSequences/0").asText()).isEqualTo("\n");
    assertThat(b.at("/generationConfig").has("responseLogprobs")).isFalse();
    assertThat(adapter.capabilities(deployment(Map.of()))).doesNotContain(Capability.LOGPROBS);
  }

  @Test
  void logprobsTrueReadsChosenAndTopCandidatesOfEachCandidate() throws Exception {
    // The shape of generateContent with responseLogprobs=true, logprobs=2. Protobuf JSON leaves
    // out a logProbability of 0 ("Paris" below is certain).
    server.enqueue(
        json(
            200,
            """
            {"candidates":[
               {"content":{"parts":[{"text":"Paris."}],"role":"model"},"finishReason":"STOP",
                "avgLogprobs":-0.25,
                "logprobsResult":{
                  "topCandidates":[
                    {"candidates":[{"token":"Paris","tokenId":12345},
                                   {"token":"Lyon","tokenId":23456,"logProbability":-7.5}]},
                    {"candidates":[{"token":".","tokenId":235265,"logProbability":-0.5},
                                   {"token":"\\n","tokenId":108,"logProbability":-1.0}]}],
                  "chosenCandidates":[{"token":"Paris","tokenId":12345},
                                      {"token":".","tokenId":235265,"logProbability":-0.5}]}}],
             "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7},
             "modelVersion":"gemini-2.0-flash"}
            """));
    Request r = new Request("t/x", "Capital of France?", 0.0, 1, 2, 4, List.of(), false, null);
    RequestResult result = call(Map.of("logprobs", "true"), r);
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    Completion c = result.completions().get(0);
    assertThat(c.text()).isEqualTo("Paris.");
    assertThat(c.tokens()).extracting(Token::text).containsExactly("Paris", ".");
    assertThat(c.tokens()).extracting(Token::logprob).containsExactly(0.0, -0.5);
    assertThat(c.logprob()).isEqualTo(-0.5);
    assertThat(c.tokens().get(0).topLogprobs())
        .containsExactly(entry("Paris", 0.0), entry("Lyon", -7.5));
    assertThat(c.tokens().get(1).topLogprobs())
        .containsExactly(entry(".", -0.5), entry("\n", -1.0));

    JsonNode b = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(b.at("/generationConfig/responseLogprobs").asBoolean()).isTrue();
    assertThat(b.at("/generationConfig/logprobs").asInt()).isEqualTo(2);
    assertThat(adapter.capabilities(deployment(Map.of("logprobs", "true"))))
        .contains(Capability.CHAT, Capability.LOGPROBS, Capability.TOP_LOGPROBS)
        .doesNotContain(Capability.PROMPT_LOGPROBS);
  }

  @Test
  void aModelWithoutLogprobsSaysWhichOptionToChange() throws Exception {
    server.enqueue(
        json(
            400,
            """
            {"error":{"code":400,"message":"Logprobs is not enabled for models/gemini-2.5-pro","status":"INVALID_ARGUMENT"}}
            """));
    RequestResult result = call(Map.of("logprobs", "true"), request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage())
        .contains("Logprobs is not enabled")
        .contains("logprobs: false");
  }

  @Test
  void aCandidateWithTextButNoLogprobsResultFailsTheCall() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"candidates":[{"content":{"parts":[{"text":"Paris"}],"role":"model"},"finishReason":"STOP"}]}
            """));
    RequestResult result = call(Map.of("logprobs", "true"), request("p", 5, List.of()));
    assertThat(result.success()).isFalse();
    assertThat(result.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(result.errorMessage()).contains("logprobsResult");
  }

  @Test
  void blockedPromptIsAnEmptyFilteredCompletion() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},
             "usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}}
            """));
    RequestResult result = call(request("p", 5, List.of()));
    assertThat(result.success()).isTrue();
    assertThat(result.completions().get(0).text()).isEmpty();
    assertThat(result.completions().get(0).finishReason()).isEqualTo("content_filter");
    assertThat(result.completions().get(0).usage()).isEqualTo(new Usage(7, 0));
  }

  @Test
  void resourceExhaustedUsesTheRetryDelayOfTheBody() throws Exception {
    server.enqueue(
        json(
            429,
            """
            {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
              "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31s"}]}}
            """));
    RequestResult result = call(request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.RATE_LIMIT);
    assertThat(result.errorMessage()).contains("RESOURCE_EXHAUSTED");
    assertThat(RetryAfter.seconds(result.errorMessage())).hasValue(31);
  }

  @Test
  void invalidKeyIsAuthEvenThoughItIs400() throws Exception {
    server.enqueue(
        json(
            400,
            """
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
              "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}
            """));
    RequestResult result = call(request("p", 5, List.of()));
    assertThat(result.errorKind()).isEqualTo(ErrorKind.AUTH);
    assertThat(result.errorMessage()).doesNotContain(FAKE_KEY);
  }

  @Test
  void chatTurnsUseGeminisRolesAndTheSystemMessageBecomesTheSystemInstruction() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"candidates":[{"content":{"parts":[{"text":"Rome"}],"role":"model"},"finishReason":"STOP"}]}
            """));
    RequestResult result = call(chat(TURNS));

    assertThat(result.completions().get(0).text()).isEqualTo("Rome");
    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"system_instruction\":{\"parts\":[{\"text\":\"Answer in one word.\"}]},"
                + "\"contents\":["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Capital of France?\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"Paris\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"And of Italy?\"}]}],"
                + "\"generationConfig\":{\"temperature\":0.0,\"maxOutputTokens\":10}}");
  }
}
