package dev.prism.adapters.tokenizer;

import java.util.Objects;

/**
 * The tokenizer {@link Tokenizers#choose} picked for a deployment, and why.
 *
 * @param tokenizer the tokenizer
 * @param source where the choice came from
 * @param reason one line for logs and reports, e.g. {@code "tokenizer_name openai/o200k_base"}
 */
public record TokenizerChoice(Tokenizer tokenizer, Source source, String reason) {
  /** Where a choice came from. */
  public enum Source {
    /** The deployment's {@code tokenizer_name}. */
    DECLARED,
    /** The default of the deployment's adapter and model (OpenAI models, {@code simple/*}). */
    MODEL_DEFAULT,
    /** Nothing exact was available: {@link SimpleTokenizer}, whose counts are approximate. */
    FALLBACK
  }

  public TokenizerChoice {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether counts are the model's own (not the approximate fallback). */
  public boolean exact() {
    return source != Source.FALLBACK;
  }
}
