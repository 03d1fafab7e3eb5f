package dev.prism.adapters.http;

import dev.prism.core.ErrorKind;
import dev.prism.core.RequestResult;
import java.util.Objects;

/**
 * A classified failure of one model call, thrown inside an adapter and turned into a failed {@link
 * RequestResult} at its boundary (adapters never let model or network failures escape). The message
 * is already free of credentials.
 */
public final class CallFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient ErrorKind kind;

  public CallFailure(ErrorKind kind, String message) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ErrorKind kind() {
    return kind;
  }

  /** This failure as a result, with the time spent before it happened. */
  public RequestResult toResult(double seconds) {
    return RequestResult.failure(kind, getMessage(), seconds);
  }
}
