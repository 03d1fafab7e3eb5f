package dev.prism.metrics.toxicity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * JSON over HTTP POST for the remote scorers: classifies failures like the model adapters do (429
 * rate limit, 401/403 auth, 400/404/413/422 invalid request, 5xx transient, I/O transient, deadline
 * timeout, unreadable body fatal) and retries the retriable ones with exponential back-off. Error
 * messages never contain {@code secret}. Thread-safe.
 */
final class JsonHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  /** How a scorer talks HTTP: attempts (at least 1), first back-off, per-call deadline. */
  record Policy(int maxAttempts, Duration backoff, Duration timeout) {
    static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

    Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  private final String service;
  private final Policy policy;
  private final String secret;
  private volatile HttpClient client;

  /**
   * @param service names the service in error messages, e.g. {@code Perspective API}
   * @param secret a credential to redact from messages, or {@code null}
   * @param client the client to use, or {@code null} to create one on first use
   */
  JsonHttp(String service, Policy policy, String secret, HttpClient client) {
    this.service = service;
    this.policy = policy;
    this.secret = secret;
    this.client = client;
  }

  /** POSTs {@code body} as JSON and returns the parsed response. */
  JsonNode post(URI uri, Object body, Map<String, String> headers) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new ToxicityScoringException(ErrorKind.FATAL, "cannot write request JSON", e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(policy.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    Duration wait = policy.backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return once(request);
      } catch (ToxicityScoringException e) {
        if (!e.kind().isRetriable() || attempt >= policy.maxAttempts()) {
          throw e;
        }
      }
      sleep(wait);
      wait = wait.multipliedBy(2);
    }
  }

  private JsonNode once(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new ToxicityScoringException(
          ErrorKind.TIMEOUT, service + " did not answer within " + policy.timeout(), null);
    } catch (IOException e) {
      throw new ToxicityScoringException(
          ErrorKind.TRANSIENT, service + " call failed: " + redact(String.valueOf(e)), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToxicityScoringException(ErrorKind.FATAL, service + " call interrupted", null);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new ToxicityScoringException(
          classify(status),
          service + " answered HTTP " + status + errorDetail(response.body()),
          null);
    }
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ToxicityScoringException(
          ErrorKind.FATAL, service + " answered with a body that is not JSON", null);
    }
  }

  static ErrorKind classify(int status) {
    if (status == 429) {
      return ErrorKind.RATE_LIMIT;
    }
    if (status == 401 || status == 403) {
      return ErrorKind.AUTH;
    }
    if (status == 408) {
      return ErrorKind.TIMEOUT;
    }
    if (status == 400 || status == 404 || status == 413 || status == 422) {
      return ErrorKind.INVALID_REQUEST;
    }
    return status >= 500 ? ErrorKind.TRANSIENT : ErrorKind.FATAL;
  }

  /** ": message" from a Google-style {@code {"error":{"message":…}}} or HF {@code {"error":…}}. */
  private String errorDetail(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      String message = error.isTextual() ? error.asText() : error.path("message").asText("");
      return message.isEmpty() ? "" : ": " + redact(truncate(message));
    } catch (JsonProcessingException | RuntimeException e) {
      return "";
    }
  }

  private static String truncate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  String redact(String message) {
    return secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
          client = c;
        }
      }
    }
    return c;
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToxicityScoringException(ErrorKind.FATAL, "interrupted while backing off", e);
    }
  }
}
