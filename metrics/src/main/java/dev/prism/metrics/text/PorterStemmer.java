package dev.prism.metrics.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer in NLTK's default mode, {@code NLTK_EXTENSIONS} ({@code nltk/stem/porter.py},
 * unchanged from NLTK 3.8 to 3.9): Porter's 1980 algorithm plus NLTK's irregular-form pool ({@code
 * dying → die}, {@code skies → sky}, …), words of one or two letters left alone, {@code ies}/{@code
 * ied} on four-letter words kept as {@code ie}, {@code y → i} only after a consonant that is not
 * the whole stem, {@code alli → al} tried first in step 2 (then step 2 again), {@code bli → ble},
 * {@code fulli → ful}, and {@code logi → log} measured with the {@code l}. Stateless and
 * thread-safe.
 */
public final class PorterStemmer {
  private static final Map<String, String> POOL =
      Map.ofEntries(
          Map.entry("sky", "sky"),
          Map.entry("skies", "sky"),
          Map.entry("dying", "die"),
          Map.entry("lying", "lie"),
          Map.entry("tying", "tie"),
          Map.entry("news", "news"),
          Map.entry("innings", "inning"),
          Map.entry("inning", "inning"),
          Map.entry("outings", "outing"),
          Map.entry("outing", "outing"),
          Map.entry("cannings", "canning"),
          Map.entry("canning", "canning"),
          Map.entry("howe", "howe"),
          Map.entry("proceed", "proceed"),
          Map.entry("exceed", "exceed"),
          Map.entry("succeed", "succeed"));

  private PorterStemmer() {}

  /** {@code PorterStemmer().stem(word)}: lower-cases ({@link Locale#ROOT}), then stems. */
  public static String stem(String word) {
    String stem = word.toLowerCase(Locale.ROOT);
    if (POOL.containsKey(word)) {
      return POOL.get(stem);
    }
    if (word.length() <= 2) {
      return stem;
    }
    stem = step1a(stem);
    stem = step1b(stem);
    stem = step1c(stem);
    stem = step2(stem);
    stem = step3(stem);
    stem = step4(stem);
    stem = step5a(stem);
    stem = step5b(stem);
    return stem;
  }

  private record Rule(String suffix, String replacement, Predicate<String> condition) {}

