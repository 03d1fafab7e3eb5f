package dev.prism.reports.model;

import dev.prism.core.Stat;
import java.util.List;
import java.util.Objects;

/**
 * One run of a suite: what ran, its aggregated stats and its instances. Every field is required
 * (use empty strings and lists where there is nothing to say).
 *
 * @param runName HELM-style run name, e.g. {@code mmlu:subject=anatomy,model=openai/gpt-4o-mini};
 *     the run page's file name is derived from it
 * @param scenarioId the leaderboard column this run contributes to
 * @param scenarioDescription one sentence about the scenario, shown as the column's tooltip
 * @param deployment the leaderboard row this run contributes to
 * @param promptMethod e.g. {@code generation}, {@code multiple_choice_joint}
 * @param mainMetric the stat name the leaderboard shows for this run, e.g. {@code exact_match}
 * @param stats the run's aggregated stats, as written to {@code stats.json}
 * @param instances per-instance views for the instance browser
 * @param warnings messages about the run (truncated prompts, failed requests, …)
 */
public record RunReport(
    String runName,
    String scenarioId,
    String scenarioDescription,
    String deployment,
    String promptMethod,
    String mainMetric,
    List<Stat> stats,
    List<InstanceView> instances,
    List<String> warnings) {
  public RunReport {
    Objects.requireNonNull(runName, "runName");
    Objects.requireNonNull(scenarioId, "scenarioId");
    Objects.requireNonNull(scenarioDescription, "scenarioDescription");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(promptMethod, "promptMethod");
    Objects.requireNonNull(mainMetric, "mainMetric");
    stats = List.copyOf(stats);
    instances = List.copyOf(instances);
    warnings = List.copyOf(warnings);
  }
}
