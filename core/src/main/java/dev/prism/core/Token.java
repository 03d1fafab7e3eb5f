package dev.prism.core;

import java.util.Objects;

/**
 * One generated token and its log-probability (natural log).
 *
 * @param text token text, never {@code null}
 * @param logprob log-probability; 0 when the backend gave none
 */
public record Token(String text, double logprob) {
  public Token {
    Objects.requireNonNull(text, "text");
  }
}
