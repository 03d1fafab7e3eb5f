package dev.prism.runner.engine;

import dev.prism.adapters.tokenizer.Tokenizer;
import dev.prism.core.Deployment;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.RequestState;
import dev.prism.core.Scenario;
import dev.prism.runner.spec.RunSpec;
import java.util.List;

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
 */
public record PreparedRun(
    RunSpec spec,
    Scenario scenario,
    Deployment deployment,
    List<Instance> instances,
    List<RequestState> requests,
    List<Metric> metrics,
    Tokenizer tokenizer,
    List<String> notes) {
  public PreparedRun {
    instances = List.copyOf(instances);
    requests = List.copyOf(requests);
    metrics = List.copyOf(metrics);
    notes = List.copyOf(notes);
  }
}
