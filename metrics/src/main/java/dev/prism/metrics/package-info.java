/**
 * Prism's metrics: {@link dev.prism.metrics.MetricRegistry} finds the {@link dev.prism.core.Metric}
 * plugins and resolves user-given names and families; {@link dev.prism.metrics.StatsAggregator}
 * turns scored outcomes into a run's {@link dev.prism.metrics.RunStats} as HELM aggregates them.
 * The metric families live in sub-packages ({@code accuracy}, …).
 */
package dev.prism.metrics;
