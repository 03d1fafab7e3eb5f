package dev.prism.metrics;

import dev.prism.core.Instance;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance of one train trial as an {@link InstancesMetric} sees it.
 *
 * @param instance the instance (possibly a perturbed copy)
 * @param outcomes its outcomes (one per reference for separate multiple choice); copied
 * @param stats its per-instance stats that some instances metric {@link InstancesMetric#usesStat
 *     uses}, keyed with its context; copied
 */
public record ScoredInstance(Instance instance, List<RequestOutcome> outcomes, List<Stat> stats) {
  public ScoredInstance {
    Objects.requireNonNull(instance, "instance");
    outcomes = List.copyOf(outcomes);
    stats = List.copyOf(stats);
  }

  /** The per-instance stat with this name, if the metrics produced it. */
  public Optional<Stat> stat(String name) {
    return stats.stream().filter(s -> s.key().name().equals(name)).findFirst();
  }
}
