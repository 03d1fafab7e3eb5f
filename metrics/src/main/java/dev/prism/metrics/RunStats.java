package dev.prism.metrics;

import dev.prism.core.MetricKey;
import dev.prism.core.Stat;
import java.util.List;
import java.util.Optional;

/**
 * The stats of one run, HELM's {@code stats.json} and {@code per_instance_stats.json}.
 *
 * @param stats one stat per {@link MetricKey}; each value is one train trial's mean over instances,
 *     so {@code count} is the number of trials and {@code mean()} the mean over trials; sorted by
 *     name, split, sub-split and perturbation; copied
 * @param perInstance one entry per (train trial, instance id, perturbation), trials ascending and
 *     instances in the order their outcomes were given; copied
 * @param skipped the metrics that produced nothing for (part of) the run and why, in the order met;
 *     copied
 */
public record RunStats(
    List<Stat> stats, List<PerInstanceStats> perInstance, List<SkippedMetric> skipped) {
  public RunStats {
    stats = List.copyOf(stats);
    perInstance = List.copyOf(perInstance);
    skipped = List.copyOf(skipped);
  }

  /** Run stats with nothing skipped. */
  public RunStats(List<Stat> stats, List<PerInstanceStats> perInstance) {
    this(stats, perInstance, List.of());
  }

  /** The stat with exactly this key. */
  public Optional<Stat> find(MetricKey key) {
    return stats.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
