package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * One generated output, HELM's {@code GeneratedOutput}, with what the backend measured.
 *
 * @param text the completion text
 * @param logprob total log-probability; 0 when the backend gave none
 * @param tokens tokens with log-probabilities, possibly empty; copied
 * @param finishReason {@code length}, {@code stop}, {@code endoftext} or {@code unknown}; may be
 *     {@code null} when unknown
 * @param usage tokens the backend reported for the call that produced this completion; {@code null}
 *     when it reported none. When one call produced several completions, the first carries the
 *     call's usage and the others {@code null}, so {@link Usage#total} counts each call once.
 * @param ttftSeconds seconds from sending the call to receiving this completion's first content
 *     token, measured only when the response was streamed; else {@code null}
 */
public record Completion(
    String text,
    double logprob,
    List<Token> tokens,
    String finishReason,
    Usage usage,
    Double ttftSeconds) {
  public Completion {
    Objects.requireNonNull(text, "text");
    tokens = List.copyOf(tokens);
  }

  /** A completion without usage or timing. */
  public Completion(String text, double logprob, List<Token> tokens, String finishReason) {
    this(text, logprob, tokens, finishReason, null, null);
  }

  /** A completion with text only. */
  public static Completion ofText(String text) {
    return new Completion(text, 0.0, List.of(), null);
  }

  /** This completion with the given usage. */
  public Completion withUsage(Usage u) {
    return new Completion(text, logprob, tokens, finishReason, u, ttftSeconds);
  }
}
