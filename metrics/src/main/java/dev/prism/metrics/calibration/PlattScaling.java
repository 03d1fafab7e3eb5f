package dev.prism.metrics.calibration;

/**
 * Platt scaling as uncertainty-calibration's {@code get_platt_scaler} does it: scikit-learn's
 * {@code LogisticRegression(C=1e10, solver="lbfgs")} fitted on {@code x = logit(clip(p, 1e-12, 1 -
 * 1e-12))} with 0/1 labels; the intercept is not penalised, the coefficient carries the L2 penalty
 * {@code coef² / (2C)}.
 *
 * <p>The fit is our own L-BFGS (memory 10, backtracking Armijo line search) started at zero, as
 * scikit-learn starts. Starting at zero and following gradients matters when every {@code x} is
 * equal: the problem is then degenerate along {@code coef·x + intercept = const}, and gradient
 * methods from zero stop at the point of that line along the gradient direction {@code (Σx, n)},
 * which is where scikit-learn stops (a Newton solver would not). We iterate to a much tighter
 * tolerance than scikit-learn's {@code gtol = 1e-4}, so values agree within about 1e-4 where the
 * optimum is well defined. On perfectly separable data the optimum is at infinity and scikit-learn
 * stops after 100 iterations; there the two differ.
 *
 * @param coef the fitted coefficient ({@code clf.coef_[0][0]})
 * @param intercept the fitted intercept ({@code clf.intercept_[0]})
 */
public record PlattScaling(double coef, double intercept) {
  private static final double C = 1e10;
  private static final double EPS = 1e-12;
  private static final int MEMORY = 10;
  private static final int MAX_ITERATIONS = 1000;

  /** The fitted scaler for these probabilities and 0/1 labels (same length, at least one each). */
  public static PlattScaling fit(double[] probs, int[] labels) {
    int n = probs.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = logit(probs[i]);
    }
    double[] w = new double[2];
    double[] g = new double[2];
    double f = objective(x, labels, w, g);
    double[][] s = new double[MEMORY][];
    double[][] y = new double[MEMORY][];
    double[] rho = new double[MEMORY];
    int stored = 0;
    int next = 0;
    for (int iter = 0; iter < MAX_ITERATIONS && norm(g) > 1e-13; iter++) {
      // Two-loop recursion: d = -H g.
      double[] q = g.clone();
      double[] alpha = new double[MEMORY];
      for (int k = 0; k < stored; k++) {
        int m = Math.floorMod(next - 1 - k, MEMORY);
        alpha[m] = rho[m] * dot(s[m], q);
        axpy(-alpha[m], y[m], q);
      }
      double gamma;
      if (stored > 0) {
        int last = Math.floorMod(next - 1, MEMORY);
        gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      } else {
        gamma = 1.0 / Math.max(norm(g), 1e-300);
      }
      for (int k = 0; k < 2; k++) {
        q[k] *= gamma;
      }
      for (int k = stored - 1; k >= 0; k--) {
        int m = Math.floorMod(next - 1 - k, MEMORY);
        double beta = rho[m] * dot(y[m], q);
        axpy(alpha[m] - beta, s[m], q);
      }
      double[] d = {-q[0], -q[1]};
      double slope = dot(g, d);
      if (slope >= 0) {
        d = new double[] {-g[0], -g[1]};
        slope = dot(g, d);
        stored = 0;
      }
      double step = 1.0;
      double[] wNew = new double[2];
      double[] gNew = new double[2];
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 60; ls++) {
        wNew[0] = w[0] + step * d[0];
        wNew[1] = w[1] + step * d[1];
        fNew = objective(x, labels, wNew, gNew);
        if (fNew <= f + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break;
      }
      double[] sk = {wNew[0] - w[0], wNew[1] - w[1]};
      double[] yk = {gNew[0] - g[0], gNew[1] - g[1]};
      double sy = dot(sk, yk);
      if (sy > 1e-300) {
        s[next] = sk;
        y[next] = yk;
        rho[next] = 1.0 / sy;
        next = (next + 1) % MEMORY;
        stored = Math.min(stored + 1, MEMORY);
      }
      boolean stalled = f - fNew <= 1e-16 * Math.max(1.0, Math.abs(f));
      w = wNew.clone();
      g = gNew.clone();
      f = fNew;
      if (stalled) {
        break;
      }
    }
    return new PlattScaling(w[0], w[1]);
  }

  /** {@code sigmoid(coef · logit(clip(p)) + intercept)}. */
  public double apply(double p) {
    return 1.0 / (1.0 + Math.exp(-(logit(p) * coef + intercept)));
  }

  /** {@code log(p / (1 - p))} after clipping {@code p} to {@code [1e-12, 1 - 1e-12]}. */
  static double logit(double p) {
    double c = Math.min(Math.max(p, EPS), 1 - EPS);
    return Math.log(c / (1 - c));
  }

  /** Mean logistic loss plus {@code coef² / (2 C n)}; writes the gradient into {@code grad}. */
  private static double objective(double[] x, int[] labels, double[] w, double[] grad) {
    int n = x.length;
    double loss = 0;
    double g0 = 0;
    double g1 = 0;
    for (int i = 0; i < n; i++) {
      double z = w[0] * x[i] + w[1];
      // log(1 + e^z) - y z, computed without overflow.
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += softplus - labels[i] * z;
      double p = z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
      double r = p - labels[i];
      g0 += r * x[i];
      g1 += r;
    }
    grad[0] = g0 / n + w[0] / (C * n);
    grad[1] = g1 / n;
    return loss / n + w[0] * w[0] / (2 * C * n);
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1];
  }

  private static double norm(double[] a) {
    return Math.max(Math.abs(a[0]), Math.abs(a[1]));
  }

  private static void axpy(double a, double[] x, double[] y) {
    y[0] += a * x[0];
    y[1] += a * x[1];
  }
}
