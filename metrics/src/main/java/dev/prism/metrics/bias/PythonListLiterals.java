package dev.prism.metrics.bias;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the top-level {@code NAME = [...]} and {@code NAME: Type = [...]} assignments of a Python
 * module whose value is a list of string literals, e.g. HELM's {@code bias_word_lists.py}. Only
 * Python's lexical rules are implemented (comments, line joining inside brackets and after {@code
 * \}, single- and triple-quoted strings with {@code r}/{@code u}/{@code b} prefixes and escapes,
 * implicit concatenation of adjacent literals); nothing is evaluated, so other statements are
 * skipped and a name bound to anything else is reported as such. Stateless.
 */
final class PythonListLiterals {
  private PythonListLiterals() {}

  /**
   * One top-level assignment.
   *
   * @param line the 1-based line of the assigned name
   * @param strings the list's strings in order, or {@code null} when the value is not a list of
   *     string literals
   */
  record Assignment(int line, List<String> strings) {}

  private enum Kind {
    NAME,
    STRING,
    OTHER_STRING,
    OP,
    NEWLINE
  }

  /** A token; {@code column} 0 marks a top-level (not indented) statement's first token. */
  private record Token(Kind kind, String text, int line, int column) {}

  /**
   * Every top-level assignment to a single name, by name, in file order (a later assignment to the
   * same name replaces an earlier one, as executing the module would).
   *
   * @param where the file name used in error messages
   * @throws IllegalArgumentException when the text is not lexically valid Python (an unterminated
   *     string or bracket), with a message starting {@code where:line: }
   */
  static Map<String, Assignment> parse(String source, String where) {
    Map<String, Assignment> out = new LinkedHashMap<>();
    List<Token> statement = new ArrayList<>();
    for (Token token : new Lexer(source, where).tokens()) {
      if (token.kind() == Kind.NEWLINE) {
        assignment(statement).ifPresent(a -> out.put(statement.get(0).text(), a));
        statement.clear();
      } else {
        statement.add(token);
      }
    }
    assignment(statement).ifPresent(a -> out.put(statement.get(0).text(), a));
    return out;
  }

