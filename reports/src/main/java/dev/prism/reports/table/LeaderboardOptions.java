package dev.prism.reports.table;

import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link SchemaLeaderboard#build}.
 *
 * @param lowerIsBetter overrides the schema's direction by metric name ({@code null} value: not
 *     ranked); never {@code null}
 * @param resamples bootstrap resamples for intervals and paired bootstraps; 0 turns intervals and
 *     tests off
 * @param seed the base seed of every resample
 * @param alpha significance level for "not significantly different from the best", e.g. {@code
 *     0.05}
 */
public record LeaderboardOptions(
    Map<String, Boolean> lowerIsBetter, int resamples, long seed, double alpha) {
  /** 1,000 resamples, seed 0, level 0.05. */
  public static final LeaderboardOptions DEFAULTS =
      new LeaderboardOptions(Map.of(), 1000, 0L, 0.05);

  public LeaderboardOptions {
    Objects.requireNonNull(lowerIsBetter, "lowerIsBetter");
    // Map.copyOf rejects null values, which mean "not ranked" here.
    lowerIsBetter = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(lowerIsBetter));
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must be >= 0, got " + resamples);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
  }

  /** These options with other direction overrides. */
  public LeaderboardOptions withLowerIsBetter(Map<String, Boolean> overrides) {
    return new LeaderboardOptions(overrides, resamples, seed, alpha);
  }

  /** These options with another number of resamples. */
  public LeaderboardOptions withResamples(int n) {
    return new LeaderboardOptions(lowerIsBetter, n, seed, alpha);
  }
}
