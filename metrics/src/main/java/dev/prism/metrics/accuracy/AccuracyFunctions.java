package dev.prism.metrics.accuracy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HELM's reference-match scoring functions ({@code evaluate_reference_metrics.py}), as pure
 * functions of a gold text and a prediction. Each returns 1 or 0 ({@link #f1Score} a value in [0,
 * 1]); a {@code null} prediction (an output-mapping miss) scores 0, as does an empty one. "Strip"
 * and "split" mean CPython's {@code str.strip()} and {@code str.split()}, which treat every Unicode
 * space (no-break spaces included) as whitespace.
 */
public final class AccuracyFunctions {
  /** CPython's {@code string.punctuation}: ASCII only, so curly quotes and dashes survive. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  /**
   * HELM's number pattern {@code -?[\d,]+(?:.\d+)?}, with CPython's semantics: {@code \d} is any
   * Unicode decimal digit and the unescaped {@code .} is any character except {@code \n}.
   */
  private static final Pattern NUMBER =
      Pattern.compile("-?[\\d,]+(?:.\\d+)?", Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);

  private static final List<String> ARTICLES = List.of("a", "an", "the");

  private AccuracyFunctions() {}

  /** {@code normalize_text(text)}: {@link #normalizeText(String, boolean)} removing articles. */
  public static String normalizeText(String text) {
    return normalizeText(text, true);
  }

  /**
   * HELM's {@code normalize_text}: lower-case ({@link Locale#ROOT}), delete every ASCII punctuation
   * character, optionally replace each whole word {@code a}, {@code an}, {@code the} by a space,
   * then split on whitespace and join with single spaces.
   */
  public static String normalizeText(String text, boolean removeArticles) {
    String s = removePunctuation(text.toLowerCase(Locale.ROOT));
    if (removeArticles) {
      s = removeArticles(s);
    }
    return String.join(" ", PythonText.split(s));
  }

  /** {@code exact_match}: 1 if both stripped texts are equal; 0 if {@code pred} is empty. */
  public static double exactMatch(String gold, String pred) {
    if (isEmpty(pred)) {
      return 0;
    }
    return PythonText.strip(gold).equals(PythonText.strip(pred)) ? 1 : 0;
  }

  /**
   * {@code quasi_exact_match}: 1 if both normalized texts are equal; 0 if {@code pred} is empty.
   */
  public static double quasiExactMatch(String gold, String pred) {
    if (isEmpty(pred)) {
      return 0;
    }
    return normalizeText(gold).equals(normalizeText(pred)) ? 1 : 0;
  }

  /**
   * {@code prefix_exact_match}: 1 if the stripped prediction starts with the stripped gold (a
   * character prefix, not a token prefix); 0 if {@code pred} is empty.
   */
  public static double prefixExactMatch(String gold, String pred) {
    if (isEmpty(pred)) {
      return 0;
    }
    return PythonText.strip(pred).startsWith(PythonText.strip(gold)) ? 1 : 0;
  }

  /**
   * {@code quasi_prefix_exact_match}: 1 if the normalized prediction starts with the normalized
   * gold; 0 if {@code pred} is empty.
   */
  public static double quasiPrefixExactMatch(String gold, String pred) {
    if (isEmpty(pred)) {
      return 0;
    }
    return normalizeText(pred).startsWith(normalizeText(gold)) ? 1 : 0;
  }

  /**
   * {@code f1_score}: NLTK's {@code f_measure} (alpha 0.5) over the <em>sets</em> of normalized
   * tokens. Precision is |G ∩ P| / |P|, recall |G ∩ P| / |G|; the score is {@code 1 / (0.5 / P +
   * 0.5 / R)}, or 0 when either is 0 or either set is empty.
   */
  public static double f1Score(String gold, String pred) {
    if (pred == null) {
      return 0;
    }
    Set<String> goldTokens = new HashSet<>(PythonText.split(normalizeText(gold)));
    Set<String> predTokens = new HashSet<>(PythonText.split(normalizeText(pred)));
    if (goldTokens.isEmpty() || predTokens.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String token : predTokens) {
      if (goldTokens.contains(token)) {
        common++;
      }
    }
    double precision = (double) common / predTokens.size();
    double recall = (double) common / goldTokens.size();
    if (precision == 0 || recall == 0) {
      return 0;
    }
    return 1.0 / (0.5 / precision + 0.5 / recall);
  }

  /**
   * {@code exact_match_indicator} with indicator {@code " "}: {@link #exactMatch} on the text after
   * the last space of the gold and of the prediction (the whole text when there is none). So a
   * prediction ending in a space scores 0.
   */
  public static double exactMatchIndicator(String gold, String pred) {
    return exactMatchIndicator(gold, pred, " ");
  }

