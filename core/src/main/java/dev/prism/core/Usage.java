package dev.prism.core;

import java.util.List;

/**
 * Token counts as reported by the backend for one call (OpenAI's {@code usage}, Anthropic's {@code
 * usage}, Gemini's {@code usageMetadata}, Ollama's {@code prompt_eval_count}/{@code eval_count}).
 *
 * @param promptTokens input tokens billed, at least 0
 * @param completionTokens output tokens billed (reasoning tokens included), at least 0
 */
public record Usage(int promptTokens, int completionTokens) {
  public Usage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return promptTokens + completionTokens;
  }

  /** The sum of two usages. */
  public Usage plus(Usage other) {
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }

  /**
   * The usage of a whole request: the sum over its completions (each call's usage sits on one
   * completion, see {@link Completion#usage()}); {@code null} when no completion carries any.
   */
  public static Usage total(List<Completion> completions) {
    Usage sum = null;
    for (Completion c : completions) {
      if (c.usage() != null) {
        sum = sum == null ? c.usage() : sum.plus(c.usage());
      }
    }
    return sum;
  }
}
