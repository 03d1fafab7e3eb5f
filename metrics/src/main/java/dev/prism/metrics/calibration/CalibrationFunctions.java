package dev.prism.metrics.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The calibration measures HELM takes from uncertainty-calibration 0.1.4 (helm-notes §2.2), as pure
 * functions of probabilities and 0/1 correctness labels of the same length.
 */
public final class CalibrationFunctions {
  private CalibrationFunctions() {}

  /**
   * {@code get_ece_em}: expected calibration error with {@code min(numBins, n)} equal-mass bins.
   * The sorted probabilities are split into contiguous chunks ({@code np.array_split}: the first
   * {@code n mod b} chunks one larger); bin boundaries are the midpoints between neighbouring
   * chunks plus 1.0, de-duplicated; each probability goes to the first bin whose upper boundary is
   * at least it. ECE = Σ (n_b / n) · |mean p_b − mean y_b|. 0 for no data.
   */
  public static double eceEqualMass(double[] probs, int[] labels, int numBins) {
    int n = probs.length;
    if (n == 0) {
      return 0;
    }
    double[] sorted = probs.clone();
    Arrays.sort(sorted);
    int bins = Math.min(numBins, n);
    TreeSet<Double> bounds = new TreeSet<>();
    int base = n / bins;
    int extra = n % bins;
    int start = 0;
    for (int b = 0; b < bins - 1; b++) {
      int size = base + (b < extra ? 1 : 0);
      int end = start + size;
      bounds.add((sorted[end - 1] + sorted[end]) / 2.0);
      start = end;
    }
    bounds.add(1.0);
    return binnedError(probs, labels, new ArrayList<>(bounds));
  }

  /** {@code get_ece(..., num_bins=1)}: {@code |mean(p) − mean(y)|}; 0 for no data. */
  public static double ece1Bin(double[] probs, int[] labels) {
    return probs.length == 0 ? 0 : binnedError(probs, labels, List.of(1.0));
  }

  /**
   * {@code get_selective_stats}: predictions ordered by {@code argsort(−p)} (numpy's quicksort, so
   * tie order is numpy's), cumulative accuracy {@code acc_k} of the top k. Returns the mean of
   * {@code acc_k} over k (coverage-accuracy area) and {@code acc[int(0.1 n)]}, the accuracy of the
   * top {@code int(0.1 n) + 1} predictions ({@code selective_acc@10}).
   *
   * @throws IllegalArgumentException for no data
   */
  public static double[] selectiveStats(double[] probs, int[] labels) {
    int n = probs.length;
    if (n == 0) {
      throw new IllegalArgumentException("no predictions");
    }
    double[] negated = new double[n];
    for (int i = 0; i < n; i++) {
      negated[i] = -probs[i];
    }
    int[] order = NumpySort.argsort(negated);
    double[] acc = new double[n];
    long correct = 0;
    double area = 0;
    for (int k = 0; k < n; k++) {
      correct += labels[order[k]];
      acc[k] = (double) correct / (k + 1);
      area += acc[k];
    }
    return new double[] {area / n, acc[(int) (0.1 * n)]};
  }

  /** uncertainty-calibration's {@code plugin_ce} with power 1 over bins with these upper bounds. */
  private static double binnedError(double[] probs, int[] labels, List<Double> upper) {
    int bins = upper.size();
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < probs.length; i++) {
      int b = firstAtLeast(upper, probs[i]);
      sumP[b] += probs[i];
      sumY[b] += labels[i];
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        double diff = sumP[b] / count[b] - sumY[b] / count[b];
        ece += (double) count[b] / probs.length * Math.abs(diff);
      }
    }
    return ece;
  }

  /** {@code bisect_left}: the first index whose bound is ≥ p (the last bin for p above 1). */
  private static int firstAtLeast(List<Double> upper, double p) {
    for (int i = 0; i < upper.size(); i++) {
      if (upper.get(i) >= p) {
        return i;
      }
    }
    // bisect_left would return len(bins) and the Python code would fail; keep such p in the last.
    return upper.size() - 1;
  }
}
