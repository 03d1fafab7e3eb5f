package dev.prism.metrics;

import dev.prism.core.MetricKey;
import java.util.Objects;

/**
 * A metric that produced nothing for part of a run, and why; shown to the user instead of a silent
 * gap.
 *
 * @param metricId the metric's id
 * @param trainTrialIndex the train trial, or -1 when the metric was skipped for the whole run
 * @param context the group's split, sub-split and perturbation (name {@code "*"}), or {@code null}
 *     for the whole run
 * @param reason one sentence saying why
 */
public record SkippedMetric(
    String metricId, int trainTrialIndex, MetricKey context, String reason) {
  public SkippedMetric {
    Objects.requireNonNull(metricId, "metricId");
    Objects.requireNonNull(reason, "reason");
  }
}
