package dev.prism.adapters.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.http.HttpTransport.MalformedBody;
import dev.prism.adapters.http.Json;
import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.Usage;
import java.io.IOException;
import java.util.List;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads one streamed Messages response: {@code message_start} (input usage), {@code
 * content_block_delta} text deltas, {@code message_delta} (stop reason, output usage) and {@code
 * message_stop}. A stream without {@code message_stop} is truncated ({@link ErrorKind#TRANSIENT});
 * an {@code error} event is classified by its type. One instance per call.
 */
final class AnthropicStream {
  private final String who;
  private final StringBuilder text = new StringBuilder();
  private JsonNode inputUsage;
  private JsonNode outputUsage;
  private String stopReason;
  private long firstToken = -1;

  AnthropicStream(String who) {
    this.who = who;
  }

  Completion read(Response response, long start) throws IOException, CallFailure {
    BufferedSource source = response.body().source();
    boolean stopped = false;
    String line;
    while (!stopped && (line = source.readUtf8Line()) != null) {
      if (line.startsWith("data:")) {
        stopped = event(line.substring(5).strip());
      }
    }
    if (!stopped) {
      throw new CallFailure(
          ErrorKind.TRANSIENT, who + ": stream ended before message_stop (truncated response)");
    }
    Usage in = AnthropicAdapter.usage(inputUsage);
    Usage out = AnthropicAdapter.usage(outputUsage);
    Usage usage =
        in == null && out == null
            ? null
            : new Usage(
                in == null ? 0 : in.promptTokens(),
                out == null ? (in == null ? 0 : in.completionTokens()) : out.completionTokens());
    return new Completion(
        text.toString(),
        0.0,
        List.of(),
        AnthropicAdapter.finishReason(stopReason),
        usage,
        firstToken < 0 ? null : (firstToken - start) / 1e9);
  }

  /** Handles one event's data; {@code true} at {@code message_stop}. */
  private boolean event(String data) throws IOException, CallFailure {
    JsonNode e;
    try {
      e = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException ex) {
      throw new MalformedBody("bad JSON in stream: " + ex.getOriginalMessage());
    }
    if (e == null || !e.isObject()) {
      throw new MalformedBody("stream event is not a JSON object");
    }
    switch (String.valueOf(Json.text(e, "type"))) {
      case "message_start" -> inputUsage = e.path("message").get("usage");
      case "content_block_delta" -> {
        JsonNode delta = e.path("delta");
        if ("text_delta".equals(Json.text(delta, "type"))) {
          String t = Json.text(delta, "text");
          if (t != null && !t.isEmpty()) {
            if (firstToken < 0) {
              firstToken = System.nanoTime();
            }
            text.append(t);
          }
        }
      }
      case "message_delta" -> {
        String reason = Json.text(e.path("delta"), "stop_reason");
        if (reason != null) {
          stopReason = reason;
        }
        if (e.has("usage")) {
          outputUsage = e.get("usage");
        }
      }
      case "message_stop" -> {
        return true;
      }
      case "error" -> {
        String type = String.valueOf(Json.text(e.path("error"), "type"));
        ErrorKind kind =
            switch (type) {
              case "rate_limit_error" -> ErrorKind.RATE_LIMIT;
              case "overloaded_error", "api_error" -> ErrorKind.TRANSIENT;
              case "authentication_error", "permission_error" -> ErrorKind.AUTH;
              default -> ErrorKind.INVALID_REQUEST;
            };
        throw new CallFailure(kind, who + ": error in stream: " + HttpErrors.detail(data));
      }
      default -> {
        // ping, content_block_start/stop, and event types added later
      }
    }
    return false;
  }
}
