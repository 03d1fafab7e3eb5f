package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HELM's {@code contraction}: expansions from {@code CONTRACTION_MAP} ("she is", "I am") become
 * contractions ("she's", "I'm") when followed by a space (so sentence ends are left alone),
 * case-insensitively, keeping the first character of the match. Draws nothing; input only.
 *
 * <p>The reverse map is built as Python's {@code {v: k for k, v in map.items()}}: an expansion
 * shared by several contractions maps to the last one, and the alternation lists expansions in
 * order of first appearance.
 */
public final class ContractionPerturbation extends TextPerturbation {
  private final Map<String, String> reverse;
  private final Pattern pattern;

  public ContractionPerturbation() {
    this(BundledData.CONTRACTION_MAP);
  }

  ContractionPerturbation(Map<String, String> contractionMap) {
    super("contraction", true, false);
    Map<String, String> rev = new LinkedHashMap<>();
    contractionMap.forEach((contraction, expansion) -> rev.put(expansion, contraction));
    this.reverse = rev;
    String alternation = rev.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.pattern =
        Pattern.compile(
            PyStr.BOUNDARY + "(" + alternation + ")" + PyStr.BOUNDARY + " ",
            PyStr.IGNORECASE | Pattern.DOTALL);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return PyStr.sub(
        pattern,
        text,
        m -> {
          String match = m.group(1);
          String contraction = reverse.getOrDefault(match, reverse.get(PyStr.lower(match)));
          if (contraction == null) {
            // HELM would raise here (None[1:]); leave the text as it was instead.
            return m.group();
          }
          return firstChar(match) + contraction.substring(firstChar(contraction).length()) + " ";
        });
  }

  static String firstChar(String s) {
    return s.substring(0, Character.charCount(s.codePointAt(0)));
  }
}
