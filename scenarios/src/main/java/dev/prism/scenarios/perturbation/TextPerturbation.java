package dev.prism.scenarios.perturbation;

import dev.prism.core.PerturbationDescription;

/** Base of the built-in perturbations: a name and HELM's robustness/fairness flags. */
abstract class TextPerturbation implements Perturbation {
  private final PerturbationDescription description;

  TextPerturbation(String name, boolean robustness, boolean fairness) {
    this.description = new PerturbationDescription(name, robustness, fairness, null);
  }

  @Override
  public final String name() {
    return description.name();
  }

  @Override
  public final PerturbationDescription description() {
    return description;
  }

  @Override
  public String toString() {
    return name();
  }
}
