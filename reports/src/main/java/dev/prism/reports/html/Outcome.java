package dev.prism.reports.html;

import dev.prism.reports.model.InstanceView;

/** Whether an instance was answered correctly, for the instance filters. */
final class Outcome {
  /** Allowance for values such as 0.9999999999 from averaging trials. */
  private static final double EPSILON = 1e-9;

  private Outcome() {}

  /**
   * {@code "ok"} when the main metric gives full credit (1), {@code "bad"} when it gives less,
   * {@code null} when the instance has no value for it.
   */
  static String of(InstanceView v, String mainMetric) {
    Double x = v.stats().get(mainMetric);
    if (x == null || x.isNaN()) {
      return null;
    }
    return x >= 1 - EPSILON ? "ok" : "bad";
  }
}
