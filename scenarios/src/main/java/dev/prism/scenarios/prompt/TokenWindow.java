package dev.prism.scenarios.prompt;

import java.util.Objects;

/**
 * A deployment's tokenizer and token limits, HELM's window service: what context-window fitting and
 * language-modelling chunking need.
 *
 * <pre>{@code
 * TokenWindow w = new TokenWindow(tokenizer, 2048, 2049, "<|endoftext|>"); // HELM's GPT-3 davinci
 * RequestPlanner.plan(instances, format, "openai/davinci", w);
 * }</pre>
 *
 * @param tokenizer the deployment's tokenizer
 * @param maxSequenceLength most tokens the model reads at once (HELM's {@code
 *     max_sequence_length}); the first language-modelling window holds this many document tokens
 * @param maxRequestLength most tokens of prompt plus completion in one request (HELM's {@code
 *     max_request_length}; some APIs accept one more than {@code maxSequenceLength}, so that every
 *     token of a full window gets a log-probability)
 * @param prefixToken the token put before a document's first window so its first token is scored
 *     too (HELM's {@code prefix_token}, e.g. {@code <|endoftext|>}); empty for none. It is counted
 *     as one token, as the servers that accept it read it
 */
public record TokenWindow(
    PromptTokenizer tokenizer, int maxSequenceLength, int maxRequestLength, String prefixToken) {
  public TokenWindow {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(prefixToken, "prefixToken");
    if (maxSequenceLength < 1 || maxRequestLength < 1) {
      throw new IllegalArgumentException(
          "maxSequenceLength and maxRequestLength must be >= 1, got "
              + maxSequenceLength
              + " and "
              + maxRequestLength);
    }
  }

  /** A window of {@code contextWindow} tokens for both limits and no prefix token. */
  public static TokenWindow of(PromptTokenizer tokenizer, int contextWindow) {
    return new TokenWindow(tokenizer, contextWindow, contextWindow, "");
  }
}
