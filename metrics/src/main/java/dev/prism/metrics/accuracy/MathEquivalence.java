package dev.prism.metrics.accuracy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * HELM's answer comparison for the MATH scenario ({@code math_scenario.py}: {@code is_equiv},
 * {@code is_equiv_chain_of_thought}, {@code _strip_string} and helpers, themselves from Hendrycks et
 * al.'s MATH code). Two answers are equivalent when their normalized forms are equal; normalization
 * removes line breaks, {@code \!}, {@code \left}/{@code \right}, degree marks, {@code \$}, {@code
 * \%}, units after {@code "\text{ "}, a short {@code "k = "} prefix and spaces, rewrites {@code
 * tfrac}/{@code dfrac}, {@code \sqrt3}, {@code \frac12}, {@code 0.5} and {@code a/b} into canonical
 * LaTeX, and adds a leading 0 to decimals. Where HELM's normalization raises (a second {@code
 * "\text{ "}, {@code \sqrt} or {@code \frac} at the very end) the raw strings are compared instead,
 * as HELM's {@code except} clause does. Lengths and "first character" are counted in code points,
 * as Python's {@code str} does. Stateless.
 */
public final class MathEquivalence {
  /** {@code int(x)} re-rendered as {@code x}: no sign but a minus, no leading zeros, no "-0". */
  private static final Pattern CANONICAL_INT = Pattern.compile("0|-?[1-9][0-9]*");

  private MathEquivalence() {}

  /**
   * {@code is_equiv}: 1 if both answers normalize to the same string; 1 if both are {@code null}
   * (HELM prints a warning and counts it equal), 0 if only one is.
   */
  public static double isEquiv(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null ? 1 : 0;
    }
    try {
      return normalize(a).equals(normalize(b)) ? 1 : 0;
    } catch (Unnormalizable e) {
      return a.equals(b) ? 1 : 0;
    }
  }

  /**
   * {@code is_equiv_chain_of_thought}: {@link #isEquiv} of the answers in the last {@code
   * \boxed{…}} of each text ({@link #boxedAnswer}). Like HELM, two texts without a boxed answer
   * count as equivalent.
   */
  public static double isEquivChainOfThought(String gold, String pred) {
    return isEquiv(boxedAnswer(gold), boxedAnswer(pred));
  }

  /**
   * {@code get_answer}: the content of the last {@code \boxed{…}} (braces balanced), or {@code
   * null} when there is none, when the last box is an {@code \fbox}, or when its braces do not
   * close.
   */
  public static String boxedAnswer(String solution) {
    if (solution == null) {
      return null;
    }
    int idx = solution.lastIndexOf("\\boxed");
    if (idx < 0) {
      idx = solution.lastIndexOf("\\fbox");
      if (idx < 0) {
        return null;
      }
    }
    int open = 0;
    for (int i = idx; i < solution.length(); i++) {
      char c = solution.charAt(i);
      if (c == '{') {
        open++;
      } else if (c == '}' && --open == 0) {
        String boxed = solution.substring(idx, i + 1);
        String left = "\\boxed{";
        return boxed.startsWith(left) ? boxed.substring(left.length(), boxed.length() - 1) : null;
      }
    }
    return null;
  }

  /**
   * {@code _strip_string}: the normalized answer.
   *
   * @throws Unnormalizable where HELM's version raises
   */
  static String normalize(String answer) {
    String s =
        answer
            .replace("\n", "")
            .replace("\\!", "")
            .replace("\\\\", "\\")
            .replace("tfrac", "frac")
            .replace("dfrac", "frac")
            .replace("\\left", "")
            .replace("\\right", "")
            .replace("^{\\circ}", "")
            .replace("^\\circ", "")
            .replace("\\$", "");
    s = removeRightUnits(s);
    s = s.replace("\\%", "").replace(" .", " 0.").replace("{.", "{0.");
    if (s.isEmpty()) {
      return s;
    }
    if (s.charAt(0) == '.') {
      s = "0" + s;
    }
    List<String> sides = PythonText.split(s, "=");
    if (sides.size() == 2 && codePoints(sides.get(0)) <= 2) {
      s = sides.get(1);
    }
    s = fixSqrt(s).replace(" ", "");
    s = fixFracs(s);
    if (s.equals("0.5")) {
      s = "\\frac{1}{2}";
    }
    return fixSlash(s);
  }

  /** {@code _remove_right_units}: what precedes the one {@code "\text{ "}; raises on two or more. */
  private static String removeRightUnits(String s) {
    List<String> parts = PythonText.split(s, "\\text{ ");
    if (parts.size() > 2) {
      throw Unnormalizable.INSTANCE;
    }
    return parts.get(0);
  }

  /** {@code _fix_sqrt}: {@code \sqrt3} → {@code \sqrt{3}}; raises on {@code \sqrt} at the end. */
  private static String fixSqrt(String s) {
    if (!s.contains("\\sqrt")) {
      return s;
    }
    List<String> parts = PythonText.split(s, "\\sqrt");
    StringBuilder out = new StringBuilder(parts.get(0));
    for (String part : parts.subList(1, parts.size())) {
      if (part.isEmpty()) {
        throw Unnormalizable.INSTANCE;
      }
      if (part.charAt(0) != '{') {
        int end = part.offsetByCodePoints(0, 1);
        out.append("\\sqrt{").append(part, 0, end).append('}').append(part, end, part.length());
      } else {
        out.append("\\sqrt").append(part);
      }
    }
    return out.toString();
  }

  /**
   * {@code _fix_fracs}: {@code \frac12} → {@code \frac{1}{2}}, {@code \frac1{72}} → {@code
   * \frac{1}{72}}; the input unchanged when a {@code \frac} is followed by one character only;
   * raises when one ends the string.
   */
  private static String fixFracs(String s) {
    List<String> parts = PythonText.split(s, "\\frac");
    StringBuilder out = new StringBuilder(parts.get(0));
    for (String part : parts.subList(1, parts.size())) {
      out.append("\\frac");
      if (part.isEmpty()) {
        throw Unnormalizable.INSTANCE;
      }
      if (part.charAt(0) == '{') {
        out.append(part);
        continue;
      }
      if (codePoints(part) < 2) {
        return s;
      }
      int aEnd = part.offsetByCodePoints(0, 1);
      int bEnd = part.offsetByCodePoints(aEnd, 1);
      String a = part.substring(0, aEnd);
      String b = part.substring(aEnd, bEnd);
      String rest = part.substring(bEnd);
      out.append('{').append(a).append('}');
      if (!b.equals("{")) {
        out.append('{').append(b).append('}').append(rest);
      } else {
        out.append(b).append(rest);
      }
    }
    return out.toString();
  }

  /** {@code _fix_a_slash_b}: {@code 2/3} → {@code \frac{2}{3}} for integers Python prints back. */
  private static String fixSlash(String s) {
    List<String> parts = PythonText.split(s, "/");
    if (parts.size() != 2
        || !CANONICAL_INT.matcher(parts.get(0)).matches()
        || !CANONICAL_INT.matcher(parts.get(1)).matches()) {
      return s;
    }
    return "\\frac{" + parts.get(0) + "}{" + parts.get(1) + "}";
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Where HELM's {@code _strip_string} raises; carries no stack trace (it is control flow). */
  private static final class Unnormalizable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unnormalizable INSTANCE = new Unnormalizable();

    private Unnormalizable() {
      super(null, null, false, false);
    }
  }
}
