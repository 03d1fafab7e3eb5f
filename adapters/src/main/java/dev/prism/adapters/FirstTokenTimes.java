package dev.prism.adapters;

import java.util.DoubleSummaryStatistics;

/** The times to first token a streaming client has measured: thread-safe, read as a snapshot. */
public final class FirstTokenTimes {
  private final DoubleSummaryStatistics seconds = new DoubleSummaryStatistics();

  /** Records one call's seconds from sending to its first content token. */
  public synchronized void record(double secondsToFirstToken) {
    seconds.accept(secondsToFirstToken);
  }

  /** A copy of what was recorded so far (see {@link StreamingStats#timeToFirstToken()}). */
  public synchronized DoubleSummaryStatistics snapshot() {
    DoubleSummaryStatistics copy = new DoubleSummaryStatistics();
    copy.combine(seconds);
    return copy;
  }
}
