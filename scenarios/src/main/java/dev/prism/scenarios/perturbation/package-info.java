/**
 * HELM's robustness and fairness perturbations ({@code src/helm/benchmark/augmentations/}): text
 * transforms seeded per instance with CPython's {@code random.Random(instance.id)}, so the same
 * instance ids give the same perturbed text as HELM, and the {@link
 * dev.prism.scenarios.perturbation.DataAugmenter} that adds perturbed copies of eval instances.
 *
 * <p>Entry points: {@link dev.prism.scenarios.perturbation.PerturbationRegistry#parse(String)}
 * (spec strings such as {@code typos:prob=0.1}), {@link
 * dev.prism.scenarios.perturbation.DataAugmentation#named(String)} ({@code canonical}, {@code
 * robustness}, {@code fairness}, …) and {@link
 * dev.prism.scenarios.perturbation.PerturbationResources} (the data files HELM downloads at run
 * time).
 */
package dev.prism.scenarios.perturbation;
