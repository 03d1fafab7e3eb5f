package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;

/**
 * A metric computed over all instances of one (train trial, split, sub-split, perturbation) group
 * at once, HELM's {@code EvaluateInstancesMetric} and {@code derive_per_instance_stats}
 * (calibration, bias, classification F1). {@link StatsAggregator} detects this interface: it calls
 * {@link #evaluateInstances} once per group, after the per-instance stats are known, adds the
 * context to the returned keys and reduces each stat to its mean like any other trial stat. These
 * stats have no per-instance values, so they get no robustness or fairness variants.
 *
 * <p>Implementations are registered as ordinary {@link Metric}s ({@code
 * META-INF/services/dev.prism.core.Metric}); their {@link #evaluate} returns nothing. Same
 * lifecycle rules as {@link Metric}: public no-argument constructor, cheap, stateless and
 * thread-safe.
 *
 * <pre>{@code
 * public final class MeanLength implements InstancesMetric {
 *   public String id() { return "mean_length"; }
 *   public String family() { return "efficiency"; }
 *   public InstancesResult evaluateInstances(List<ScoredInstance> instances) {
 *     return InstancesResult.of(List.of(Stat.of("mean_length", instances.size())));
 *   }
 * }
 * }</pre>
 */
public interface InstancesMetric extends Metric {
  /**
   * The stats of one group, keyed by name only; or why the metric does not apply to it.
   *
   * @param instances every instance of the group with its outcomes and the per-instance stats that
   *     some instances metric {@link #usesStat uses}, in the order their outcomes were given; never
   *     empty
   */
  InstancesResult evaluateInstances(List<ScoredInstance> instances);

  /**
   * Whether {@link #evaluateInstances} reads the per-instance stat with this name from {@link
   * ScoredInstance#stats()}. Stats that no instances metric reads are left out of the scored
   * instances, so a large run does not keep every per-instance stat in memory until its groups are
   * complete. The default, {@code true}, keeps them all.
   */
  default boolean usesStat(String name) {
    return true;
  }

  /** Nothing: the work happens in {@link #evaluateInstances}. */
  @Override
  default List<Stat> evaluate(RequestOutcome outcome) {
    return List.of();
  }
}
