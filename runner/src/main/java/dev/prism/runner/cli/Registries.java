package dev.prism.runner.cli;

import dev.prism.adapters.AdapterRegistry;
import dev.prism.adapters.DeploymentCatalog;
import dev.prism.metrics.MetricRegistry;
import dev.prism.scenarios.ScenarioRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The plugin registries a command needs, loaded once; load problems are printed, not fatal. */
record Registries(
    ScenarioRegistry scenarios,
    AdapterRegistry adapters,
    DeploymentCatalog deployments,
    MetricRegistry metrics) {

  static Registries load(PrintWriter err) {
    return load(err, null);
  }

  /**
   * @param models a models.yaml whose deployments are added to (and override) the built-in
   *     catalogue; {@code null} for the built-ins only
   */
  static Registries load(PrintWriter err, Path models) {
    Registries r =
        new Registries(
            ScenarioRegistry.load(),
            AdapterRegistry.load(),
            models == null ? DeploymentCatalog.builtIn() : DeploymentCatalog.load(models),
            MetricRegistry.load());
    r.scenarios().problems().forEach(p -> err.println("prism: warning: scenario plugin: " + p));
    r.adapters().problems().forEach(p -> err.println("prism: warning: model adapter: " + p));
    r.metrics().problems().forEach(p -> err.println("prism: warning: metric plugin: " + p));
    return r;
  }
}
