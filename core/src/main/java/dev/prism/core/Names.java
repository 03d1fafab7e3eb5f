package dev.prism.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Helpers for user-facing names: "did you mean" suggestions for unknown ids. */
public final class Names {
  private Names() {}

  /**
   * The known names closest to {@code unknown} by edit distance (case-insensitive), best first, at
   * most three, and only those close enough to be a plausible typo or a suffix match ({@code
   * arithmetic} for {@code prism/arithmetic}).
   */
  public static List<String> suggestions(String unknown, Collection<String> known) {
    String u = unknown.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, u.length() / 3);
    return known.stream()
        .filter(k -> distance(u, k.toLowerCase(Locale.ROOT)) <= limit || k.endsWith("/" + unknown))
        .sorted(
            Comparator.comparingInt((String k) -> distance(u, k.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .toList();
  }

  /**
   * A hint sentence such as {@code "Did you mean 'arithmetic'?"}, or a listing hint when nothing is
   * close.
   *
   * @param listCommand the command that lists the valid names, e.g. {@code prism list scenarios}
   */
  public static String didYouMean(String unknown, Collection<String> known, String listCommand) {
    List<String> close = suggestions(unknown, known);
    if (close.isEmpty()) {
      return "Run '" + listCommand + "' to see the valid names";
    }
    return "Did you mean "
        + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
        + "?";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
