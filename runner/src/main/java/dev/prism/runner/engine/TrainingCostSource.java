package dev.prism.runner.engine;

import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.DeploymentSettings;
import dev.prism.core.Deployment;
import dev.prism.metrics.efficiency.EfficiencyTables;
import dev.prism.metrics.efficiency.TrainingCosts;
import dev.prism.metrics.efficiency.TrainingTable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds what training a deployment's model cost, for HELM's {@code training_co2_cost} and {@code
 * training_energy_cost}: per value, the inline value of its models.yaml entry first, else the entry
 * of HELM's {@code training_efficiency.json} that its {@code efficiency_profile} names (when {@code
 * prism download efficiency_tables} has fetched it). HELM's table has entries for 14 of the
 * deployments it profiled; a profile name missing there is not an error, the stats are skipped.
 *
 * @param costs the costs, or {@code null} when neither value is known
 * @param reason why there are none and how to give them; {@code null} when there are costs
 * @param note something the run should say (one value unknown), or {@code null}
 */
record TrainingCostSource(TrainingCosts costs, String reason, String note) {

  static TrainingCostSource resolve(Deployment deployment, DeploymentSettings s, Path dataDir) {
    Double co2 = value(s.trainingCo2Cost());
    Double energy = value(s.trainingEnergyCost());
    Optional<String> helmName = s.efficiencyProfile();
    String missing = null;
    if (helmName.isPresent() && (co2 == null || energy == null)) {
      TrainingTable table = TrainingTable.read(dataDir);
      TrainingCosts helm = table == null ? null : table.costs(helmName.get());
      if (helm != null) {
        co2 = co2 != null ? co2 : helm.co2Cost();
        energy = energy != null ? energy : helm.energyCost();
      } else {
        missing =
            "deployment "
                + deployment.name()
                + " names HELM's efficiency profile '"
                + helmName.get()
                + "', but "
                + (table == null
                    ? "HELM's "
                        + TrainingTable.FILE
                        + " is not in "
                        + EfficiencyTables.location(dataDir)
                        + "; run: prism download "
                        + EfficiencyTables.DATA_NAME
                    : TrainingTable.location(dataDir)
                        + " has no entry for it (HELM estimated training costs for few"
                        + " models); give "
                        + DeploymentOptions.TRAINING_CO2_COST
                        + " / "
                        + DeploymentOptions.TRAINING_ENERGY_COST
                        + " in models.yaml");
      }
    }
    if (co2 == null && energy == null) {
      return new TrainingCostSource(
          null,
          missing != null
              ? missing
              : "no training costs for deployment "
                  + deployment.name()
                  + ": give it "
                  + DeploymentOptions.TRAINING_CO2_COST
                  + " (tons of CO2) / "
                  + DeploymentOptions.TRAINING_ENERGY_COST
                  + " (MWh) in models.yaml, or '"
                  + DeploymentOptions.EFFICIENCY_PROFILE
                  + ": <HELM deployment>' and run: prism download "
                  + EfficiencyTables.DATA_NAME,
          null);
    }
    String note =
        co2 != null && energy != null
            ? missing
            : "deployment "
                + deployment.name()
                + " has no "
                + (co2 == null ? "training_co2_cost" : "training_energy_cost")
                + (missing != null ? " (" + missing + ")" : "")
                + ", so that stat is left out";
    return new TrainingCostSource(new TrainingCosts(co2, energy), null, note);
  }

  private static Double value(java.util.OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }
}
