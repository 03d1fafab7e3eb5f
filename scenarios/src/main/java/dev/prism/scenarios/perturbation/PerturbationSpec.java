package dev.prism.scenarios.perturbation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A perturbation by name and arguments, as data: {@code typos:prob=0.1}. Build one with {@link
 * PerturbationRegistry#parse(String)}, which checks the name and arguments; turn it into a {@link
 * Perturbation} with {@link PerturbationRegistry#create(PerturbationSpec)}.
 *
 * @param name perturbation name, e.g. {@code typos}
 * @param args argument name → value text, in the order given; copied
 */
public record PerturbationSpec(String name, Map<String, String> args) {
  public PerturbationSpec {
    Objects.requireNonNull(name, "name");
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** A spec without arguments. */
  public static PerturbationSpec of(String name) {
    return new PerturbationSpec(name, Map.of());
  }

  /** The spec string {@code NAME[:k=v,…]}, which {@link PerturbationRegistry#parse} reads back. */
  @Override
  public String toString() {
    if (args.isEmpty()) {
      return name;
    }
    return name
        + ":"
        + args.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }
}
