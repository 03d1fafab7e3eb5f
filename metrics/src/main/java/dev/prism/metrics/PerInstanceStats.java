package dev.prism.metrics;

import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stats of one instance in one train trial, HELM's {@code PerInstanceStats}.
 *
 * @param instanceId the instance id (shared by an instance and its perturbed copies)
 * @param perturbation {@code null} for the unperturbed instance
 * @param trainTrialIndex the train trial
 * @param stats the instance's stats, keyed with its split, sub-split and perturbation, sorted as
 *     {@link RunStats#stats()}; copied
 * @param annotations by metric id, the notes of each {@link Annotating} metric on the instance's
 *     completions (one per completion, in order), only for metrics that had something to say;
 *     copied
 */
public record PerInstanceStats(
    String instanceId,
    PerturbationDescription perturbation,
    int trainTrialIndex,
    List<Stat> stats,
    Map<String, List<String>> annotations) {
  public PerInstanceStats {
    Objects.requireNonNull(instanceId, "instanceId");
    stats = List.copyOf(stats);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    annotations.forEach((metric, notes) -> copy.put(metric, List.copyOf(notes)));
    annotations = Collections.unmodifiableMap(copy);
  }

  /** Stats without annotations. */
  public PerInstanceStats(
      String instanceId,
      PerturbationDescription perturbation,
      int trainTrialIndex,
      List<Stat> stats) {
    this(instanceId, perturbation, trainTrialIndex, stats, Map.of());
  }
}
