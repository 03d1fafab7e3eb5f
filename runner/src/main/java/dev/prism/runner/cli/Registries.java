package dev.prism.runner.cli;

import dev.prism.adapters.AdapterRegistry;
import dev.prism.adapters.DeploymentCatalog;
import dev.prism.core.PluginSource;
import dev.prism.metrics.MetricRegistry;
import dev.prism.runner.plugin.PluginJars;
import dev.prism.scenarios.ScenarioRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The plugin registries a command needs, loaded once: built-in providers plus plugin jars. Load
 * problems are printed as warnings, not fatal; an id provided twice by plugins is a user error.
 */
record Registries(
    ScenarioRegistry scenarios,
    AdapterRegistry adapters,
    DeploymentCatalog deployments,
    MetricRegistry metrics) {

  static Registries load(PrintWriter err, PluginOptions plugins) {
    return load(err, null, plugins);
  }

  /**
   * @param models a models.yaml whose deployments are added to (and override) the built-in
   *     catalogue; {@code null} for the built-ins only
   * @param plugins where plugin jars are
   * @throws dev.prism.core.PrismUserException for a missing plugins folder and for ids provided
   *     twice
   */
  static Registries load(PrintWriter err, Path models, PluginOptions plugins) {
    ClassLoader prism = Registries.class.getClassLoader();
    PluginJars.Opened opened = PluginJars.open(plugins.folders(), prism);
    opened.warnings().forEach(w -> err.println("prism: warning: plugin " + w));
    List<PluginSource> jars = opened.sources();
    Registries r =
        new Registries(
            ScenarioRegistry.load(contextLoader(), jars),
            AdapterRegistry.load(AdapterRegistry.class.getClassLoader(), jars),
            models == null ? DeploymentCatalog.builtIn() : DeploymentCatalog.load(models),
            MetricRegistry.load(contextLoader(), jars));
    r.scenarios().problems().forEach(p -> err.println("prism: warning: scenario plugin: " + p));
    r.adapters().problems().forEach(p -> err.println("prism: warning: model adapter: " + p));
    r.metrics().problems().forEach(p -> err.println("prism: warning: metric plugin: " + p));
    return r;
  }

  /** What the no-argument {@code load()} methods of the registries use. */
  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : Registries.class.getClassLoader();
  }

  /**
   * A client for the deployment that keeps its rate limits ({@code max_concurrency}, {@code
   * requests_per_minute}, {@code tokens_per_minute}) and backs off on 429s; one per deployment,
   * shared by all its runs.
   */
  dev.prism.core.ModelClient connect(dev.prism.core.Deployment deployment) {
    return dev.prism.adapters.limits.RateLimits.wrap(
        adapters().connect(deployment), dev.prism.adapters.DeploymentSettings.of(deployment));
  }
}
