package dev.prism.runner.cli;

import dev.prism.core.Instance;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.io.InstanceJson;
import dev.prism.scenarios.perturbation.DataAugmenter;
import dev.prism.scenarios.perturbation.Perturbation;
import dev.prism.scenarios.perturbation.PerturbationRegistry;
import dev.prism.scenarios.perturbation.PerturbationResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism perturb}: print the perturbed copies a perturbation makes, as JSONL. */
@Command(
    name = "perturb",
    mixinStandardHelpOptions = true,
    description = {
      "Print the perturbed copies of a scenario's eval instances as HELM instance JSONL, exactly"
          + " as runs with that perturbation see them (seeded per instance as HELM does).",
      "Example: prism perturb --perturbation typos:prob=0.1 --scenario prism/mini_mcqa"
    })
final class PerturbCommand implements Callable<Integer> {
  @Option(
      names = "--perturbation",
      required = true,
      paramLabel = "NAME[:k=v,…]",
      description = "Perturbation spec, e.g. lowercase, typos:prob=0.1, gender:mode=pronouns.")
  String perturbation;

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "SCENARIO",
      description = "Scenario .yaml, instances .jsonl or built-in id.")
  String scenario;

  @Option(
      names = "--include-unchanged",
      description = "Also print copies the perturbation left unchanged (runs skip them).")
  boolean includeUnchanged;

  @Mixin DataDirOption data;

  @Mixin PluginOptions plugins;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = data.dir();
    Scenario sc =
        Registries.load(spec.commandLine().getErr(), plugins).scenarios().resolve(scenario);
    Perturbation p =
        new PerturbationRegistry(new PerturbationResources(dir))
            .create(PerturbationRegistry.parse(perturbation));
    List<Instance> eval =
        sc.instances(new ScenarioContext(Map.of(), dir)).stream()
            .filter(i -> i.split().isEval() && i.perturbation() == null)
            .toList();
    for (Instance i : new DataAugmenter(List.of(p)).generate(eval, false, !includeUnchanged, 1)) {
      out.println(InstanceJson.toJson(i));
    }
    return 0;
  }
}
