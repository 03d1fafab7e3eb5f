package dev.prism.metrics.calibration;

/**
 * numpy's default {@code argsort} ({@code kind="quicksort"}) for float64 as numpy 1.24 implements
 * it ({@code npysort/quicksort.cpp}: introsort with median-of-three partitioning, insertion sort
 * below 17 elements, heapsort past the depth limit). Reproducing it matters because HELM's
 * selective-accuracy stats depend on the order of tied probabilities. NaN sorts last, as in numpy.
 */
final class NumpySort {
  private static final int SMALL_QUICKSORT = 15;

  private NumpySort() {}

  /** The indices that sort {@code v} ascending, in numpy 1.24's order for ties. */
  static int[] argsort(double[] v) {
    int n = v.length;
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    if (n <= 1) {
      return t;
    }
    int pl = 0;
    int pr = n - 1;
    int[] stack = new int[256];
    int[] depths = new int[128];
    int sp = 0;
    int dp = 0;
    int cdepth = (31 - Integer.numberOfLeadingZeros(n)) * 2;
    while (true) {
      if (cdepth < 0) {
        heapsort(v, t, pl, pr - pl + 1);
      } else {
        while (pr - pl > SMALL_QUICKSORT) {
          int pm = pl + ((pr - pl) >> 1);
          if (less(v[t[pm]], v[t[pl]])) {
            swap(t, pm, pl);
          }
          if (less(v[t[pr]], v[t[pm]])) {
            swap(t, pr, pm);
          }
          if (less(v[t[pm]], v[t[pl]])) {
            swap(t, pm, pl);
          }
          double vp = v[t[pm]];
          int pi = pl;
          int pj = pr - 1;
          swap(t, pm, pj);
          while (true) {
            do {
              pi++;
            } while (less(v[t[pi]], vp));
            do {
              pj--;
            } while (less(vp, v[t[pj]]));
            if (pi >= pj) {
              break;
            }
            swap(t, pi, pj);
          }
          swap(t, pi, pr - 1);
          if (pi - pl < pr - pi) {
            stack[sp++] = pi + 1;
            stack[sp++] = pr;
            pr = pi - 1;
          } else {
            stack[sp++] = pl;
            stack[sp++] = pi - 1;
            pl = pi + 1;
          }
          depths[dp++] = --cdepth;
        }
        for (int i = pl + 1; i <= pr; i++) {
          int vi = t[i];
          double x = v[vi];
          int j = i;
          while (j > pl && less(x, v[t[j - 1]])) {
            t[j] = t[j - 1];
            j--;
          }
          t[j] = vi;
        }
      }
      if (sp == 0) {
        break;
      }
      pr = stack[--sp];
      pl = stack[--sp];
      cdepth = depths[--dp];
    }
    return t;
  }

  /** numpy's {@code aheapsort_} on {@code t[from .. from + n)}. */
  private static void heapsort(double[] v, int[] t, int from, int n) {
    // a[k] is t[from + k - 1]: numpy indexes the heap from 1.
    for (int l = n >> 1; l > 0; l--) {
      sift(v, t, from, l, n, t[from + l - 1]);
    }
    for (int m = n; m > 1; ) {
      int tmp = t[from + m - 1];
      t[from + m - 1] = t[from];
      m--;
      sift(v, t, from, 1, m, tmp);
    }
  }

  private static void sift(double[] v, int[] t, int from, int start, int n, int tmp) {
    int i = start;
    int j = start << 1;
    while (j <= n) {
      if (j < n && less(v[t[from + j - 1]], v[t[from + j]])) {
        j++;
      }
      if (less(v[tmp], v[t[from + j - 1]])) {
        t[from + i - 1] = t[from + j - 1];
        i = j;
        j += j;
      } else {
        break;
      }
    }
    t[from + i - 1] = tmp;
  }

  /** numpy's float {@code less}: NaN after everything. */
  private static boolean less(double a, double b) {
    return a < b || (b != b && a == a);
  }

  private static void swap(int[] t, int i, int j) {
    int x = t[i];
    t[i] = t[j];
    t[j] = x;
  }
}
