package dev.prism.adapters;

import dev.prism.core.Deployment;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The catalogue facts about a deployment that the runner and the efficiency metrics read, parsed
 * from its options (see {@link DeploymentOptions}).
 *
 * @param tokenizer tokenizer name, if declared
 * @param modelName HELM's metadata model name, if declared
 * @param inputPricePer1M dollars per million input tokens, if declared
 * @param outputPricePer1M dollars per million output tokens, if declared
 * @param maxConcurrency most requests in flight, if limited
 * @param requestsPerMinute most requests started per minute, if limited
 * @param tokensPerMinute most input plus output tokens per minute, if limited
 * @param efficiencyProfile the deployment's entry in HELM's runtime tables, if named
 * @param idealizedRuntime inline coefficients of {@code inference_idealized_runtime}, if given
 * @param denoisedRuntime inline coefficients of {@code inference_denoised_runtime}, if given
 * @param trainingCo2Cost HELM's {@code training_co2_cost} (tons of CO2), if given inline
 * @param trainingEnergyCost HELM's {@code training_energy_cost} (MWh), if given inline
 */
public record DeploymentSettings(
    Optional<String> tokenizer,
    Optional<String> modelName,
    OptionalDouble inputPricePer1M,
    OptionalDouble outputPricePer1M,
    OptionalInt maxConcurrency,
    OptionalInt requestsPerMinute,
    OptionalInt tokensPerMinute,
    Optional<String> efficiencyProfile,
    Optional<RuntimeModel> idealizedRuntime,
    Optional<RuntimeModel> denoisedRuntime,
    OptionalDouble trainingCo2Cost,
    OptionalDouble trainingEnergyCost) {

  /**
   * Reads the settings of {@code deployment}.
   *
   * @throws dev.prism.core.PrismUserException when a value is malformed
   */
  public static DeploymentSettings of(Deployment deployment) {
    return new DeploymentSettings(
        DeploymentOptions.string(deployment, DeploymentOptions.TOKENIZER),
        DeploymentOptions.string(deployment, DeploymentOptions.MODEL_NAME),
        DeploymentOptions.decimal(deployment, DeploymentOptions.PRICE_INPUT_PER_1M),
        DeploymentOptions.decimal(deployment, DeploymentOptions.PRICE_OUTPUT_PER_1M),
        DeploymentOptions.positiveInt(deployment, DeploymentOptions.MAX_CONCURRENCY),
        DeploymentOptions.positiveInt(deployment, DeploymentOptions.REQUESTS_PER_MINUTE),
        DeploymentOptions.positiveInt(deployment, DeploymentOptions.TOKENS_PER_MINUTE),
        DeploymentOptions.string(deployment, DeploymentOptions.EFFICIENCY_PROFILE),
        DeploymentOptions.runtimeModel(deployment, DeploymentOptions.INFERENCE_IDEALIZED_RUNTIME),
        DeploymentOptions.runtimeModel(deployment, DeploymentOptions.INFERENCE_DENOISED_RUNTIME),
        DeploymentOptions.decimal(deployment, DeploymentOptions.TRAINING_CO2_COST),
        DeploymentOptions.decimal(deployment, DeploymentOptions.TRAINING_ENERGY_COST));
  }
}
