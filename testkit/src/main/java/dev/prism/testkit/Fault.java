package dev.prism.testkit;

/** A failure {@link FakeProvider} can inject instead of a normal response. */
public enum Fault {
  /** HTTP 429 with {@code Retry-After: 1}. */
  RATE_LIMIT,
  /** HTTP 500 with an OpenAI-style error body. */
  SERVER_ERROR,
  /** Holds the connection for {@link FakeProvider.Config#hangMillis()} before answering. */
  TIMEOUT,
  /** HTTP 200 whose body is not JSON. */
  MALFORMED_JSON,
  /** HTTP 200 that promises more bytes than it sends, then closes. */
  TRUNCATED_BODY,
  /** Closes the connection without any response. */
  CONNECTION_RESET
}
