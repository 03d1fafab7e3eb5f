package dev.prism.core;

import java.util.Objects;

/**
 * A request state and its result: the unit a {@link Metric} scores.
 *
 * @param state the request and its origin
 * @param result what the model returned
 */
public record RequestOutcome(RequestState state, RequestResult result) {
  public RequestOutcome {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(result, "result");
  }
}
