package dev.prism.metrics.accuracy;

/**
 * {@code exact_match_indicator}: exact match on the text after the last space. Scored per request
 * as the package documentation describes; see {@link AccuracyFunctions#exactMatchIndicator}.
 */
public final class ExactMatchIndicator extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public ExactMatchIndicator() {
    super("exact_match_indicator", AccuracyFunctions::exactMatchIndicator);
  }
}
