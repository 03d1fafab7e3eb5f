package dev.prism.scenarios.prompt;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What context-window fitting needs from a model's tokenizer (HELM's window service): count a
 * prompt's tokens, and cut a prompt from the right. The scenarios module knows no tokenizers; the
 * runner bridges the deployment's tokenizer:
 *
 * <pre>{@code
 * Tokenizer t = Tokenizers.forDeployment(deployment);
 * PromptTokenizer pt = PromptTokenizer.of(t::count, t::truncate);
 * RequestPlanner.plan(instances, format, deployment.name(), pt, deployment.contextWindow());
 * }</pre>
 *
 * <p>Language modelling also cuts documents at token boundaries, which needs {@link #encode} and
 * {@link #decode}; tokenizers made by the two-function {@link #of(ToIntFunction, BiFunction)} do
 * not have them. Implementations must be thread-safe and deterministic.
 */
public interface PromptTokenizer {
  /** The number of tokens of {@code text}, without special tokens. */
  int count(String text);

  /**
   * {@code text} cut from the right so that it counts at most {@code maxTokens} tokens; {@code
   * text} itself when it already fits, the empty string when {@code maxTokens <= 0}.
   */
  String truncate(String text, int maxTokens);

  /**
   * The token ids of {@code text}, without special tokens.
   *
   * @throws UnsupportedOperationException when this tokenizer only counts and truncates
   */
  default List<Integer> encode(String text) {
    throw new UnsupportedOperationException("this tokenizer cannot encode to token ids");
  }

  /**
   * The text of {@code tokens}; a cut inside a multi-byte character decodes to U+FFFD.
   *
   * @throws UnsupportedOperationException when this tokenizer only counts and truncates
   */
  default String decode(List<Integer> tokens) {
    throw new UnsupportedOperationException("this tokenizer cannot decode token ids");
  }

  /** A tokenizer from two functions, typically method references to a real tokenizer. */
  static PromptTokenizer of(
      ToIntFunction<String> count, BiFunction<String, Integer, String> truncate) {
    Objects.requireNonNull(count, "count");
    Objects.requireNonNull(truncate, "truncate");
    return new PromptTokenizer() {
      @Override
      public int count(String text) {
        return count.applyAsInt(text);
      }

      @Override
      public String truncate(String text, int maxTokens) {
        return truncate.apply(text, maxTokens);
      }
    };
  }

  /** A tokenizer from four functions, typically method references to a real tokenizer. */
  static PromptTokenizer of(
      ToIntFunction<String> count,
      BiFunction<String, Integer, String> truncate,
      Function<String, List<Integer>> encode,
      Function<List<Integer>, String> decode) {
    PromptTokenizer base = of(count, truncate);
    Objects.requireNonNull(encode, "encode");
    Objects.requireNonNull(decode, "decode");
    return new PromptTokenizer() {
      @Override
      public int count(String text) {
        return base.count(text);
      }

      @Override
      public String truncate(String text, int maxTokens) {
        return base.truncate(text, maxTokens);
      }

      @Override
      public List<Integer> encode(String text) {
        return encode.apply(text);
      }

      @Override
      public String decode(List<Integer> tokens) {
        return decode.apply(tokens);
      }
    };
  }
}
