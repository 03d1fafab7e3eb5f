package dev.prism.runner.spec;

import dev.prism.core.PromptFormat;
import dev.prism.runner.store.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that determines a run's results: scenario and its arguments, the exact instances (by
 * hash), prompt format, deployment and metrics. Its canonical JSON is stored with the run and
 * hashed; equal hashes mean interchangeable runs.
 *
 * @param name display name in HELM's style, {@code scenario:args,model=org/name}
 * @param scenarioId the scenario's id
 * @param scenarioArgs scenario arguments; copied into sorted order
 * @param instancesSha256 hash of the scenario's instances as loaded
 * @param deployment deployment name
 * @param promptFormat prompt format after run-entry overrides
 * @param metrics metric and family names; copied
 */
public record RunSpec(
    String name,
    String scenarioId,
    Map<String, String> scenarioArgs,
    String instancesSha256,
    String deployment,
    PromptFormat promptFormat,
    List<String> metrics) {
  public RunSpec {
    Objects.requireNonNull(name, "name");
    scenarioArgs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scenarioArgs));
    metrics = List.copyOf(metrics);
  }

  /** Canonical JSON (sorted keys, HELM field names). */
  public String canonicalJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("name", name);
    m.put("scenario", Map.of("id", scenarioId, "args", scenarioArgs));
    m.put("instances_sha256", instancesSha256);
    m.put("model_deployment", deployment);
    m.put("adapter_spec", adapterSpec(promptFormat));
    m.put("metrics", metrics);
    return Json.write(m);
  }

  /** SHA-256 of {@link #canonicalJson()}. */
  public String hash() {
    return Json.sha256(canonicalJson());
  }

  /** The prompt format in HELM's {@code AdapterSpec} field names. */
  public static Map<String, Object> adapterSpec(PromptFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", f.method().helmName());
    m.put("global_prefix", f.globalPrefix());
    m.put("global_suffix", f.globalSuffix());
    m.put("instructions", f.instructions());
    m.put("input_prefix", f.inputPrefix());
    m.put("input_suffix", f.inputSuffix());
    m.put("reference_prefix", f.referencePrefix());
    m.put("reference_suffix", f.referenceSuffix());
    m.put("output_prefix", f.outputPrefix());
    m.put("output_suffix", f.outputSuffix());
    m.put("instance_prefix", f.instancePrefix());
    m.put("max_train_instances", f.maxTrainInstances());
    m.put("max_eval_instances", f.maxEvalInstances());
    m.put("num_outputs", f.numOutputs());
    m.put("num_train_trials", f.numTrainTrials());
    m.put("sample_train", f.sampleTrain());
    m.put("temperature", f.temperature());
    m.put("max_tokens", f.maxTokens());
    m.put("stop_sequences", f.stopSequences());
    m.put("multi_label", f.multiLabel());
    return m;
  }
}
