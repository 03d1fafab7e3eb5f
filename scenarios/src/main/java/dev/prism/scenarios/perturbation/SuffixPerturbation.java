package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.Objects;

/** HELM's suffix perturbation (used for text-to-image styles): appends {@code ", " + suffix}. */
public final class SuffixPerturbation extends TextPerturbation {
  private final String suffix;

  public SuffixPerturbation(String suffix) {
    super("suffix", false, false);
    this.suffix = Objects.requireNonNull(suffix, "suffix");
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    return text + ", " + suffix;
  }
}
