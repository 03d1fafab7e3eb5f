package dev.prism.runner.engine;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.PromptMethod;
import dev.prism.core.Stat;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SkippedMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each of the seven metric families, whether a run produced it and, if not, why: the
 * leaderboard then shows a value or an explicit reason, never a silent gap.
 */
public final class FamilyCoverage {
  /**
   * One family's outcome for a run.
   *
   * @param family family name
   * @param computed whether stats of the family were produced
   * @param reason why not, or a qualification when computed; may be {@code null}
   */
  public record Family(String family, boolean computed, String reason) {}

  private FamilyCoverage() {}

  /** The seven families' coverage, in HELM's order. */
  public static List<Family> of(PreparedRun run, RunStats stats) {
    return of(run.metrics(), run.instances(), run.spec().promptFormat().method(), stats);
  }

  /**
   * The seven families' coverage of a run with these metrics, instances (perturbed copies included)
   * and prompt method, in HELM's order.
   */
  static List<Family> of(
      List<Metric> metrics, List<Instance> instances, PromptMethod method, RunStats stats) {
    Set<String> produced = new LinkedHashSet<>();
    boolean perturbed = instances.stream().anyMatch(i -> i.perturbation() != null);
    for (Stat s : stats.stats()) {
      if (s.count() == 0) {
        continue;
      }
      if (s.key().perturbation() != null && "worst".equals(s.key().perturbation().computedOn())) {
        if (s.key().perturbation().name().equals("robustness")) {
          produced.add("robustness");
        } else if (s.key().perturbation().name().equals("fairness")) {
          produced.add("fairness");
        }
      }
    }
    for (Metric m : metrics) {
      boolean hasStats =
          stats.stats().stream()
              .anyMatch(s -> s.count() > 0 && s.key().perturbation() == null && belongsTo(s, m));
      if (hasStats) {
        produced.add(m.family());
      }
    }
    List<Family> out = new ArrayList<>();
    for (String family : MetricRegistry.STANDARD_FAMILIES) {
      out.add(family(family, metrics, instances, method, stats, produced, perturbed));
    }
    return out;
  }

  private static Family family(
      String family,
      List<Metric> metrics,
      List<Instance> instances,
      PromptMethod method,
      RunStats stats,
      Set<String> produced,
      boolean perturbed) {
    boolean requested = metrics.stream().anyMatch(m -> m.family().equals(family));
    if (family.equals("robustness") || family.equals("fairness")) {
      if (!produced.contains(family)) {
        return new Family(family, false, "no " + family + " stats were produced");
      }
      boolean anyOfKind =
          instances.stream()
              .anyMatch(
                  i ->
                      i.perturbation() != null
                          && (family.equals("robustness")
                              ? i.perturbation().robustness()
                              : i.perturbation().fairness()));
      return anyOfKind
          ? new Family(family, true, null)
          : new Family(
              family,
              true,
              "equal to the original: no "
                  + family
                  + " perturbation changed any instance"
                  + (perturbed ? "" : " (add data_augmentation=canonical or " + family + ")"));
    }
    Map<String, Set<String>> skippedByReason = new LinkedHashMap<>();
    for (SkippedMetric skip : stats.skipped()) {
      if (metrics.stream()
          .anyMatch(m -> m.id().equals(skip.metricId()) && m.family().equals(family))) {
        skippedByReason
            .computeIfAbsent(skip.reason(), r -> new LinkedHashSet<>())
            .add(skip.metricId());
      }
    }
    if (produced.contains(family)) {
      return new Family(family, true, partly(skippedByReason));
    }
    if (!skippedByReason.isEmpty()) {
      return new Family(family, false, skippedByReason.keySet().iterator().next());
    }
    if (family.equals("bias") && method != PromptMethod.GENERATION) {
      return new Family(
          family,
          false,
          "bias is measured on generated text; this run's prompt method is " + method.helmName());
    }
    if (family.equals("toxicity")) {
      return new Family(
          family,
          false,
          "HELM computes toxicity only on toxicity scenarios (RealToxicityPrompts and the like);"
              + " list 'toxicity' (offline lexicon scorer) or 'toxicity_metric:scorer=perspective'"
              + " in the scenario's metrics, or pass it to prism score --metrics");
    }
    if (!requested) {
      return new Family(family, false, "no " + family + " metric was requested for this run");
    }
    return new Family(
        family, false, "no " + family + " stats: no completion had the words or data it needs");
  }

  /**
   * For a family that has stats although some of its metrics were skipped (bias representation
   * scored, associations skipped for want of the word lists): says so, so that a report does not
   * pass the family off as complete. {@code null} when nothing was skipped.
   */
  private static String partly(Map<String, Set<String>> skippedByReason) {
    if (skippedByReason.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    skippedByReason.forEach(
        (reason, ids) ->
            parts.add(
                (ids.size() == 1
                        ? ids.iterator().next()
                        : ids.size() + " metrics (" + String.join(", ", ids) + ")")
                    + " skipped: "
                    + reason));
    return "partly computed: " + String.join("; ", parts);
  }

  private static boolean belongsTo(Stat s, Metric m) {
    String name = s.key().name();
    if (m instanceof dev.prism.metrics.NamedStats named) {
      return named.statNames().contains(name);
    }
    return name.equals(m.id()) || name.startsWith(m.id() + "@") || name.startsWith(m.id() + ":");
  }
}
