package dev.prism.scenarios.perturbation;

/** Argument checks shared by the perturbations. */
final class Probabilities {
  private Probabilities() {}

  /**
   * @return {@code p} when it lies in [0, 1]
   * @throws IllegalArgumentException otherwise (NaN included)
   */
  static double check(String what, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
    }
    return p;
  }
}
