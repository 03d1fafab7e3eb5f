package dev.prism.metrics.efficiency;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenizer-free {@link TokenCounter} (name {@code fallback}): one token per maximal run of
 * letters, combining marks, digits and underscores, plus one token per other non-whitespace
 * character ({@code "Hello, world!"} → 4). Whitespace counts nothing. It is deterministic and
 * locale-independent, but it is not any model's tokenizer: subword tokenizers split rare words and
 * numbers further, so counts (and costs derived from them) are lower than the provider's.
 */
final class FallbackTokenCounter implements TokenCounter {
  static final FallbackTokenCounter INSTANCE = new FallbackTokenCounter();

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+|[^\\s\\p{L}\\p{M}\\p{N}_]");

  private FallbackTokenCounter() {}

  @Override
  public String name() {
    return "fallback";
  }

  @Override
  public int count(String text) {
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
