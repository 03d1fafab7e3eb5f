package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.regex.Pattern;

/**
 * HELM's {@code space(max_spaces)}: every run of spaces becomes {@code rng.randint(1, max_spaces)}
 * spaces, runs drawn left to right.
 */
public final class SpacePerturbation extends TextPerturbation {
  private static final Pattern SPACES = Pattern.compile(" +");
  private final int maxSpaces;

  /**
   * @param maxSpaces the most spaces a run becomes; at least 1
   */
  public SpacePerturbation(int maxSpaces) {
    super("space", true, false);
    if (maxSpaces < 1) {
      throw new IllegalArgumentException("maxSpaces must be >= 1, got " + maxSpaces);
    }
    this.maxSpaces = maxSpaces;
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return PyStr.sub(SPACES, text, m -> " ".repeat((int) rng.randint(1, maxSpaces)));
  }
}
