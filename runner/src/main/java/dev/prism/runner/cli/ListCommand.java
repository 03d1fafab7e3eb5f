package dev.prism.runner.cli;

import dev.prism.adapters.AdapterCapabilities;
import dev.prism.adapters.DeploymentSettings;
import dev.prism.adapters.UsesApiKey;
import dev.prism.core.Deployment;
import dev.prism.core.Metric;
import dev.prism.core.ModelAdapter;
import dev.prism.core.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism list scenarios|models|metrics}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List scenarios (built-in and from plugin jars, with the jar), model deployments or"
            + " metrics.")
final class ListCommand implements Callable<Integer> {
  enum What {
    scenarios,
    models,
    metrics
  }

  @Parameters(paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}.")
  What what;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description =
          "Deployments file (HELM model_deployments.yaml fields) added to the built-in catalogue.")
  Path models;

  @Mixin PluginOptions plugins;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private static String price(java.util.OptionalDouble p) {
    return p.isPresent() ? String.format(Locale.ROOT, "%.2f", p.getAsDouble()) : "-";
  }

  private static String limit(java.util.OptionalInt n) {
    return n.isPresent() ? Integer.toString(n.getAsInt()) : "-";
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Registries r = Registries.load(spec.commandLine().getErr(), models, plugins);
    switch (what) {
      case scenarios -> {
        for (Scenario s : r.scenarios().builtIns()) {
          String from = r.scenarios().pluginSource(s.id()).map(jar -> "  [" + jar + "]").orElse("");
          out.printf(Locale.ROOT, "%-28s %s%s%n", s.id(), s.description(), from);
        }
        out.println("(any scenario .yaml or instances .jsonl path also works)");
      }
      case models -> {
        // The adapter column fits the longest kind in use (langchain4j-anthropic is 21 wide).
        int kindWidth = 18;
        for (Deployment d : r.deployments().all()) {
          kindWidth = Math.max(kindWidth, d.adapter().length());
        }
        String row = "%-38s %-" + kindWidth + "s %9s %9s %9s %5s %6s %9s  %-28s %s%n";
        out.printf(
            Locale.ROOT,
            row,
            "DEPLOYMENT",
            "ADAPTER",
            "CONTEXT",
            "$/1M IN",
            "$/1M OUT",
            "CONC",
            "RPM",
            "TPM",
            "KEY",
            "CAPABILITIES");
        for (Deployment d : r.deployments().all()) {
          DeploymentSettings settings = DeploymentSettings.of(d);
          out.printf(
              Locale.ROOT,
              row,
              d.name(),
              d.adapter(),
              String.valueOf(d.contextWindow()),
              price(settings.inputPricePer1M()),
              price(settings.outputPricePer1M()),
              limit(settings.maxConcurrency()),
              limit(settings.requestsPerMinute()),
              limit(settings.tokensPerMinute()),
              UsesApiKey.status(d, r.adapters().find(d.adapter()).orElse(null), System::getenv),
              AdapterCapabilities.of(d, r.adapters()).stream()
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .sorted()
                  .collect(java.util.stream.Collectors.joining(",")));
        }
        out.println();
        out.println(
            "CONC, RPM, TPM: the deployment's max_concurrency, requests_per_minute and"
                + " tokens_per_minute ('-': not limited)");
        out.println(
            "KEY: the variable (or api_key_file) its API key is read from, '(missing)' when it"
                + " holds none; '-': no key needed");
        out.println();
        out.println("ADAPTERS");
        int width = 18;
        for (ModelAdapter a : r.adapters().all()) {
          width = Math.max(width, a.kind().length());
        }
        for (ModelAdapter a : r.adapters().all()) {
          out.printf(Locale.ROOT, "  %-" + width + "s %s%n", a.kind(), a.description());
        }
      }
      case metrics -> {
        for (Metric m : r.metrics().all()) {
          out.printf(Locale.ROOT, "%-36s family=%s%n", m.id(), m.family());
        }
      }
    }
    return 0;
  }
}
