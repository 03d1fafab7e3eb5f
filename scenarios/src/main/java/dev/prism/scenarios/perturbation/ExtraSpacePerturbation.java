package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;

/** HELM's {@code extra_space(num_spaces)}: every space becomes {@code numSpaces} spaces. */
public final class ExtraSpacePerturbation extends TextPerturbation {
  private final String spaces;

  /**
   * @param numSpaces how many spaces replace each one; at least 0
   */
  public ExtraSpacePerturbation(int numSpaces) {
    super("extra_space", true, false);
    if (numSpaces < 0) {
      throw new IllegalArgumentException("numSpaces must be >= 0, got " + numSpaces);
    }
    this.spaces = " ".repeat(numSpaces);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return text.replace(" ", spaces);
  }
}
