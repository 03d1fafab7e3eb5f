package dev.prism.reports.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded bootstrap and paired tests on per-instance values. Pure functions: the same inputs and
 * seed give the same result on every machine. Every method runs in time linear in the number of
 * values times the number of resamples.
 *
 * <p>A "macro" estimate is the mean over groups (runs) of each group's mean, as HELM averages the
 * runs of a leaderboard cell; the bootstrap resamples instances within each group.
 */
public final class Resampling {
  private Resampling() {}

  /**
   * Bootstrap replicates of one group's mean: {@code resamples} means of {@code values} drawn with
   * replacement.
   *
   * @param values at least one value
   * @return {@code resamples} replicate means, in draw order
   */
  public static double[] bootstrapMeans(double[] values, int resamples, long seed) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to resample");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = values.length;
    double[] out = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      out[b] = sum / n;
    }
    return out;
  }

  /** The element-wise mean of equally long replicate arrays (the macro mean of each replicate). */
  public static double[] macro(List<double[]> replicates) {
    double[] out = new double[replicates.get(0).length];
    for (double[] r : replicates) {
      for (int b = 0; b < out.length; b++) {
        out[b] += r[b];
      }
    }
    for (int b = 0; b < out.length; b++) {
      out[b] /= replicates.size();
    }
    return out;
  }

  /**
   * The percentile interval of replicates, with numpy's default linear interpolation.
   *
   * @param level e.g. {@code 0.95}
   * @return {@code [low, high]}
   */
  public static double[] percentileInterval(double[] replicates, double level) {
    double[] sorted = replicates.clone();
    Arrays.sort(sorted);
    double tail = (1 - level) / 2;
    return new double[] {quantile(sorted, tail), quantile(sorted, 1 - tail)};
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * Two-sided exact McNemar p-value: the binomial test of {@code onlyA} successes in {@code onlyA +
   * onlyB} discordant pairs at probability one half; 1 when there are no discordant pairs.
   *
   * @param onlyA pairs where only the first model scored 1
   * @param onlyB pairs where only the second model scored 1
   */
  public static double mcNemar(long onlyA, long onlyB) {
    long n = onlyA + onlyB;
    if (n == 0) {
      return 1.0;
    }
    long k = Math.min(onlyA, onlyB);
    // log P(X = i) for X ~ Bin(n, 1/2), summed for i = 0..k with log-sum-exp.
    double logTerm = -n * Math.log(2);
    double logSum = logTerm;
    for (long i = 0; i < k; i++) {
      logTerm += Math.log((double) (n - i) / (i + 1));
      double hi = Math.max(logSum, logTerm);
      logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
    }
    return Math.min(1.0, 2 * Math.exp(logSum));
  }

  /**
   * Two-sided paired bootstrap p-value for a macro mean difference: per group, the differences
   * {@code a[i] - b[i]} are resampled with replacement; the p-value is twice the smaller share of
   * replicates on either side of zero, with add-one smoothing, capped at 1.
   *
   * @param differences one non-empty array of per-instance differences per group
   */
  public static double pairedBootstrap(List<double[]> differences, int resamples, long seed) {
    double[] sums = new double[resamples];
    long groupSeed = seed;
    for (double[] d : differences) {
      double[] means = bootstrapMeans(d, resamples, groupSeed);
      for (int b = 0; b < resamples; b++) {
        sums[b] += means[b];
      }
      groupSeed = mix(groupSeed + 1);
    }
    long atMostZero = 0;
    long atLeastZero = 0;
    for (double s : sums) {
      if (s <= 0) {
        atMostZero++;
      }
      if (s >= 0) {
        atLeastZero++;
      }
    }
    double p = 2.0 * (Math.min(atMostZero, atLeastZero) + 1) / (resamples + 1);
    return Math.min(1.0, p);
  }

  /** Whether every value is exactly 0 or 1. */
  public static boolean binary(double[] values) {
    for (double v : values) {
      if (v != 0.0 && v != 1.0) {
        return false;
      }
    }
    return true;
  }

  /** A seed derived from a base seed and a string, stable across JVMs (SplitMix64 finaliser). */
  public static long seed(long base, String key) {
    long h = base;
    for (int i = 0; i < key.length(); i++) {
      h = h * 31 + key.charAt(i);
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
