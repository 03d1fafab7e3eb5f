package dev.prism.adapters;

import java.util.DoubleSummaryStatistics;

/**
 * Implemented by clients that stream tokens. Core's {@code RequestResult} has no field for time to
 * first token yet, so a streaming client keeps the measurements itself and the runner (or a
 * benchmark) reads them here.
 */
public interface StreamingStats {
  /** Seconds from sending a request to receiving its first content token, over all calls. */
  DoubleSummaryStatistics timeToFirstToken();
}
