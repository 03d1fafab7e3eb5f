package dev.prism.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One generated token and its log-probability (natural log).
 *
 * @param text token text, never {@code null}
 * @param logprob log-probability; 0 when the backend gave none
 * @param topLogprobs the most likely tokens at this position and their log-probabilities, most
 *     likely first, as the backend returned them (HELM's {@code top_logprobs}); empty when none
 *     were asked for or returned. Copied, order kept.
 */
public record Token(String text, double logprob, Map<String, Double> topLogprobs) {
  public Token {
    Objects.requireNonNull(text, "text");
    topLogprobs =
        topLogprobs.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(topLogprobs));
  }

  /** A token without top log-probabilities. */
  public Token(String text, double logprob) {
    this(text, logprob, Map.of());
  }
}
