package dev.prism.metrics.accuracy;

/**
 * {@code iou_set_match}: intersection over union of the sets named after " is ". Scored per request
 * as the package documentation describes; see {@link AccuracyFunctions#iouSetMatch}.
 */
public final class IouSetMatch extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public IouSetMatch() {
    super("iou_set_match", AccuracyFunctions::iouSetMatch);
  }
}
