package dev.prism.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;

/**
 * Classifies failed calls. HTTP statuses: 429 → {@link ErrorKind#RATE_LIMIT} (but an exhausted
 * quota, {@code insufficient_quota}, → {@link ErrorKind#FATAL}); 401, 403 → {@link ErrorKind#AUTH};
 * 408 → {@link ErrorKind#TIMEOUT}; 400, 404, 413, 422 and other 4xx (context too long included) →
 * {@link ErrorKind#INVALID_REQUEST}; 409, 425 and 5xx → {@link ErrorKind#TRANSIENT}. I/O: timeouts
 * → {@link ErrorKind#TIMEOUT}; refused or reset connections, truncated bodies, malformed JSON →
 * {@link ErrorKind#TRANSIENT}; TLS certificate failures → {@link ErrorKind#FATAL}. A {@code
 * Retry-After} wait is appended as described in {@link RetryAfter}.
 */
public final class HttpErrors {
  private static final int MAX_DETAIL = 400;

  private HttpErrors() {}

  /** The kind for an HTTP status, before looking at the body. */
  public static ErrorKind kindOf(int status) {
    if (status == 429) {
      return ErrorKind.RATE_LIMIT;
    } else if (status == 401 || status == 403) {
      return ErrorKind.AUTH;
    } else if (status == 408) {
      return ErrorKind.TIMEOUT;
    } else if (status == 409 || status == 425 || status >= 500) {
      return ErrorKind.TRANSIENT;
    } else if (status >= 400) {
      return ErrorKind.INVALID_REQUEST;
    }
    return ErrorKind.FATAL;
  }

  /**
   * A failure for a non-2xx response.
   *
   * @param who e.g. {@code "openai-compatible deployment 'local/llama'"}
   * @param body the response body text (may be empty)
   * @param key redacted from the message; may be {@code null}
   * @param bodyRetry a wait the body asked for (Gemini's RetryInfo), used when no header gives one
   */
  public static CallFailure fromStatus(
      String who,
      int status,
      Headers headers,
      String body,
      ApiKey key,
      Optional<Duration> bodyRetry) {
    ErrorKind kind = kindOf(status);
    String detail = detail(body);
    String lower = body.toLowerCase(Locale.ROOT);
    if (status == 429 && lower.contains("insufficient_quota")) {
      kind = ErrorKind.FATAL;
      detail = "quota exhausted (insufficient_quota): " + detail;
    }
    StringBuilder msg = new StringBuilder(who).append(": HTTP ").append(status);
    if (!detail.isEmpty()) {
      msg.append(": ").append(detail);
    }
    String text = ApiKey.redactAny(msg.toString(), key == null ? null : key.reveal());
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Optional<Duration> wait = RetryAfter.fromHeaders(headers, now);
    if (wait.isEmpty()) {
      wait = bodyRetry;
    }
    if (wait.isEmpty() && status == 429) {
      // Sent with every response; only a 429 makes their reset time a request to wait.
      wait = RetryAfter.fromRateLimitHeaders(headers, now);
    }
    if (wait.isPresent() && kind.isRetriable()) {
      text += RetryAfter.suffix(wait.get());
    }
    return new CallFailure(kind, text);
  }

  /** A failure for an I/O exception during the call. */
  public static CallFailure fromIo(String who, IOException e, ApiKey key) {
    ErrorKind kind;
    String what;
    if (e instanceof SocketTimeoutException) {
      kind = ErrorKind.TIMEOUT;
      what = "timed out waiting for the server";
    } else if (e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
      kind = ErrorKind.TIMEOUT;
      what = "call deadline (call_timeout_s) exceeded";
    } else if (e instanceof SSLPeerUnverifiedException || e instanceof SSLHandshakeException) {
      kind = ErrorKind.FATAL;
      what = "TLS failure";
    } else if (e instanceof ConnectException || e instanceof UnknownHostException) {
      kind = ErrorKind.TRANSIENT;
      what = "cannot connect";
    } else if (e instanceof EOFException) {
      kind = ErrorKind.TRANSIENT;
      what = "response truncated";
    } else {
      kind = ErrorKind.TRANSIENT;
      what = "connection failed";
    }
    String cause =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new CallFailure(
        kind,
        ApiKey.redactAny(
            who + ": " + what + " (" + cause + ")", key == null ? null : key.reveal()));
  }

  /** A failure for a 2xx response whose body is not the JSON expected. */
  public static CallFailure malformed(String who, String problem) {
    return new CallFailure(
        ErrorKind.TRANSIENT, who + ": malformed response body (" + shorten(problem) + ")");
  }

  /**
   * The provider's own error text: OpenAI/Gemini {@code {"error":{"message","type","code",
   * "status"}}}, Anthropic {@code {"type":"error","error":{"type","message"}}}, Ollama/TGI {@code
   * {"error":"…"}}, else the start of the body.
   */
  public static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      JsonNode err = root == null ? null : root.get("error");
      if (err != null && err.isTextual()) {
        return shorten(err.asText());
      }
      if (err != null && err.isObject()) {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {"type", "code", "status"}) {
          JsonNode v = err.get(f);
          if (v != null && !v.isNull() && !v.asText().isEmpty()) {
            b.append(b.length() == 0 ? "" : " ").append(f).append('=').append(v.asText());
          }
        }
        String message = Json.text(err, "message");
        if (message != null) {
          b.append(b.length() == 0 ? "" : ": ").append(message);
        }
        return shorten(b.toString());
      }
      String message = root == null ? null : Json.text(root, "message");
      if (message != null) {
        return shorten(message);
      }
    } catch (IOException e) {
      // not JSON: use the text
    }
    return shorten(body);
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "…";
  }
}
