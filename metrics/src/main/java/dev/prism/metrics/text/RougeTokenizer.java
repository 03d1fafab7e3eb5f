package dev.prism.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * rouge-score 0.1.2's {@code tokenize(text, stemmer)} with the stemmer on: lower-case, every run of
 * characters outside {@code [a-z0-9]} becomes one space, split, {@link PorterStemmer} on tokens
 * longer than 3 characters, keep tokens matching {@code ^[a-z0-9]+$}.
 */
public final class RougeTokenizer {
  private RougeTokenizer() {}

  /** The stemmed tokens of {@code text}. */
  public static List<String> tokenize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current.append(c);
      } else if (current.length() > 0) {
        String token = current.toString();
        tokens.add(token.length() > 3 ? PorterStemmer.stem(token) : token);
        current.setLength(0);
      }
    }
    tokens.removeIf(t -> t.isEmpty() || !t.chars().allMatch(RougeTokenizer::isAlnum));
    return tokens;
  }

  private static boolean isAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
