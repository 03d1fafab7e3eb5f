package dev.prism.adapters.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.core.ErrorKind;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Classifies what a langchain4j chat model throws into Prism's error kinds, the same way the own
 * clients classify HTTP statuses and I/O failures ({@link HttpErrors}). langchain4j keeps the HTTP
 * status and body in an {@link HttpException} at the root of its exceptions, so an HTTP failure is
 * classified from those (an exhausted quota, for one, is fatal, not a rate limit). Response headers
 * are not visible through langchain4j: {@code Retry-After} cannot be honoured, and the engine backs
 * off on its own schedule. Every message has the key removed.
 */
final class Failures {
  private Failures() {}

  static CallFailure classify(String who, Throwable error, ApiKey key) {
    String secret = key == null ? null : key.reveal();
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof HttpException h) {
        return HttpErrors.fromStatus(
            who,
            h.statusCode(),
            Headers.of(),
            h.getMessage() == null ? "" : h.getMessage(),
            key,
            Optional.empty());
      }
    }
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof dev.langchain4j.exception.TimeoutException) {
        return failure(ErrorKind.TIMEOUT, who, "timed out waiting for the server", c, secret);
      } else if (c instanceof RateLimitException) {
        return failure(ErrorKind.RATE_LIMIT, who, "rate limited", c, secret);
      } else if (c instanceof AuthenticationException) {
        return failure(ErrorKind.AUTH, who, "authentication failed", c, secret);
      } else if (c instanceof InvalidRequestException || c instanceof ModelNotFoundException) {
        return failure(ErrorKind.INVALID_REQUEST, who, "invalid request", c, secret);
      } else if (c instanceof InternalServerException) {
        return failure(ErrorKind.TRANSIENT, who, "server error", c, secret);
      } else if (c instanceof UnresolvedModelServerException) {
        return failure(ErrorKind.TRANSIENT, who, "cannot connect", c, secret);
      } else if (c instanceof JsonProcessingException) {
        return HttpErrors.malformed(who, ApiKey.redactAny(describe(c), secret));
      } else if (c instanceof IOException io) {
        return HttpErrors.fromIo(who, io, key);
      }
    }
    if (error instanceof IllegalArgumentException) {
      // langchain4j's own validation of the request (e.g. a parameter out of range).
      return failure(
          ErrorKind.INVALID_REQUEST, who, "request rejected by langchain4j", error, secret);
    }
    // Anything else came from reading a response langchain4j could not map (a body without the
    // fields it expects): like a malformed body, worth another try.
    return HttpErrors.malformed(who, ApiKey.redactAny(describe(error), secret));
  }

  private static CallFailure failure(
      ErrorKind kind, String who, String what, Throwable cause, String secret) {
    return new CallFailure(
        kind, ApiKey.redactAny(who + ": " + what + " (" + describe(cause) + ")", secret));
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
