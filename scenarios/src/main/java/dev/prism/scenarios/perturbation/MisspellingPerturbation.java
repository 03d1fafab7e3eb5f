package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HELM's {@code misspellings(prob)}: every whole-word, case-sensitive occurrence of a word in
 * {@code correct_to_misspelling.json} is, when {@code rng.random() < prob}, replaced by {@code
 * rng.choice} of its misspellings. Alternatives are tried in file order. Input only.
 */
public final class MisspellingPerturbation extends TextPerturbation {
  private final double prob;
  private final Map<String, List<String>> correctToMisspelling;
  private final Pattern pattern;

  /**
   * @param prob chance per occurrence, in [0, 1]
   * @param correctToMisspelling the word list, in file order (see {@link
   *     PerturbationResources#misspellings()})
   */
  public MisspellingPerturbation(double prob, Map<String, List<String>> correctToMisspelling) {
    super("misspellings", true, false);
    this.prob = Probabilities.check("prob", prob);
    this.correctToMisspelling = correctToMisspelling;
    String alternation =
        correctToMisspelling.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.pattern = Pattern.compile(PyStr.BOUNDARY + "(" + alternation + ")" + PyStr.BOUNDARY);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    if (correctToMisspelling.isEmpty()) {
      return text;
    }
    return PyStr.sub(
        pattern,
        text,
        m -> {
          String word = m.group(1);
          if (rng.random() < prob) {
            return rng.choice(correctToMisspelling.get(word));
          }
          return word;
        });
  }
}
