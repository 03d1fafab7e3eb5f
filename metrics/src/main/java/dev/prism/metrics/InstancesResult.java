package dev.prism.metrics;

import dev.prism.core.Stat;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link InstancesMetric} computed for one group.
 *
 * @param stats the stats, keyed by name only; copied; empty when skipped
 * @param skipReason why the metric produced nothing for the group, or {@code null} when it ran
 */
public record InstancesResult(List<Stat> stats, String skipReason) {
  public InstancesResult {
    stats = List.copyOf(stats);
  }

  /** A result with stats. */
  public static InstancesResult of(List<Stat> stats) {
    return new InstancesResult(stats, null);
  }

  /** No stats, for the given reason. */
  public static InstancesResult skipped(String reason) {
    return new InstancesResult(List.of(), Objects.requireNonNull(reason, "reason"));
  }
}
