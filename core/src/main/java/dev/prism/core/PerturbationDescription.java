package dev.prism.core;

import java.util.Objects;

/**
 * Describes how an {@link Instance} was perturbed, in HELM's shape. The same description (with
 * {@code computedOn} set) names the stats computed on perturbed copies.
 *
 * @param name perturbation name, e.g. {@code typos}
 * @param robustness whether it counts towards robustness
 * @param fairness whether it counts towards fairness
 * @param computedOn {@code null} on instances; on stats one of {@code original}, {@code perturbed},
 *     {@code worst}
 */
public record PerturbationDescription(
    String name, boolean robustness, boolean fairness, String computedOn) {
  public PerturbationDescription {
    Objects.requireNonNull(name, "name");
  }

  /** The same description with {@code computedOn} replaced. */
  public PerturbationDescription withComputedOn(String value) {
    return new PerturbationDescription(name, robustness, fairness, value);
  }
}
