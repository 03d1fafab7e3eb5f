package dev.prism.scenarios.helm;

import java.util.Locale;

/** The Python {@code str} operations HELM's scenario readers use, with Python's semantics. */
final class Py {
  private Py() {}

  /** Python's {@code str.isspace()} for one character. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c)
        || c == '\u0085'
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F';
  }

  /** Python's {@code s.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code s.capitalize()}: first character title-cased, the rest lower-cased. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int width = Character.charCount(first);
    return new StringBuilder()
        .appendCodePoint(Character.toTitleCase(first))
        .append(s.substring(width).toLowerCase(Locale.ROOT))
        .toString();
  }

  /** Python's text-mode reading: {@code \r\n} and a lone {@code \r} become {@code \n}. */
  static String universalNewlines(String text) {
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
