package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}, with the named character references of the WHATWG table ({@code
 * entities.json}, from which Python generates {@code html.entities.html5}; read from a file, not
 * copied here). Numeric references follow Python: the Windows-1252 remapping of 0x80–0x9F, U+FFFD
 * for NUL, surrogates and values above U+10FFFF, nothing for the other invalid code points. A named
 * reference not in the table is matched by its longest known prefix, as the standard says.
 * Immutable and thread-safe.
 */
final class HtmlUnescape {
  private static final Pattern CHARREF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private final Map<String, String> named;

  private HtmlUnescape(Map<String, String> named) {
    this.named = Map.copyOf(named);
  }

  /**
   * Reads the WHATWG {@code entities.json} ({@code {"&amp;": {"codepoints": [38], "characters":
   * "&"}, …}}).
   */
  static HtmlUnescape fromEntitiesJson(Path file) {
    JsonNode root = ScenarioData.readJson(file);
    Map<String, String> named = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode characters = e.getValue().get("characters");
      if (!e.getKey().startsWith("&") || characters == null || !characters.isTextual()) {
        throw ScenarioData.malformed(file, 0, "bad entity entry '" + e.getKey() + "'");
      }
      named.put(e.getKey().substring(1), characters.asText());
    }
    if (named.isEmpty()) {
      throw ScenarioData.malformed(file, 0, "no entities");
    }
    return new HtmlUnescape(named);
  }

  String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = CHARREF.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    while (m.find()) {
      out.append(s, last, m.start()).append(replace(m.group(1)));
      last = m.end();
    }
    return out.append(s, last, s.length()).toString();
  }

  private String replace(String ref) {
    if (ref.charAt(0) == '#') {
      boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
      String digits = stripSemicolons(ref.substring(hex ? 2 : 1));
      return numeric(digits, hex ? 16 : 10);
    }
    String whole = named.get(ref);
    if (whole != null) {
      return whole;
    }
    int length = ref.codePointCount(0, ref.length());
    for (int x = length - 1; x > 1; x--) {
      int end = ref.offsetByCodePoints(0, x);
      String prefix = named.get(ref.substring(0, end));
      if (prefix != null) {
        return prefix + ref.substring(end);
      }
    }
    return "&" + ref;
  }

  private static String stripSemicolons(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ';') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String numeric(String digits, int radix) {
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 8) { // far above U+10FFFF
      return "\uFFFD";
    }
    long num = Long.parseLong(significant, radix);
    if (num == 0) {
      return "\uFFFD";
    }
    if (num == 0x0d) {
      return "\r";
    }
    if (num >= 0x80 && num <= 0x9f) {
      String decoded = CP1252.decode(ByteBuffer.wrap(new byte[] {(byte) num})).toString();
      return decoded.equals("\uFFFD") ? String.valueOf((char) num) : decoded;
    }
    if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
      return "\uFFFD";
    }
    if (invalidCodePoint((int) num)) {
      return "";
    }
    return new String(Character.toChars((int) num));
  }

  /** Python's {@code html._invalid_codepoints} (the 0x80–0x9F block is handled before). */
  private static boolean invalidCodePoint(int c) {
    return (c >= 0x1 && c <= 0x8)
        || c == 0xb
        || (c >= 0xe && c <= 0x1f)
        || c == 0x7f
        || (c >= 0xfdd0 && c <= 0xfdef)
        || (c & 0xfffe) == 0xfffe;
  }
}
