package dev.prism.metrics.accuracy;

import java.util.ArrayList;
import java.util.List;

/**
 * The few CPython {@code str} and {@code re} behaviours HELM's text metrics rely on, where Java's
 * own differ: {@code str.isspace} (Java's {@link Character#isWhitespace} leaves out no-break spaces
 * and U+0085), {@code str.strip()}, {@code str.split()} and the Unicode {@code \w} of {@code re}.
 */
final class PythonText {
  private PythonText() {}

  /**
   * CPython's {@code str.isspace()} for one character: bidirectional class WS, B or S, or category
   * Zs. Every such character is in the Basic Multilingual Plane.
   */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ' -> true;
      case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000' -> true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  /** {@code s.strip()}: removes leading and trailing {@link #isSpace} characters. */
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

  /** {@code s.split()}: the maximal runs of non-{@link #isSpace} characters, in order. */
  static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        parts.add(s.substring(start, i));
      }
    }
    return parts;
  }

  /**
   * {@code s.split(sep)} with a non-empty separator: the pieces between non-overlapping occurrences
   * found left to right, empty pieces included (Java's {@link String#split} drops trailing ones and
   * takes a regex).
   */
  static List<String> split(String s, String sep) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /**
   * Whether {@code re}'s Unicode {@code \w} matches the code point: {@code str.isalnum()} or
   * underscore. Letters are categories Lu, Ll, Lt, Lm, Lo; numerics are Nd, Nl, No. Java's own
   * {@code UNICODE_CHARACTER_CLASS} {@code \w} differs: it also counts combining marks.
   */
  static boolean isWordChar(int codePoint) {
    if (codePoint == '_' || Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
