package dev.prism.scenarios.perturbation;

import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Reference;
import dev.prism.scenarios.random.PythonRandom;
import java.util.List;

/**
 * A deterministic transform of an {@link Instance} for robustness or fairness, in HELM's shape
 * ({@code augmentations/perturbation.py}).
 *
 * <p>Seeding follows HELM exactly: {@link #apply(Instance, Integer)} creates one {@link
 * PythonRandom} per instance, {@code random.Random(instance.id)} when {@code seed} is {@code null}
 * and {@code random.Random(str(seed) + instance.id)} otherwise. When {@link #perturbsReferences()}
 * is true the references are perturbed first, in order, with that same generator, then the input.
 * The perturbed copy keeps the original's id and carries {@link #description()}.
 *
 * <p>Implementations are immutable and thread-safe; all randomness comes from the generator passed
 * in. Constructors may take already-loaded data (see {@link PerturbationResources}) but do no I/O.
 *
 * <pre>{@code
 * Perturbation typos = PerturbationRegistry.builtIn().create(PerturbationRegistry.parse("typos:prob=0.1"));
 * Instance perturbed = typos.apply(instance, null);
 * }</pre>
 */
public interface Perturbation {

  /** HELM's short name, e.g. {@code typos}; never {@code null}. */
  String name();

  /** What the perturbed instances carry; {@code computedOn} is {@code null}. */
  PerturbationDescription description();

  /** Whether references are perturbed too (HELM's {@code should_perturb_references}). */
  default boolean perturbsReferences() {
    return false;
  }

  /**
   * Perturbs one text, drawing randomness only from {@code rng}.
   *
   * @return the perturbed text, never {@code null}
   */
  String perturb(String text, PythonRandom rng);

  /**
   * The perturbed copy of {@code instance}: same id, split and sub-split, perturbed input (and
   * references when {@link #perturbsReferences()}), and {@link #description()}.
   *
   * @param seed {@code null} for HELM's first (and usually only) seed; otherwise the seed index
   */
  default Instance apply(Instance instance, Integer seed) {
    PythonRandom rng = rngFor(instance, seed);
    List<Reference> references = instance.references();
    if (perturbsReferences()) {
      references = references.stream().map(r -> r.withText(perturb(r.text(), rng))).toList();
    }
    String input = perturb(instance.input(), rng);
    return instance.perturbed(input, references, description());
  }

  /**
   * HELM's per-instance generator: {@code random.Random(instance.id)} without a seed, {@code
   * random.Random(str(seed) + instance.id)} with one.
   */
  static PythonRandom rngFor(Instance instance, Integer seed) {
    return seed == null ? new PythonRandom(instance.id()) : new PythonRandom(seed + instance.id());
  }
}
