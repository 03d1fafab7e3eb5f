package dev.prism.runner.engine;

import dev.prism.core.Deployment;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts prompt tokens for a deployment. */
public final class PromptTokens {
  // Words and single punctuation marks: a rough stand-in (about 1.3 tokens per English word
  // for BPE tokenizers, so it underestimates) until the deployment's tokenizer is wired in.
  private static final Pattern PIECE = Pattern.compile("\\w+|[^\\w\\s]");

  private PromptTokens() {}

  /** The token counter for {@code deployment}. */
  public static ToIntFunction<String> forDeployment(Deployment deployment) {
    return PromptTokens::approximate;
  }

  static int approximate(String text) {
    Matcher m = PIECE.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
