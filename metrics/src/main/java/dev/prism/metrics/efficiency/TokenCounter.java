package dev.prism.metrics.efficiency;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts the tokens of a text the way a deployment's tokenizer would. */
@FunctionalInterface
public interface TokenCounter {
  /**
   * Words and single punctuation marks: a documented approximation used when no tokenizer is known
   * (BPE tokenizers give about 1.3 tokens per English word, so it undercounts).
   */
  TokenCounter APPROXIMATE = new Approximate();

  /** The number of tokens in {@code text}. */
  int count(String text);

  /** The approximation behind {@link #APPROXIMATE}. */
  final class Approximate implements TokenCounter {
    private static final Pattern PIECE = Pattern.compile("\\w+|[^\\w\\s]");

    private Approximate() {}

    @Override
    public int count(String text) {
      Matcher m = PIECE.matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }
  }
}
