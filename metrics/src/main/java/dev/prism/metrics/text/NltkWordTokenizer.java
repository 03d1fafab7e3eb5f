package dev.prism.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NLTK's {@code NLTKWordTokenizer} (the improved Treebank tokenizer behind {@code word_tokenize},
 * {@code nltk/tokenize/destructive.py}, unchanged from NLTK 3.8 to 3.9) applied to the whole text
 * as one line. HELM's {@code word_tokenize} first splits sentences with punkt; that step is not
 * reproduced, so a period inside a multi-sentence text stays attached to its word (helm-notes §4.1
 * caveat (a); the same for every single-sentence text). Stateless and thread-safe.
 */
public final class NltkWordTokenizer {
  private static final int U = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

  private record Sub(Pattern pattern, String replacement) {
    Sub(String regex, String replacement) {
      this(Pattern.compile(regex, U), replacement);
    }

    String apply(String text) {
      return pattern.matcher(text).replaceAll(replacement);
    }
  }

  private static final List<Sub> STARTING_QUOTES =
      List.of(
          new Sub("([«“‘„]|[`]+)", " $1 "),
          new Sub("^\"", "``"),
          new Sub("(``)", " $1 "),
          new Sub("([ (\\[{<])(\"|'{2})", "$1 `` "),
          new Sub("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));

  private static final List<Sub> ENDING_QUOTES =
      List.of(
          new Sub("([»”’])", " $1 "),
          new Sub("''", " '' "),
          new Sub("\"", " '' "),
          new Sub("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
          new Sub("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

  private static final List<Sub> PUNCTUATION =
      List.of(
          new Sub("([^.])(\\.)([\\])}>\"'»”’ ]*)\\s*$", "$1 $2 $3 "),
          new Sub("([:,])([^\\d])", " $1 $2"),
          new Sub("([:,])$", " $1 "),
          new Sub("\\.{2,}", " $0 "),
          new Sub("[;@#$%&]", " $0 "),
          new Sub("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 "),
          new Sub("[?!]", " $0 "),
          new Sub("([^'])' ", "$1 ' "),
          new Sub("[*]", " $0 "));

  private static final Sub PARENS_BRACKETS = new Sub("[\\]\\[(){}<>]", " $0 ");
  private static final Sub DOUBLE_DASHES = new Sub("--", " -- ");

  private static final List<Pattern> CONTRACTIONS =
      List.of(
          Pattern.compile("(?i)\\b(can)(not)\\b", U),
          Pattern.compile("(?i)\\b(d)('ye)\\b", U),
          Pattern.compile("(?i)\\b(gim)(me)\\b", U),
          Pattern.compile("(?i)\\b(gon)(na)\\b", U),
          Pattern.compile("(?i)\\b(got)(ta)\\b", U),
          Pattern.compile("(?i)\\b(lem)(me)\\b", U),
          Pattern.compile("(?i)\\b(more)('n)\\b", U),
          Pattern.compile("(?i)\\b(wan)(na)(?=\\s)", U),
          Pattern.compile("(?i) ('t)(is)\\b", U),
          Pattern.compile("(?i) ('t)(was)\\b", U));

  private NltkWordTokenizer() {}

  /** The tokens of {@code text}, in order. */
  public static List<String> tokenize(String text) {
    String t = text;
    for (Sub sub : STARTING_QUOTES) {
      t = sub.apply(t);
    }
    for (Sub sub : PUNCTUATION) {
      t = sub.apply(t);
    }
    t = PARENS_BRACKETS.apply(t);
    t = DOUBLE_DASHES.apply(t);
    t = " " + t + " ";
    for (Sub sub : ENDING_QUOTES) {
      t = sub.apply(t);
    }
    for (Pattern p : CONTRACTIONS) {
      Matcher m = p.matcher(t);
      t = m.replaceAll(" $1 $2 ");
    }
    return splitWhitespace(t);
  }

  /** CPython's {@code str.split()}. */
  private static List<String> splitWhitespace(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ' -> true;
      case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000' -> true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }
}