  private static boolean isConsonant(String w, int i) {
    char c = w.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(w, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel-consonant sequences. */
  static int measure(String stem) {
    int m = 0;
    boolean previousVowel = false;
    for (int i = 0; i < stem.length(); i++) {
      boolean consonant = isConsonant(stem, i);
      if (consonant && previousVowel) {
        m++;
      }
      previousVowel = !consonant;
    }
    return m;
  }

  private static boolean positiveMeasure(String stem) {
    return measure(stem) > 0;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String w) {
    int n = w.length();
    return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
  }

  private static boolean endsCvc(String w) {
    int n = w.length();
    if (n >= 3
        && isConsonant(w, n - 3)
        && !isConsonant(w, n - 2)
        && isConsonant(w, n - 1)
        && "wxy".indexOf(w.charAt(n - 1)) < 0) {
      return true;
    }
    return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
  }

  private static String cut(String word, String suffix) {
    return word.substring(0, word.length() - suffix.length());
  }

  /** The first rule whose suffix matches decides, whether or not its condition holds. */
  private static String applyRules(String word, List<Rule> rules) {
    for (Rule rule : rules) {
      if (rule.suffix().equals("*d") && endsDoubleConsonant(word)) {
        String stem = word.substring(0, word.length() - 2);
        return rule.condition() == null || rule.condition().test(stem)
            ? stem + rule.replacement()
            : word;
      }
      if (word.endsWith(rule.suffix())) {
        String stem = cut(word, rule.suffix());
        return rule.condition() == null || rule.condition().test(stem)
            ? stem + rule.replacement()
            : word;
      }
    }
    return word;
  }

  private static String step1a(String word) {
    if (word.endsWith("ies") && word.length() == 4) {
      return cut(word, "ies") + "ie";
    }
    return applyRules(
        word,
        List.of(
            new Rule("sses", "ss", null),
            new Rule("ies", "i", null),
            new Rule("ss", "ss", null),
            new Rule("s", "", null)));
  }

  private static String step1b(String word) {
    if (word.endsWith("ied")) {
      return cut(word, "ied") + (word.length() == 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      String stem = cut(word, "eed");
      return measure(stem) > 0 ? stem + "ee" : word;
    }
    String intermediate = null;
    for (String suffix : List.of("ed", "ing")) {
      if (word.endsWith(suffix) && containsVowel(cut(word, suffix))) {
        intermediate = cut(word, suffix);
        break;
      }
    }
    if (intermediate == null) {
      return word;
    }
    char last = intermediate.isEmpty() ? '\0' : intermediate.charAt(intermediate.length() - 1);
    return applyRules(
        intermediate,
        List.of(
            new Rule("at", "ate", null),
            new Rule("bl", "ble", null),
            new Rule("iz", "ize", null),
            new Rule("*d", String.valueOf(last), stem -> "lsz".indexOf(last) < 0),
            new Rule("", "e", stem -> measure(stem) == 1 && endsCvc(stem))));
  }

  private static String step1c(String word) {
    return applyRules(
        word,
        List.of(
            new Rule("y", "i", stem -> stem.length() > 1 && isConsonant(stem, stem.length() - 1))));
  }

  private static String step2(String word) {
    if (word.endsWith("alli") && positiveMeasure(cut(word, "alli"))) {
      return step2(cut(word, "alli") + "al");
    }
    Predicate<String> m0 = PorterStemmer::positiveMeasure;
    return applyRules(
        word,
        List.of(
            new Rule("ational", "ate", m0),
            new Rule("tional", "tion", m0),
            new Rule("enci", "ence", m0),
            new Rule("anci", "ance", m0),
            new Rule("izer", "ize", m0),
            new Rule("bli", "ble", m0),
            new Rule("alli", "al", m0),
            new Rule("entli", "ent", m0),
            new Rule("eli", "e", m0),
            new Rule("ousli", "ous", m0),
            new Rule("ization", "ize", m0),
            new Rule("ation", "ate", m0),
            new Rule("ator", "ate", m0),
            new Rule("alism", "al", m0),
            new Rule("iveness", "ive", m0),
            new Rule("fulness", "ful", m0),
            new Rule("ousness", "ous", m0),
            new Rule("aliti", "al", m0),
            new Rule("iviti", "ive", m0),
            new Rule("biliti", "ble", m0),
            new Rule("fulli", "ful", m0),
            new Rule(
                "logi", "log", stem -> positiveMeasure(word.substring(0, word.length() - 3)))));
  }

  private static String step3(String word) {
    Predicate<String> m0 = PorterStemmer::positiveMeasure;
    return applyRules(
        word,
        List.of(
            new Rule("icate", "ic", m0),
            new Rule("ative", "", m0),
            new Rule("alize", "al", m0),
            new Rule("iciti", "ic", m0),
            new Rule("ical", "ic", m0),
            new Rule("ful", "", m0),
            new Rule("ness", "", m0)));
  }

  private static String step4(String word) {
    Predicate<String> m1 = stem -> measure(stem) > 1;
    return applyRules(
        word,
        List.of(
            new Rule("al", "", m1),
            new Rule("ance", "", m1),
            new Rule("ence", "", m1),
            new Rule("er", "", m1),
            new Rule("ic", "", m1),
            new Rule("able", "", m1),
            new Rule("ible", "", m1),
            new Rule("ant", "", m1),
            new Rule("ement", "", m1),
            new Rule("ment", "", m1),
            new Rule("ent", "", m1),
            new Rule(
                "ion",
                "",
                stem -> measure(stem) > 1 && "st".indexOf(stem.charAt(stem.length() - 1)) >= 0),
            new Rule("ou", "", m1),
            new Rule("ism", "", m1),
            new Rule("ate", "", m1),
            new Rule("iti", "", m1),
            new Rule("ous", "", m1),
            new Rule("ive", "", m1),
            new Rule("ize", "", m1)));
  }

  private static String step5a(String word) {
    if (word.endsWith("e")) {
      String stem = cut(word, "e");
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return word;
  }

  private static String step5b(String word) {
    return applyRules(
        word,
        List.of(new Rule("ll", "l", stem -> measure(word.substring(0, word.length() - 1)) > 1)));
  }
}
