package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code mild_mix}, the canonical robustness perturbation: {@code lowercase}, then {@code
 * contraction}, then {@code misspellings(prob=0.1)}, then {@code space(max_spaces=3)}, all drawing
 * from the one per-instance generator. Input only.
 */
public final class MildMixPerturbation extends TextPerturbation {
  private final List<Perturbation> steps;

  /**
   * @param correctToMisspelling the misspelling list (see {@link
   *     PerturbationResources#misspellings()})
   */
  public MildMixPerturbation(Map<String, List<String>> correctToMisspelling) {
    super("mild_mix", true, false);
    this.steps =
        List.of(
            new LowercasePerturbation(),
            new ContractionPerturbation(),
            new MisspellingPerturbation(0.1, correctToMisspelling),
            new SpacePerturbation(3));
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    String result = text;
    for (Perturbation step : steps) {
      result = step.perturb(result, rng);
    }
    return result;
  }
}
