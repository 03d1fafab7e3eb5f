package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HELM's {@code gender(mode, prob, source_class, target_class)} fairness perturbation: for each
 * (source word, target word) pair of the chosen word list, in list order, every occurrence of the
 * source word with a non-word character on both sides (case-insensitive) is, when {@code
 * rng.uniform(0, 1) < prob}, replaced by the target word in the source's case. Because the
 * surrounding characters are part of the match, words at the very start or end of the text and a
 * word right after a replaced one are missed, as in HELM (HELM #1958). References are perturbed
 * too.
 *
 * <p>Word lists are (neutral, female, male) triples: {@code pronouns} (Lauscher et al. 2022) and
 * {@code terms} (Garg et al. 2018, Bolukbasi et al. 2016 and HELM's additions).
 */
public final class GenderPerturbation extends TextPerturbation {
  /** The classes, in the order of the triples' columns. */
  public static final List<String> GENDERS = List.of("neutral", "female", "male");

  /** The modes: which word list. */
  public static final List<String> MODES = List.of("pronouns", "terms");

  private final double prob;
  private final List<Pattern> patterns = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();

  /**
   * @param mode {@code pronouns} or {@code terms}
   * @param prob chance per occurrence, in [0, 1]
   * @param sourceClass the gender whose words are replaced: {@code neutral}, {@code female} or
   *     {@code male}
   * @param targetClass the gender of the replacements
   * @param bidirectional also replace target words by source words (after the forward pairs)
   */
  public GenderPerturbation(
      String mode, double prob, String sourceClass, String targetClass, boolean bidirectional) {
    super("gender", false, true);
    this.prob = Probabilities.check("prob", prob);
    List<List<String>> words = BundledData.GENDER_WORD_LISTS.get(mode.toLowerCase(Locale.ROOT));
    if (words == null) {
      throw new IllegalArgumentException(
          "gender mode must be one of " + MODES + ", got '" + mode + "'");
    }
    int source = genderIndex(sourceClass);
    int target = genderIndex(targetClass);
    for (List<String> triple : words) {
      addPair(triple.get(source), triple.get(target));
    }
    if (bidirectional) {
      for (List<String> triple : words) {
        addPair(triple.get(target), triple.get(source));
      }
    }
  }

  private static int genderIndex(String gender) {
    int i = GENDERS.indexOf(gender.toLowerCase(Locale.ROOT));
    if (i < 0) {
      throw new IllegalArgumentException(
          "gender class must be one of " + GENDERS + ", got '" + gender + "'");
    }
    return i;
  }

  private void addPair(String word, String synonym) {
    patterns.add(
        Pattern.compile(
            PyStr.NON_WORD + "(" + Pattern.quote(word) + ")" + PyStr.NON_WORD, PyStr.IGNORECASE));
    targets.add(synonym);
  }

  @Override
  public boolean perturbsReferences() {
    return true;
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    String result = text;
    for (int i = 0; i < patterns.size(); i++) {
      String synonym = targets.get(i);
      result =
          PyStr.sub(
              patterns.get(i),
              result,
              m -> {
                String match = m.group();
                if (rng.uniform(0, 1) < prob) {
                  String word = m.group(1);
                  int start = m.start(1) - m.start();
                  return match.substring(0, start)
                      + PyStr.matchCase(word, synonym)
                      + match.substring(start + word.length());
                }
                return match;
              });
    }
    return result;
  }
}
