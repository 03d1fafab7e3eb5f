package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HELM's {@code expansion}: contractions from {@code CONTRACTION_MAP} ("she's") become their
 * expansions ("she is"), case-insensitively, keeping the first character of the match. Draws
 * nothing; input only. As in HELM, alternatives are tried in map order, so {@code can't've} is
 * matched as {@code can't} and becomes {@code cannot've}.
 */
public final class ExpansionPerturbation extends TextPerturbation {
  private final Map<String, String> contractions;
  private final Pattern pattern;

  public ExpansionPerturbation() {
    this(BundledData.CONTRACTION_MAP);
  }

  ExpansionPerturbation(Map<String, String> contractionMap) {
    super("expansion", true, false);
    this.contractions = contractionMap;
    String alternation =
        contractionMap.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.pattern =
        Pattern.compile(
            PyStr.BOUNDARY + "(" + alternation + ")" + PyStr.BOUNDARY,
            PyStr.IGNORECASE | Pattern.DOTALL);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return PyStr.sub(
        pattern,
        text,
        m -> {
          String match = m.group();
          String expansion = contractions.getOrDefault(match, contractions.get(PyStr.lower(match)));
          if (expansion == null) {
            return match;
          }
          return ContractionPerturbation.firstChar(match)
              + expansion.substring(ContractionPerturbation.firstChar(expansion).length());
        });
  }
}
