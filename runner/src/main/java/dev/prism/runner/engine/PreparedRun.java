package dev.prism.runner.engine;

import dev.prism.adapters.tokenizer.Tokenizer;
import dev.prism.core.Deployment;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.RequestState;
import dev.prism.core.Scenario;
import dev.prism.runner.spec.RunEntry;
import dev.prism.runner.spec.RunSpec;
import java.util.List;
import java.util.Map;

/**
 * A run whose inputs are fully loaded and checked: nothing about it can fail for user reasons any
 * more, so the engine may start writing to the store.
 *
 * @param spec the run spec
 * @param scenario the scenario (for description and main metric)
 * @param deployment the deployment to call
 * @param instances all instances, in scenario order; copied
 * @param requests every request to make, in order; copied
 * @param metrics resolved metrics; copied
 * @param tokenizer the deployment's tokenizer, which counted and fitted the prompts
 * @param notes how the run deviates from the scenario's defaults and why (e.g. a chat-only
 *     fallback); copied
 * @param entry the run entry it was planned from
 * @param overrides the expander values it was planned with beside the entry's own; copied
 */
public record PreparedRun(
    RunSpec spec,
    Scenario scenario,
    Deployment deployment,
    List<Instance> instances,
    List<RequestState> requests,
    List<Metric> metrics,
    Tokenizer tokenizer,
    List<String> notes,
    RunEntry entry,
    Map<String, String> overrides) {
  public PreparedRun {
    overrides = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(overrides));
    instances = List.copyOf(instances);
    requests = List.copyOf(requests);
    metrics = List.copyOf(metrics);
    notes = List.copyOf(notes);
  }

  /** The stat shown for this run: the scenario's main metric for the run's arguments. */
  public String mainMetric() {
    return scenario.mainMetric(spec.scenarioArgs());
  }

  /** How to plan this run again (its entry and overrides), as stored for workers to join it. */
  public String planJson() {
    Map<String, Object> m = new java.util.TreeMap<>();
    String scenario = entry.scenario();
    java.nio.file.Path path = java.nio.file.Path.of(scenario);
    if (java.nio.file.Files.isRegularFile(path)) {
      // A scenario file is named by its absolute path, so a worker started elsewhere finds it.
      scenario = path.toAbsolutePath().normalize().toString();
    }
    m.put("scenario", scenario);
    m.put("args", new java.util.TreeMap<>(entry.args()));
    m.put("overrides", overrides);
    return dev.prism.runner.store.Json.write(m);
  }

  /** The run entry and overrides of {@link #planJson()}. */
  public static Map.Entry<RunEntry, Map<String, String>> parsePlan(String json) {
    com.fasterxml.jackson.databind.JsonNode n = dev.prism.runner.store.Json.read(json);
    Map<String, String> args = new java.util.LinkedHashMap<>();
    n.get("args").properties().forEach(e -> args.put(e.getKey(), e.getValue().asText()));
    Map<String, String> overrides = new java.util.LinkedHashMap<>();
    n.get("overrides").properties().forEach(e -> overrides.put(e.getKey(), e.getValue().asText()));
    return Map.entry(new RunEntry(n.get("scenario").asText(), args), overrides);
  }
}
