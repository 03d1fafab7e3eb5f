package dev.prism.core;

/** Classification of a failed model call; the runner decides retries from it. */
public enum ErrorKind {
  /** HTTP 429 or a provider's quota message; retried after a back-off. */
  RATE_LIMIT,
  /** Missing or rejected credentials; never retried. */
  AUTH,
  /** Server error, dropped connection, truncated body; retried. */
  TRANSIENT,
  /** The call exceeded its deadline; retried. */
  TIMEOUT,
  /** The request itself is unacceptable (bad parameters, context too long); never retried. */
  INVALID_REQUEST,
  /** Anything else; never retried. */
  FATAL;

  /** Whether trying the same request again may succeed. */
  public boolean isRetriable() {
    return this == RATE_LIMIT || this == TRANSIENT || this == TIMEOUT;
  }
}
