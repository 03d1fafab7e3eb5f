package dev.prism.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.FirstTokenTimes;
import dev.prism.adapters.StreamingStats;
import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.ChatTurns;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.http.HttpTransport;
import dev.prism.adapters.http.HttpTransport.MalformedBody;
import dev.prism.adapters.http.Json;
import dev.prism.adapters.http.TokenLogprobs;
import dev.prism.adapters.http.Truncation;
import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Response;
import okio.BufferedSource;

/** A client for one OpenAI-style deployment. Thread-safe. */
final class OpenAiClient implements ModelClient, StreamingStats {
  private final OpenAiConfig config;
  private final HttpTransport http;
  private final Map<String, String> headers;
  private final FirstTokenTimes ttft = new FirstTokenTimes();

  OpenAiClient(OpenAiConfig config, ApiKey key) {
    this.config = config;
    this.http =
        new HttpTransport(config.deployment(), config.who(), key, s -> java.util.Optional.empty());
    this.headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key.reveal());
  }

  @Override
  public RequestResult complete(RequestState state) throws InterruptedException {
    Request r = state.request();
    long start = System.nanoTime();
    try {
      List<Completion> completions;
      if (config.chat()) {
        if (r.echoPrompt()) {
          throw new CallFailure(
              ErrorKind.INVALID_REQUEST,
              config.who()
                  + " uses the chat API, which cannot echo prompt log-probabilities"
                  + " (set 'api: completions' if the server supports it, or use a generation"
                  + " prompt format)");
        }
        completions =
            config.stream()
                ? http.post(
                    config.chatUrl(),
                    OpenAiWire.chatBody(
                        config.model(), r, config.logprobs(), true, config.maxTokensField()),
                    headers,
                    this::readStream)
                : http.post(
                    config.chatUrl(),
                    OpenAiWire.chatBody(
                        config.model(), r, config.logprobs(), false, config.maxTokensField()),
                    headers,
                    HttpTransport.json(OpenAiClient::parseChat));
      } else {
        ChatTurns.rejectMessages(
            r, config.who() + " uses the completions API, which", "set 'api: chat'");
        completions =
            http.post(
                config.completionsUrl(),
                OpenAiWire.completionsBody(config.model(), r, config.logprobs()),
                headers,
                HttpTransport.json(OpenAiClient::parseCompletions));
      }
      if (!r.echoPrompt()) {
        completions =
            completions.stream().map(c -> Truncation.atStops(c, r.stopSequences())).toList();
      }
      return RequestResult.success(completions, seconds(start));
    } catch (CallFailure e) {
      String message = e.getMessage();
      if (message.contains(": HTTP 404")) {
        message +=
            " (check base_url: OpenAI-style servers usually serve under /v1, and the model id)";
      }
      return RequestResult.failure(e.kind(), message, seconds(start));
    }
  }

  private static List<Completion> parseChat(JsonNode root) throws CallFailure {
    try {
      return OpenAiWire.parseChat(root);
    } catch (MalformedBody e) {
      throw HttpErrors.malformed("chat response", e.getMessage());
    }
  }

  private static List<Completion> parseCompletions(JsonNode root) throws CallFailure {
    try {
      return OpenAiWire.parseCompletions(root);
    } catch (MalformedBody e) {
      throw HttpErrors.malformed("completions response", e.getMessage());
    }
  }

  /**
   * Reads a server-sent-event stream of {@code chat.completion.chunk}s. The stream must end with
   * {@code data: [DONE]} or, for servers that omit it, with a finish reason on every choice;
   * anything shorter is a truncated stream ({@link ErrorKind#TRANSIENT}). Each completion gets the
   * time to its own first content token; the usage chunk ({@code stream_options.include_usage})
   * goes on the first completion.
   */
  private List<Completion> readStream(Response response, long start)
      throws IOException, CallFailure {
    TreeMap<Integer, Accumulator> choices = new TreeMap<>();
    BufferedSource source = response.body().source();
    boolean done = false;
    long firstToken = -1;
    Usage usage = null;
    String line;
    while ((line = source.readUtf8Line()) != null) {
      if (!line.startsWith("data:")) {
        continue; // blank separators, ': keep-alive' comments, 'event:' and 'id:' fields
      }
      String data = line.substring(5).strip();
      if (data.equals("[DONE]")) {
        done = true;
        break;
      }
      JsonNode chunk;
      try {
        chunk = Json.MAPPER.readTree(data);
      } catch (JsonProcessingException e) {
        throw new MalformedBody("bad JSON in stream: " + e.getOriginalMessage());
      }
      if (chunk == null || !chunk.isObject()) {
        throw new MalformedBody("stream event is not a JSON object");
      }
      if (chunk.has("error")) {
        String detail = HttpErrors.detail(data);
        ErrorKind kind = detail.contains("rate") ? ErrorKind.RATE_LIMIT : ErrorKind.TRANSIENT;
        throw new CallFailure(kind, http.who() + ": error in stream: " + detail);
      }
      Usage reported = OpenAiWire.usage(chunk);
      if (reported != null) {
        usage = reported; // the include_usage chunk (choices empty); servers may send it earlier
      }
      for (JsonNode choice : chunk.path("choices")) {
        Accumulator acc =
            choices.computeIfAbsent(choice.path("index").asInt(0), i -> new Accumulator());
        JsonNode content = choice.path("delta").path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
          if (acc.firstToken < 0) {
            acc.firstToken = System.nanoTime();
          }
          if (firstToken < 0) {
            firstToken = acc.firstToken;
          }
          acc.text.append(content.asText());
        }
        acc.tokens.addAll(TokenLogprobs.parse(choice.path("logprobs").path("content")));
        String finish = Json.text(choice, "finish_reason");
        if (finish != null) {
          acc.finishReason = finish;
        }
      }
    }
    boolean allFinished =
        !choices.isEmpty() && choices.values().stream().allMatch(a -> a.finishReason != null);
    if (!done && !allFinished) {
      throw new CallFailure(
          ErrorKind.TRANSIENT, http.who() + ": stream ended before [DONE] (truncated response)");
    }
    if (firstToken >= 0) {
      ttft.record((firstToken - start) / 1e9);
    }
    List<Completion> out = new ArrayList<>();
    for (Accumulator a : choices.values()) {
      Completion c = TokenLogprobs.completion(a.text.toString(), a.tokens, a.finishReason);
      Double ttft = a.firstToken < 0 ? null : (a.firstToken - start) / 1e9;
      out.add(new Completion(c.text(), c.logprob(), c.tokens(), c.finishReason(), null, ttft));
    }
    return Json.withCallUsage(out, usage);
  }

  private static final class Accumulator {
    final StringBuilder text = new StringBuilder();
    final List<Token> tokens = new ArrayList<>();
    String finishReason;
    long firstToken = -1;
  }

  @Override
  public DoubleSummaryStatistics timeToFirstToken() {
    return ttft.snapshot();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "OpenAiClient["
        + config.who()
        + ", api="
        + (config.chat() ? "chat" : "completions")
        + "]";
  }
}
