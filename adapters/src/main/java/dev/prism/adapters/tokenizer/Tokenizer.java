package dev.prism.adapters.tokenizer;

import java.util.List;

/**
 * Turns text into a model's token ids and back, for counting prompt tokens and fitting prompts into
 * a context window (HELM's {@code Tokenizer} plus the token-level part of its {@code
 * LocalWindowService}).
 *
 * <pre>{@code
 * Tokenizer t = Tokenizers.byName("openai/o200k_base");
 * int n = t.count(prompt);
 * String fitted = t.truncate(prompt, 4096 - maxTokens);
 * }</pre>
 *
 * <p>Implementations work offline, are thread-safe and never return {@code null}. Special-token
 * strings in the text (such as {@code <|endoftext|>}) are encoded as ordinary text, and no special
 * tokens (BOS, EOS) are added.
 */
public interface Tokenizer {
  /**
   * The tokenizer's name, as {@link Tokenizers#byName} accepts it, e.g. {@code openai/r50k_base}.
   */
  String name();

  /** The token ids of {@code text}; empty for the empty string. */
  List<Integer> encode(String text);

  /** The number of tokens of {@code text}, {@code encode(text).size()}. */
  default int count(String text) {
    return encode(text).size();
  }

  /** The text of {@code tokens}. */
  String decode(List<Integer> tokens);

  /**
   * {@code text} cut from the right to at most {@code maxTokens} tokens, as HELM's {@code
   * truncate_from_right}: keep the first {@code maxTokens} tokens, decode them, then drop
   * characters from the end until the result counts at most {@code maxTokens} tokens.
   *
   * <p>Two deliberate differences from HELM: text that already fits is returned unchanged (HELM
   * re-decodes it, which for a normalising tokenizer can change a prompt that fits), and a trailing
   * U+FFFD left by cutting inside a multi-byte character is dropped.
   *
   * @param maxTokens the most tokens to keep; zero or less gives the empty string
   */
  default String truncate(String text, int maxTokens) {
    if (maxTokens <= 0) {
      return "";
    }
    List<Integer> tokens = encode(text);
    if (tokens.size() <= maxTokens) {
      return text;
    }
    String result = decode(tokens.subList(0, maxTokens));
    while (!result.isEmpty()
        && (count(result) > maxTokens || (result.endsWith("\uFFFD") && !text.startsWith(result)))) {
      result = result.substring(0, result.offsetByCodePoints(result.length(), -1));
    }
    return result;
  }
}