  /** {@code NAME [: annotation] = value}, where the value is kept only if it is a string list. */
  private static Optional<Assignment> assignment(List<Token> s) {
    if (s.size() < 3 || s.get(0).kind() != Kind.NAME || s.get(0).column() != 0) {
      return Optional.empty();
    }
    int eq;
    if (isOp(s.get(1), "=")) {
      eq = 1;
    } else if (isOp(s.get(1), ":")) {
      eq = firstTopLevelEquals(s, 2);
      if (eq < 0) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(new Assignment(s.get(0).line(), stringList(s, eq + 1)));
  }

  private static int firstTopLevelEquals(List<Token> s, int from) {
    int depth = 0;
    for (int i = from; i < s.size(); i++) {
      Token t = s.get(i);
      if (t.kind() != Kind.OP) {
        continue;
      }
      switch (t.text()) {
        case "(", "[", "{" -> depth++;
        case ")", "]", "}" -> depth--;
        case "=" -> {
          if (depth == 0) {
            return i;
          }
        }
        default -> {}
      }
    }
    return -1;
  }

  /** The strings of {@code [ "a", "b" "c", ]} spanning exactly {@code s[from..]}, else null. */
  private static List<String> stringList(List<Token> s, int from) {
    if (from >= s.size() || !isOp(s.get(from), "[") || !isOp(s.get(s.size() - 1), "]")) {
      return null;
    }
    List<String> strings = new ArrayList<>();
    StringBuilder current = null;
    for (int i = from + 1; i < s.size() - 1; i++) {
      Token t = s.get(i);
      if (t.kind() == Kind.STRING) {
        current = current == null ? new StringBuilder(t.text()) : current.append(t.text());
      } else if (isOp(t, ",") && current != null) {
        strings.add(current.toString());
        current = null;
      } else {
        return null;
      }
    }
    if (current != null) {
      strings.add(current.toString());
    }
    return List.copyOf(strings);
  }

  private static boolean isOp(Token t, String op) {
    return t.kind() == Kind.OP && t.text().equals(op);
  }

  /** Python's tokenizer, reduced to what the parser above needs. */
  private static final class Lexer {
    private final String src;
    private final String where;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int depth;
    private int lineStart;

    Lexer(String src, String where) {
      this.src = src;
      this.where = where;
    }

    List<Token> tokens() {
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (c == '\n') {
          if (depth == 0) {
            tokens.add(new Token(Kind.NEWLINE, "", line, 0));
          }
          line++;
          pos++;
          lineStart = pos;
        } else if (c == '#') {
          while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
          }
        } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
          pos += 2; // explicit line joining
          line++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (stringStart() >= 0) {
          string(stringStart());
        } else if (Character.isJavaIdentifierStart(c)) {
          int start = pos;
          while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
            pos++;
          }
          tokens.add(new Token(Kind.NAME, src.substring(start, pos), line, start - lineStart));
        } else {
          op(c);
        }
      }
      if (depth > 0) {
        throw error(line, "unclosed bracket at end of file");
      }
      return tokens;
    }

    private void op(char c) {
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && --depth < 0) {
        throw error(line, "unmatched '" + c + "'");
      }
      // '==', '<=', '>=', '!=' and augmented assignments are not an assignment's '='.
      if (c == '=' && pos + 1 < src.length() && src.charAt(pos + 1) == '=') {
        tokens.add(new Token(Kind.OP, "==", line, -1));
        pos += 2;
        return;
      }
      boolean compound =
          c != '='
              && pos + 1 < src.length()
              && src.charAt(pos + 1) == '='
              && "<>!+-*/%&|^@:".indexOf(c) >= 0;
      tokens.add(new Token(Kind.OP, compound ? c + "=" : String.valueOf(c), line, -1));
      pos += compound ? 2 : 1;
    }

    /**
     * The length of the string prefix at {@code pos} when a string literal starts there, else -1.
     */
    private int stringStart() {
      int i = pos;
      while (i < src.length() && i - pos < 2 && "rRuUbBfF".indexOf(src.charAt(i)) >= 0) {
        i++;
      }
      return i < src.length() && (src.charAt(i) == '"' || src.charAt(i) == '\'') ? i - pos : -1;
    }

    private void string(int prefixLength) {
      String prefix = src.substring(pos, pos + prefixLength).toLowerCase(java.util.Locale.ROOT);
      boolean raw = prefix.contains("r");
      int startLine = line;
      pos += prefixLength;
      char quote = src.charAt(pos);
      boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
      pos += triple ? 3 : 1;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (pos >= src.length()) {
          throw error(startLine, "unterminated string literal");
        }
        char c = src.charAt(pos);
        if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
          pos += triple ? 3 : 1;
          break;
        }
        if (c == '\n') {
          if (!triple) {
            throw error(startLine, "unterminated string literal");
          }
          line++;
        }
        if (c == '\\' && pos + 1 < src.length()) {
          pos = raw ? rawEscape(value) : escape(value);
        } else {
          value.append(c);
          pos++;
        }
      }
      boolean plain = !prefix.contains("f") && !prefix.contains("b");
      tokens.add(
          new Token(plain ? Kind.STRING : Kind.OTHER_STRING, value.toString(), startLine, -1));
    }

    /** In a raw string a backslash is kept, and protects the next character from ending it. */
    private int rawEscape(StringBuilder value) {
      char next = src.charAt(pos + 1);
      value.append('\\').append(next);
      if (next == '\n') {
        line++;
      }
      return pos + 2;
    }

    /** Decodes the escape at {@code pos}; returns the position after it. */
    private int escape(StringBuilder value) {
      char e = src.charAt(pos + 1);
      int after = pos + 2;
      switch (e) {
        case '\n' -> line++; // backslash-newline continues the string
        case '\\', '\'', '"' -> value.append(e);
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'a' -> value.append('\u0007');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'v' -> value.append('\u000b');
        case 'x' -> after = hex(value, 2);
        case 'u' -> after = hex(value, 4);
        case 'U' -> after = hex(value, 8);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = pos + 1;
            while (end < src.length()
                && end < pos + 4
                && src.charAt(end) >= '0'
                && src.charAt(end) <= '7') {
              end++;
            }
            value.appendCodePoint(Integer.parseInt(src.substring(pos + 1, end), 8));
            after = end;
          } else {
            value.append('\\').append(e); // Python keeps unknown escapes as written
          }
        }
      }
      return after;
    }

    private int hex(StringBuilder value, int digits) {
      int start = pos + 2;
      int end = start + digits;
      if (end > src.length() || !src.substring(start, end).matches("[0-9a-fA-F]+")) {
        throw error(line, "truncated \\" + src.charAt(pos + 1) + " escape");
      }
      int cp = Integer.parseUnsignedInt(src.substring(start, end), 16);
      if (!Character.isValidCodePoint(cp)) {
        throw error(line, "illegal Unicode character in escape");
      }
      value.appendCodePoint(cp);
      return end;
    }

    private IllegalArgumentException error(int at, String what) {
      return new IllegalArgumentException(where + ":" + at + ": " + what);
    }
  }
}
