package dev.prism.metrics.efficiency;

/**
 * What it cost to train a deployment's model, for HELM's {@code training_co2_cost} and {@code
 * training_energy_cost}. HELM's values are metric tons of CO2 and MWh (its display name says kg;
 * the numbers are tons, e.g. 552.2 for GPT-3 davinci), and Prism keeps them as HELM has them.
 *
 * @param co2Cost estimated CO2 emitted in training, or {@code null} when unknown; finite, at least
 *     0
 * @param energyCost estimated energy used in training, or {@code null} when unknown; finite, at
 *     least 0
 */
public record TrainingCosts(Double co2Cost, Double energyCost) {
  public TrainingCosts {
    if (co2Cost == null && energyCost == null) {
      throw new IllegalArgumentException("training costs need a CO2 or an energy value");
    }
    if (co2Cost != null) {
      check("co2Cost", co2Cost);
    }
    if (energyCost != null) {
      check("energyCost", energyCost);
    }
  }

  /** {@code value}, when finite and at least 0. */
  static double check(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
    return value;
  }
}
