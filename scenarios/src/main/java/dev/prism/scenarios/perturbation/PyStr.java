package dev.prism.scenarios.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python {@code str} and {@code re} behaviour the perturbations rely on, with Python's
 * semantics: Unicode {@code \w}, {@code str.lower()}, {@code capitalize()}, {@code re.sub} with a
 * function, {@code re.split} with a capturing group.
 */
final class PyStr {
  private PyStr() {}

  /**
   * Python 3's {@code \w} for {@code str} patterns: alphanumeric in the Unicode sense ({@code
   * str.isalnum()}: letters and numbers, including superscripts and fractions) or {@code _}. Java's
   * {@code \w} is ASCII-only, so patterns use this class instead.
   */
  static final String WORD = "[\\p{L}\\p{N}_]";

  /** Python's {@code [^\w]}. */
  static final String NON_WORD = "[^\\p{L}\\p{N}_]";

  /** Python's {@code [^\w-]}. */
  static final String NON_WORD_OR_HYPHEN = "[^\\p{L}\\p{N}_-]";

  /** Python's {@code \b} (a boundary between {@link #WORD} and not-word, or the text ends). */
  static final String BOUNDARY =
      "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";

  /** Flags for Python's {@code re.IGNORECASE} on {@code str} patterns (Unicode case folding). */
  static final int IGNORECASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /** Python's {@code \w} test for one code point. */
  static boolean isWord(int codePoint) {
    return Character.isLetter(codePoint) || isNumeric(codePoint) || codePoint == '_';
  }

  private static boolean isNumeric(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Python's {@code str.lower()}. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Python's {@code str.upper()}. */
  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** Python 3.8+'s {@code str.capitalize()}: first character title-cased, the rest lower-cased. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int n = Character.charCount(first);
    String head = new String(Character.toChars(Character.toTitleCase(first)));
    return head + lower(s.substring(n));
  }

  /**
   * HELM's {@code match_case(source_word, target_word)}: {@code target} lower-cased when every
   * character of {@code source} is lower case, upper-cased when every one is upper case,
   * capitalized when only the first is, unchanged otherwise. As in Python, a character without case
   * (an apostrophe) counts as neither lower nor upper.
   */
  static String matchCase(String source, String target) {
    if (source.codePoints().allMatch(Character::isLowerCase)) {
      return lower(target);
    }
    if (source.codePoints().allMatch(Character::isUpperCase)) {
      return upper(target);
    }
    if (!source.isEmpty() && Character.isUpperCase(source.codePointAt(0))) {
      return capitalize(target);
    }
    return target;
  }

  /**
   * Python's {@code re.sub(pattern, function, text)}: each non-overlapping match, left to right, is
   * replaced by the function's result, taken literally.
   */
  static String sub(Pattern pattern, String text, Function<MatchResult, String> replacement) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      out.append(replacement.apply(m.toMatchResult()));
      last = m.end();
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  /** Python's {@code text.split(" ")}: every single space separates, empty pieces kept. */
  static List<String> splitOnSpace(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /**
   * Python's {@code re.split(r"([^\w])", text)}: word runs (possibly empty) alternating with the
   * single non-word characters between them.
   */
  static List<String> splitKeepingNonWord(String text) {
    List<String> tokens = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      if (!isWord(cp)) {
        tokens.add(text.substring(start, i));
        tokens.add(text.substring(i, i + n));
        start = i + n;
      }
      i += n;
    }
    tokens.add(text.substring(start));
    return tokens;
  }

  /** The code points of {@code s} as one-character strings, for {@code rng.choice(s)}. */
  static List<String> chars(String s) {
    return s.codePoints().mapToObj(Character::toString).toList();
  }
}
