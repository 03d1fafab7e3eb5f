package dev.prism.adapters.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An approximate tokenizer for models whose real tokenizer is not available offline, and the
 * tokenizer of the {@code simple/*} models: a token is a run of letters, digits and underscores, or
 * one other non-blank character, each with the whitespace before it; whitespace at the end of the
 * text is one more token. {@code "Hello, world!"} is {@code ["Hello", ",", " world", "!"]}.
 *
 * <p>Counts are usually within a factor of about 1.5 of a BPE tokenizer's for English text (lower
 * for numbers and rare words, which BPE splits). Decoding is exact: the tokens concatenate to the
 * text. Ids come from a vocabulary that grows as text is encoded; they mean something only for this
 * instance. Thread-safe.
 */
public final class SimpleTokenizer implements Tokenizer {
  /**
   * The definition of a token. {@link #count} and {@link #encode} scan by hand instead (the regex
   * engine took most of the time of storing a large run, which counts every prompt), with the same
   * character classes; the tests hold the scanner to this pattern.
   */
  static final Pattern TOKEN =
      Pattern.compile("\\s*(?:\\w+|[^\\s\\w])|\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> pieces = new ArrayList<>();

  /** A tokenizer with an empty vocabulary. */
  public SimpleTokenizer() {}

  /** {@code simple}. */
  @Override
  public String name() {
    return "simple";
  }

  @Override
  public List<Integer> encode(String text) {
    List<Integer> result = new ArrayList<>();
    synchronized (ids) {
      for (int start = 0; start < text.length(); ) {
        int end = tokenEnd(text, start);
        result.add(ids.computeIfAbsent(text.substring(start, end), this::newId));
        start = end;
      }
    }
    return List.copyOf(result);
  }

  @Override
  public int count(String text) {
    int n = 0;
    for (int start = 0; start < text.length(); start = tokenEnd(text, start)) {
      n++;
    }
    return n;
  }

  /**
   * Where the token that starts at {@code start} ends: whitespace, then a run of word characters or
   * one other character; or the whitespace at the end of the text.
   */
  static int tokenEnd(String text, int start) {
    int i = start;
    int length = text.length();
    int cp;
    while (i < length && isSpace(cp = text.codePointAt(i))) {
      i += Character.charCount(cp);
    }
    if (i == length) {
      return i;
    }
    cp = text.codePointAt(i);
    if (!isWord(cp)) {
      return i + Character.charCount(cp);
    }
    while (i < length && isWord(cp = text.codePointAt(i))) {
      i += Character.charCount(cp);
    }
    return i;
  }

  private static final int SEPARATORS =
      (1 << Character.SPACE_SEPARATOR)
          | (1 << Character.LINE_SEPARATOR)
          | (1 << Character.PARAGRAPH_SEPARATOR);

  private static final int WORD_TYPES =
      (1 << Character.NON_SPACING_MARK)
          | (1 << Character.ENCLOSING_MARK)
          | (1 << Character.COMBINING_SPACING_MARK)
          | (1 << Character.DECIMAL_DIGIT_NUMBER)
          | (1 << Character.CONNECTOR_PUNCTUATION);

  /** {@code \\s} of {@link #TOKEN}: the Unicode White_Space property. */
  static boolean isSpace(int cp) {
    if (cp < 128) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r');
    }
    return cp == 0x85 || ((SEPARATORS >> Character.getType(cp)) & 1) != 0;
  }

  /** {@code \\w} of {@link #TOKEN}: letters, marks, digits, connector punctuation, joiners. */
  static boolean isWord(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z')
          || (cp >= 'A' && cp <= 'Z')
          || (cp >= '0' && cp <= '9')
          || cp == '_';
    }
    return Character.isAlphabetic(cp)
        || ((WORD_TYPES >> Character.getType(cp)) & 1) != 0
        || cp == 0x200C
        || cp == 0x200D;
  }

  /**
   * The text of {@code tokens}.
   *
   * @throws IllegalArgumentException for an id this instance never gave out
   */
  @Override
  public String decode(List<Integer> tokens) {
    StringBuilder sb = new StringBuilder();
    synchronized (ids) {
      for (int id : tokens) {
        if (id < 0 || id >= pieces.size()) {
          throw new IllegalArgumentException("unknown token id " + id);
        }
        sb.append(pieces.get(id));
      }
    }
    return sb.toString();
  }

  private Integer newId(String piece) {
    pieces.add(piece);
    return pieces.size() - 1;
  }

  @Override
  public String toString() {
    return name();
  }
}
