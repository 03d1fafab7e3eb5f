package dev.prism.scenarios.prompt;

/** The few Python {@code str} operations prompt assembly needs, with Python's exact semantics. */
final class PyText {
  private PyText() {}

  /**
   * Python's {@code str.isspace()} for one character: Java's {@link Character#isWhitespace} plus
   * the no-break spaces and NEL, which Java leaves out (U+0085, U+00A0, U+2007, U+202F).
   */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c)
        || c == '\u0085'
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F';
  }

  /** Python's {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Orders strings as Python does: by code point, not by UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
