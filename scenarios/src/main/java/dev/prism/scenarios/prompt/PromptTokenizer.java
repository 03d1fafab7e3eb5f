package dev.prism.scenarios.prompt;

import java.util.Objects;
import java.util.function.BiFunction;
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
 * <p>Implementations must be thread-safe and deterministic.
 */
public interface PromptTokenizer {
  /** The number of tokens of {@code text}, without special tokens. */
  int count(String text);

  /**
   * {@code text} cut from the right so that it counts at most {@code maxTokens} tokens; {@code
   * text} itself when it already fits, the empty string when {@code maxTokens <= 0}.
   */
  String truncate(String text, int maxTokens);

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
}
