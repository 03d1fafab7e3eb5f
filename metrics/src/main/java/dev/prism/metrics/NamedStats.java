package dev.prism.metrics;

import java.util.List;

/**
 * Implemented by a {@link dev.prism.core.Metric} that produces stats under names other than its id
 * (calibration's {@code ece_10_bin}, efficiency's {@code num_prompt_tokens}, …). {@link
 * MetricRegistry#resolve} accepts each of these names and selects the metric for it.
 */
public interface NamedStats {
  /** The stat names this metric produces, each unique across the registry; never empty. */
  List<String> statNames();
}
