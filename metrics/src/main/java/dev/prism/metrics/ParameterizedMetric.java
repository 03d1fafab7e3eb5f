package dev.prism.metrics;

import dev.prism.core.Metric;
import java.util.List;
import java.util.Map;

/**
 * Implemented by a registered {@link Metric} whose real instances take arguments, named in HELM's
 * run-entry syntax {@code id:key=value,key=value} (e.g. {@code
 * bias_metric:mode=representation,demographic_category=gender}). {@link MetricRegistry#resolve}
 * hands the arguments to {@link #withArguments}; a family name selects {@link #defaultVariants()}
 * instead of the registered instance.
 */
public interface ParameterizedMetric {
  /**
   * The metric for these arguments; its {@link Metric#id()} is the full name.
   *
   * @throws dev.prism.core.PrismUserException for unknown keys or values, naming the valid ones
   */
  Metric withArguments(Map<String, String> arguments);

  /** The variants a family name selects (HELM's standard bundle), in order. */
  List<Metric> defaultVariants();
}