  /**
   * {@code exact_match_indicator} with another indicator; see {@link #exactMatchIndicator}.
   *
   * @throws IllegalArgumentException if {@code indicator} is empty (CPython's {@code split} rejects
   *     an empty separator too)
   */
  public static double exactMatchIndicator(String gold, String pred, String indicator) {
    if (indicator.isEmpty()) {
      throw new IllegalArgumentException("indicator must not be empty");
    }
    if (pred == null) {
      return 0;
    }
    return exactMatch(afterLast(gold, indicator), afterLast(pred, indicator));
  }

  /**
   * {@code final_number_exact_match}: {@link #exactMatch} on the last match of {@code
   * -?[\d,]+(?:.\d+)?} in each text, commas removed ({@code ""} when there is none, which scores 0
   * on the prediction side).
   */
  public static double finalNumberExactMatch(String gold, String pred) {
    if (pred == null) {
      return 0;
    }
    return exactMatch(finalNumber(gold), finalNumber(pred));
  }

  /**
   * {@code iou_set_match}: |gold ∩ pred| / |gold ∪ pred| of the sets {@link #extractSet} finds;
   * when the gold set is empty, 1 if the predicted one is too, else 0. The prediction's first line
   * only is read; a {@code null} prediction counts as {@code ""} (HELM would raise).
   */
  public static double iouSetMatch(String gold, String pred) {
    Set<String> g = extractSet(gold);
    Set<String> p = predictedSet(pred);
    if (g.isEmpty()) {
      return p.isEmpty() ? 1 : 0;
    }
    Set<String> union = new HashSet<>(g);
    union.addAll(p);
    return (double) intersection(g, p) / union.size();
  }

  /**
   * {@code f1_set_match}: 2|gold ∩ pred| / (|gold| + |pred|) of the sets {@link #extractSet} finds;
   * when the gold set is empty, 1 if the predicted one is too, else 0. Prediction as in {@link
   * #iouSetMatch}.
   */
  public static double f1SetMatch(String gold, String pred) {
    Set<String> g = extractSet(gold);
    Set<String> p = predictedSet(pred);
    if (g.isEmpty()) {
      return p.isEmpty() ? 1 : 0;
    }
    return 2.0 * intersection(g, p) / (g.size() + p.size());
  }

  /** {@code exact_set_match}: 1 if the sets are equal. Prediction as in {@link #iouSetMatch}. */
  public static double exactSetMatch(String gold, String pred) {
    return extractSet(gold).equals(predictedSet(pred)) ? 1 : 0;
  }

  /**
   * HELM's {@code extract_set_from_text}: the empty set for exactly {@code "Nothing."}; otherwise,
   * with every {@code .} removed, the text after the last {@code " is "} split on {@code " and "}
   * (CPython's {@code str.split}, so empty elements count).
   */
  public static Set<String> extractSet(String text) {
    if (text.equals("Nothing.")) {
      return Set.of();
    }
    List<String> afterIs = PythonText.split(text.replace(".", ""), " is ");
    return new HashSet<>(PythonText.split(afterIs.get(afterIs.size() - 1), " and "));
  }

  private static Set<String> predictedSet(String pred) {
    return extractSet(PythonText.split(pred == null ? "" : pred, "\n").get(0));
  }

  private static int intersection(Set<String> a, Set<String> b) {
    int n = 0;
    for (String x : a) {
      if (b.contains(x)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isEmpty(String pred) {
    return pred == null || pred.isEmpty();
  }

  private static String removePunctuation(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code re.sub(r"\b(a|an|the)\b", " ", s)} with CPython's Unicode word boundaries. */
  private static String removeArticles(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int copied = 0;
    int i = 0;
    while (i < s.length()) {
      int length = articleAt(s, i);
      if (length > 0) {
        out.append(s, copied, i).append(' ');
        i += length;
        copied = i;
      } else {
        i++;
      }
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** Length of the article that stands as a whole word at {@code i}, or 0. */
  private static int articleAt(String s, int i) {
    char c = s.charAt(i);
    if (c != 'a' && c != 't') {
      return 0;
    }
    if (i > 0 && PythonText.isWordChar(s.codePointBefore(i))) {
      return 0;
    }
    for (String article : ARTICLES) {
      int end = i + article.length();
      if (s.startsWith(article, i)
          && (end == s.length() || !PythonText.isWordChar(s.codePointAt(end)))) {
        return article.length();
      }
    }
    return 0;
  }

  /** {@code text.split(indicator)[-1]}. */
  private static String afterLast(String text, String indicator) {
    int at = text.lastIndexOf(indicator);
    return at < 0 ? text : text.substring(at + indicator.length());
  }

  private static String finalNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    String last = "";
    while (m.find()) {
      last = m.group();
    }
    return last.replace(",", "");
  }
}
