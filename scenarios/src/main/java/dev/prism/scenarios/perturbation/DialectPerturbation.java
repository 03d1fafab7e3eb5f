package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HELM's {@code dialect(prob, source_class, target_class)} fairness perturbation (SAE → AAVE, word
 * mapping from Ziems et al. 2022, VALUE): every mapped word with a character other than a word
 * character or {@code -} on both sides (case-insensitive, one alternation of all words in file
 * order) is, when {@code rng.uniform(0, 1) < prob}, replaced by {@code rng.choice} of its targets
 * in the word's case. The surrounding characters belong to the match, so two adjacent mapped words
 * are not both replaced, as in HELM. References are perturbed too.
 */
public final class DialectPerturbation extends TextPerturbation {
  private final double prob;
  private final Map<String, List<String>> mapping;
  private final Pattern pattern;

  /**
   * @param prob chance per occurrence, in [0, 1]
   * @param mapping source word (lower case) → target words, in file order (see {@link
   *     PerturbationResources#dialectMapping(String, String)})
   */
  public DialectPerturbation(double prob, Map<String, List<String>> mapping) {
    super("dialect", false, true);
    this.prob = Probabilities.check("prob", prob);
    Map<String, List<String>> byLower = new LinkedHashMap<>();
    mapping.forEach((k, v) -> byLower.putIfAbsent(PyStr.lower(k), List.copyOf(v)));
    this.mapping = byLower;
    String alternation =
        mapping.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.pattern =
        Pattern.compile(
            PyStr.NON_WORD_OR_HYPHEN + "(" + alternation + ")" + PyStr.NON_WORD_OR_HYPHEN,
            PyStr.IGNORECASE);
  }

  @Override
  public boolean perturbsReferences() {
    return true;
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    if (mapping.isEmpty()) {
      return text;
    }
    return PyStr.sub(
        pattern,
        text,
        m -> {
          String match = m.group();
          if (rng.uniform(0, 1) < prob) {
            String word = m.group(1);
            List<String> options = mapping.get(PyStr.lower(word));
            String synonym = PyStr.matchCase(word, rng.choice(options));
            int start = m.start(1) - m.start();
            return match.substring(0, start) + synonym + match.substring(start + word.length());
          }
          return match;
        });
  }
}
