package dev.prism.scenarios.perturbation;

import dev.prism.core.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's {@code DataAugmenter} and the eval part of its {@code DataPreprocessor}: adds perturbed
 * copies of instances. For each instance, in order: the original (when kept), then for each
 * perturbation in order and each seed index {@code i} (seed {@code null} for {@code i == 0}, else
 * {@code i}) its perturbed copy, unless skipping unchanged copies and the input is unchanged.
 * Copies keep the original's id.
 *
 * <pre>{@code
 * DataAugmentation canonical = DataAugmentation.named("canonical");
 * List<Instance> all = DataAugmenter.of(canonical, new PerturbationRegistry(resources))
 *     .augment(instances, canonical);
 * }</pre>
 */
public final class DataAugmenter {
  private final List<Perturbation> perturbations;

  public DataAugmenter(List<Perturbation> perturbations) {
    this.perturbations = List.copyOf(perturbations);
  }

  /** The augmenter for {@code augmentation}'s perturbations, built by {@code registry}. */
  public static DataAugmenter of(DataAugmentation augmentation, PerturbationRegistry registry) {
    return new DataAugmenter(augmentation.perturbations().stream().map(registry::create).toList());
  }

  public List<Perturbation> perturbations() {
    return perturbations;
  }

  /** HELM's {@code DataAugmenter.generate}. */
  public List<Instance> generate(
      List<Instance> instances,
      boolean includeOriginal,
      boolean skipUnchanged,
      int seedsPerInstance) {
    List<Instance> out = new ArrayList<>();
    for (Instance instance : instances) {
      if (includeOriginal) {
        out.add(instance);
      }
      for (Perturbation perturbation : perturbations) {
        for (int i = 0; i < seedsPerInstance; i++) {
          Instance perturbed = perturbation.apply(instance, i == 0 ? null : i);
          if (skipUnchanged && perturbed.input().equals(instance.input())) {
            continue;
          }
          out.add(perturbed);
        }
      }
    }
    return out;
  }

  /**
   * Train instances unchanged, followed by the eval instances augmented as {@code augmentation}
   * says (HELM's {@code DataPreprocessor} order: train, then eval).
   */
  public List<Instance> augment(List<Instance> instances, DataAugmentation augmentation) {
    List<Instance> train = instances.stream().filter(i -> !i.split().isEval()).toList();
    List<Instance> eval = instances.stream().filter(i -> i.split().isEval()).toList();
    List<Instance> out = new ArrayList<>(train);
    out.addAll(
        generate(
            eval,
            augmentation.includeOriginal(),
            augmentation.skipUnchanged(),
            augmentation.seedsPerInstance()));
    return out;
  }
}
