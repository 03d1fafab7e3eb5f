package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;

/** HELM's {@code lowercase}: {@code text.lower()}; input only. */
public final class LowercasePerturbation extends TextPerturbation {
  public LowercasePerturbation() {
    super("lowercase", true, false);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return PyStr.lower(text);
  }
}
