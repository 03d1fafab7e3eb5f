package dev.prism.adapters.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
  private static final Pattern TOKEN =
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
    Matcher m = TOKEN.matcher(text);
    synchronized (ids) {
      while (m.find()) {
        result.add(ids.computeIfAbsent(m.group(), this::newId));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public int count(String text) {
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
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
