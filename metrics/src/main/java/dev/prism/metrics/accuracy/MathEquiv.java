package dev.prism.metrics.accuracy;

/**
 * {@code math_equiv}: MATH answers equal after HELM's LaTeX normalization. Scored per request as
 * the package documentation describes; see {@link MathEquivalence#isEquiv}.
 */
public final class MathEquiv extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public MathEquiv() {
    super("math_equiv", MathEquivalence::isEquiv);
  }
}
