package dev.prism.scenarios.random;

/**
 * numpy's legacy global generator ({@code np.random.seed(n)}, {@code RandomState}) as far as HELM
 * uses it: MT19937 seeded with {@code init_genrand}, and {@code choice(n, k, replace=False)}, which
 * legacy numpy computes as {@code permutation(n)[:k]}. HELM down-samples evaluation instances with
 * {@code np.random.seed(0); np.random.choice(instances, k, replace=False)}. Not thread-safe.
 *
 * <pre>{@code
 * int[] picked = new NumpyLegacyRandom(0).choiceWithoutReplacement(20, 5); // [18, 1, 19, 8, 10]
 * }</pre>
 */
public final class NumpyLegacyRandom {
  private final Mt19937 mt = new Mt19937();

  /**
   * {@code np.random.seed(seed)}.
   *
   * @param seed in [0, 2^32 - 1], as numpy requires
   */
  public NumpyLegacyRandom(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
    }
    mt.initGenrand((int) seed);
  }

  /**
   * {@code choice(n, k, replace=False)}: the first k entries of {@code permutation(n)}, in that
   * order.
   */
  public int[] choiceWithoutReplacement(int n, int k) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException(
          "cannot take a larger sample than population when replace=False");
    }
    int[] perm = permutation(n);
    int[] result = new int[k];
    System.arraycopy(perm, 0, result, 0, k);
    return result;
  }

  /**
   * {@code permutation(n)}: Fisher-Yates over {@code arange(n)} from the end, each j drawn by
   * masked rejection ({@code random_interval}).
   */
  public int[] permutation(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = (int) interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** numpy's {@code random_interval(max)}: uniform in [0, max] by masked rejection. */
  private long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = mt.nextUint32() & mask;
    } while (value > max);
    return value;
  }
}
