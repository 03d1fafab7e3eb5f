package dev.prism.metrics.accuracy;

/**
 * The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on
 * Code", §2.1), HELM's {@code pass_at_k_estimator}: the chance that at least one of {@code k}
 * samples drawn without replacement from {@code n}, of which {@code c} are correct, is correct.
 */
public final class PassAtK {
  private PassAtK() {}

  /**
   * {@code 1 - C(n-c, k) / C(n, k)}, computed as {@code 1 - ∏_{i=n-c+1..n} (1 - k/i)} (the
   * numerically stable form; same factors in the same order as HELM's {@code numpy.prod}, so the
   * same double). 1 when {@code n - c < k} (every k-subset holds a correct sample).
   *
   * <p>Unlike HELM, 0 when {@code c == 0}: HELM returns 1 for {@code c == 0} and {@code n < k} (a
   * request that returned fewer than k completions, none correct), which is wrong.
   *
   * @throws IllegalArgumentException unless {@code 0 <= c <= n} and {@code k >= 1}
   */
  public static double estimate(int n, int c, int k) {
    if (c < 0 || c > n || k < 1) {
      throw new IllegalArgumentException("need 0 <= c <= n and k >= 1: n=" + n + " c=" + c);
    }
    if (c == 0) {
      return 0.0;
    }
    if (n - c < k) {
      return 1.0;
    }
    double product = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      product *= 1.0 - (double) k / i;
    }
    return 1.0 - product;
  }
}
