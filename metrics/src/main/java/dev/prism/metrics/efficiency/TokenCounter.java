package dev.prism.metrics.efficiency;

/**
 * Counts the tokens of a text the way a deployment's tokenizer would, for {@code num_prompt_tokens}
 * and for completions whose backend returned no tokens. Implementations must be thread-safe and
 * deterministic.
 *
 * <pre>{@code
 * TokenCounter gpt2 = new TokenCounter() {
 *   public String name() { return "gpt2"; }
 *   public int count(String text) { return myGpt2Tokenizer.encode(text).size(); }
 * };
 * }</pre>
 */
public interface TokenCounter {
  /** A short name saying which tokenizer this is, e.g. {@code gpt2} or {@code fallback}. */
  String name();

  /**
   * The number of tokens of {@code text}; 0 for the empty string, never negative.
   *
   * @param text the text, never {@code null}
   */
  int count(String text);

  /**
   * The counter used when the deployment's tokenizer is not available: {@link
   * FallbackTokenCounter}, a word-and-punctuation count that <em>under</em>-counts subword (BPE)
   * tokenizers, typically by a quarter to a third on English prose.
   */
  static TokenCounter fallback() {
    return FallbackTokenCounter.INSTANCE;
  }
}
