package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * One generated output, HELM's {@code GeneratedOutput}.
 *
 * @param text the completion text
 * @param logprob total log-probability; 0 when the backend gave none
 * @param tokens tokens with log-probabilities, possibly empty; copied
 * @param finishReason {@code length}, {@code stop}, {@code endoftext} or {@code unknown}; may be
 *     {@code null} when unknown
 */
public record Completion(String text, double logprob, List<Token> tokens, String finishReason) {
  public Completion {
    Objects.requireNonNull(text, "text");
    tokens = List.copyOf(tokens);
  }

  /** A completion with text only. */
  public static Completion ofText(String text) {
    return new Completion(text, 0.0, List.of(), null);
  }
}
