package dev.prism.core;

import java.util.Objects;

/**
 * Names a {@link Stat}: HELM's {@code MetricName}. Robustness and fairness fall out of the grouping
 * because the perturbation is part of the key.
 *
 * @param name metric name, e.g. {@code exact_match}
 * @param split HELM split name ({@code test}, {@code valid}); may be {@code null}
 * @param subSplit may be {@code null}
 * @param perturbation may be {@code null}
 */
public record MetricKey(
    String name, String split, String subSplit, PerturbationDescription perturbation) {
  public MetricKey {
    Objects.requireNonNull(name, "name");
  }

  /** A key with only a name. */
  public static MetricKey of(String name) {
    return new MetricKey(name, null, null, null);
  }

  /** The same context with another name. */
  public MetricKey withName(String newName) {
    return new MetricKey(newName, split, subSplit, perturbation);
  }

  // Written out: scoring looks keys up in maps millions of times, and the generated record methods
  // (method handles) cost several times more under the launcher's C1-only compiler.
  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof MetricKey other
            && name.equals(other.name)
            && Objects.equals(split, other.split)
            && Objects.equals(subSplit, other.subSplit)
            && Objects.equals(perturbation, other.perturbation));
  }

  @Override
  public int hashCode() {
    int h = name.hashCode();
    h = 31 * h + Objects.hashCode(split);
    h = 31 * h + Objects.hashCode(subSplit);
    return 31 * h + Objects.hashCode(perturbation);
  }
}
