package dev.prism.metrics;

import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.List;
import java.util.Objects;

/**
 * The stats of one instance in one train trial, HELM's {@code PerInstanceStats}.
 *
 * @param instanceId the instance id (shared by an instance and its perturbed copies)
 * @param perturbation {@code null} for the unperturbed instance
 * @param trainTrialIndex the train trial
 * @param stats the instance's stats, keyed with its split, sub-split and perturbation, sorted as
 *     {@link RunStats#stats()}; copied
 */
public record PerInstanceStats(
    String instanceId,
    PerturbationDescription perturbation,
    int trainTrialIndex,
    List<Stat> stats) {
  public PerInstanceStats {
    Objects.requireNonNull(instanceId, "instanceId");
    stats = List.copyOf(stats);
  }
}
