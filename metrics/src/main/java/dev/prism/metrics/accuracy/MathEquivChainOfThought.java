package dev.prism.metrics.accuracy;

/**
 * {@code math_equiv_chain_of_thought}: {@code math_equiv} of the last {@code \boxed{…}} answer of
 * gold and prediction. Scored per request as the package documentation describes; see {@link
 * MathEquivalence#isEquivChainOfThought}.
 */
public final class MathEquivChainOfThought extends ReferenceMatchMetric {
  /** Called by {@link java.util.ServiceLoader}. */
  public MathEquivChainOfThought() {
    super("math_equiv_chain_of_thought", MathEquivalence::isEquivChainOfThought);
  }
}
