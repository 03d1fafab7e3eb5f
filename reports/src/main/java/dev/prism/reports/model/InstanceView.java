package dev.prism.reports.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One evaluated instance (one train trial, one perturbation) as the instance browser shows it.
 *
 * @param instanceId HELM instance id, e.g. {@code id17}
 * @param split {@code test} or {@code valid}
 * @param perturbation the perturbation's name, or {@code null} for the original instance
 * @param trainTrialIndex 0-based train trial
 * @param prompt the full prompt text sent to the model
 * @param references the instance's references, in scenario order
 * @param completions the model's completion texts (several for multiple-choice separate methods)
 * @param cached whether the completion came from the request cache
 * @param error the request's error message, or {@code null} when it succeeded
 * @param stats per-instance stat values by stat name; iterated in name order
 * @param annotations by metric id, what the metric said about each completion (one note per
 *     completion, in order; e.g. code_eval's "passed", "failed: AssertionError"); iterated in id
 *     order
 */
public record InstanceView(
    String instanceId,
    String split,
    String perturbation,
    int trainTrialIndex,
    String prompt,
    List<ReferenceView> references,
    List<String> completions,
    boolean cached,
    String error,
    Map<String, Double> stats,
    Map<String, List<String>> annotations) {
  public InstanceView {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(prompt, "prompt");
    references = List.copyOf(references);
    completions = List.copyOf(completions);
    TreeMap<String, Double> sorted = new TreeMap<>();
    stats.forEach(
        (name, value) ->
            sorted.put(
                Objects.requireNonNull(name, "stat name"),
                Objects.requireNonNull(value, () -> "value of stat " + name)));
    stats = Collections.unmodifiableSortedMap(sorted);
    TreeMap<String, List<String>> notes = new TreeMap<>();
    annotations.forEach((metric, list) -> notes.put(metric, List.copyOf(list)));
    annotations = Collections.unmodifiableSortedMap(notes);
  }

  /** An instance no metric annotated. */
  public InstanceView(
      String instanceId,
      String split,
      String perturbation,
      int trainTrialIndex,
      String prompt,
      List<ReferenceView> references,
      List<String> completions,
      boolean cached,
      String error,
      Map<String, Double> stats) {
    this(
        instanceId,
        split,
        perturbation,
        trainTrialIndex,
        prompt,
        references,
        completions,
        cached,
        error,
        stats,
        Map.of());
  }

  /**
   * The notes on completion {@code index}, each prefixed with its metric's id when more than one
   * metric annotated the instance; empty when none did.
   */
  public List<String> notesOn(int index) {
    List<String> out = new java.util.ArrayList<>();
    annotations.forEach(
        (metric, notes) -> {
          if (index < notes.size()) {
            out.add(annotations.size() == 1 ? notes.get(index) : metric + ": " + notes.get(index));
          }
        });
    return out;
  }
}
