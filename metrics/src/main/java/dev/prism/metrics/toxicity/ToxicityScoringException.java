package dev.prism.metrics.toxicity;

import dev.prism.core.ErrorKind;
import java.util.Objects;

/** A {@link ToxicityScorer} could not score its texts; the message never contains credentials. */
public final class ToxicityScoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, as for model calls. */
  private final ErrorKind kind;

  /**
   * @param kind the failure's classification
   * @param message what failed, without credentials
   * @param cause the underlying exception, or {@code null}
   */
  public ToxicityScoringException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** A failure without an underlying exception. */
  public ToxicityScoringException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  /** The failure's classification; {@link ErrorKind#isRetriable()} says whether to try again. */
  public ErrorKind kind() {
    return kind;
  }
}
