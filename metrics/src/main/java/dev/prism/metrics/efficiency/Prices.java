package dev.prism.metrics.efficiency;

/**
 * A deployment's list prices, for {@code estimated_cost_usd}.
 *
 * @param inputUsdPerMillionTokens US dollars per one million prompt tokens; finite, at least 0
 * @param outputUsdPerMillionTokens US dollars per one million output tokens; finite, at least 0
 */
public record Prices(double inputUsdPerMillionTokens, double outputUsdPerMillionTokens) {
  public Prices {
    check("inputUsdPerMillionTokens", inputUsdPerMillionTokens);
    check("outputUsdPerMillionTokens", outputUsdPerMillionTokens);
  }

  /** The cost in US dollars of one request with these token counts. */
  public double costUsd(long promptTokens, long outputTokens) {
    return (promptTokens * inputUsdPerMillionTokens + outputTokens * outputUsdPerMillionTokens)
        / 1_000_000.0;
  }

  private static void check(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }
}
