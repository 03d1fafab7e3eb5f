package dev.prism.runner.engine;

import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.DeploymentSettings;
import dev.prism.adapters.RuntimeModel;
import dev.prism.core.Deployment;
import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import dev.prism.metrics.efficiency.EfficiencyProfile;
import dev.prism.metrics.efficiency.EfficiencyTables;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a deployment's runtime model for HELM's {@code inference_idealized_runtime} and {@code
 * inference_denoised_runtime}: per estimator, the inline coefficients of its models.yaml entry
 * first, else the HELM table entry its {@code efficiency_profile} names (when {@code prism download
 * efficiency_tables} has fetched the tables into the data folder).
 *
 * @param profile the profile, or {@code null} when there is none
 * @param noProfileReason why there is none and how to get one; {@code null} when there is one
 * @param note something the run should say (an estimator left out), or {@code null}
 */
record EfficiencyProfiles(EfficiencyProfile profile, String noProfileReason, String note) {

  static EfficiencyProfiles resolve(Deployment deployment, DeploymentSettings s, Path dataDir) {
    EfficiencyProfile.Coefficients idealized =
        s.idealizedRuntime().map(EfficiencyProfiles::of).orElse(null);
    EfficiencyProfile.Coefficients denoised =
        s.denoisedRuntime().map(EfficiencyProfiles::of).orElse(null);
    Optional<String> helmName = s.efficiencyProfile();
    String tablesNote = null;
    if (helmName.isPresent() && (idealized == null || denoised == null)) {
      EfficiencyTables tables = EfficiencyTables.read(dataDir);
      if (tables == null) {
        tablesNote =
            "deployment "
                + deployment.name()
                + " names HELM's efficiency profile '"
                + helmName.get()
                + "', but HELM's runtime tables are not in "
                + EfficiencyTables.location(dataDir)
                + "; run: prism download "
                + EfficiencyTables.DATA_NAME;
      } else {
        EfficiencyProfile helm = tables.profile(helmName.get(), deployment.name());
        if (helm == null) {
          throw unknownProfile(deployment, helmName.get(), tables, dataDir);
        }
        idealized = idealized != null ? idealized : helm.idealized();
        denoised = denoised != null ? denoised : helm.denoised();
      }
    }
    if (idealized == null && denoised == null) {
      String reason =
          tablesNote != null
              ? tablesNote
              : "no efficiency profile for deployment "
                  + deployment.name()
                  + ": give it "
                  + DeploymentOptions.INFERENCE_IDEALIZED_RUNTIME
                  + " / "
                  + DeploymentOptions.INFERENCE_DENOISED_RUNTIME
                  + " coefficients in models.yaml, or '"
                  + DeploymentOptions.EFFICIENCY_PROFILE
                  + ": <HELM deployment>' and run: prism download "
                  + EfficiencyTables.DATA_NAME;
      return new EfficiencyProfiles(null, reason, null);
    }
    return new EfficiencyProfiles(
        new EfficiencyProfile(deployment.name(), idealized, denoised), null, tablesNote);
  }

  private static EfficiencyProfile.Coefficients of(RuntimeModel m) {
    return new EfficiencyProfile.Coefficients(
        m.runtimeForPromptTokens(), m.runtimePerOutputToken(), m.overhead());
  }

  private static PrismUserException unknownProfile(
      Deployment deployment, String helmName, EfficiencyTables tables, Path dataDir) {
    String hint =
        Names.suggestions(helmName, tables.deployments()).isEmpty()
            ? "Name one of the "
                + tables.deployments().size()
                + " deployments HELM profiled there (e.g. "
                + String.join(", ", tables.deployments().stream().limit(3).toList())
                + "), or give inline coefficients"
            : Names.didYouMean(helmName, tables.deployments(), "");
    return new PrismUserException(
        "deployment '"
            + deployment.name()
            + "': "
            + DeploymentOptions.EFFICIENCY_PROFILE
            + " '"
            + helmName
            + "' is in neither of HELM's runtime tables in "
            + EfficiencyTables.location(dataDir),
        hint);
  }
}
