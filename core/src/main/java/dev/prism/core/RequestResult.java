package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * What came back for one {@link Request}: completions on success, a classified error otherwise.
 *
 * @param success whether the call succeeded
 * @param completions completions (empty on failure); copied
 * @param requestTimeSeconds wall time of the original call, kept when served from the cache
 * @param cached whether the result came from the request cache
 * @param errorKind {@code null} on success
 * @param errorMessage {@code null} on success
 */
public record RequestResult(
    boolean success,
    List<Completion> completions,
    double requestTimeSeconds,
    boolean cached,
    ErrorKind errorKind,
    String errorMessage) {
  public RequestResult {
    completions = List.copyOf(completions);
    if (!success) {
      Objects.requireNonNull(errorKind, "errorKind of a failed result");
    }
  }

  /** A successful, uncached result. */
  public static RequestResult success(List<Completion> completions, double requestTimeSeconds) {
    return new RequestResult(true, completions, requestTimeSeconds, false, null, null);
  }

  /** A failed result. */
  public static RequestResult failure(ErrorKind kind, String message, double requestTimeSeconds) {
    return new RequestResult(false, List.of(), requestTimeSeconds, false, kind, message);
  }

  /** The same result marked as served from the cache. */
  public RequestResult asCached() {
    return new RequestResult(
        success, completions, requestTimeSeconds, true, errorKind, errorMessage);
  }
}
