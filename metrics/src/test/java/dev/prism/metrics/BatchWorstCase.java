package dev.prism.metrics;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code compute_worst_case_metrics} (helm-notes §2.3) over the per-instance stats of one
 * train trial. For every stat name (with split and sub-split) and instance id, the stats of the
 * original and of its perturbed copies are collected, and:
 *
 * <ul>
 *   <li>{@code robustness} (worst): per instance, the minimum over the original and every
 *       perturbation with {@code robustness = true}; {@code fairness} likewise;
 *   <li>for each perturbation P: {@code P} with {@code computed_on = worst}, the minimum over the
 *       original and P, and {@code P} with {@code computed_on = original}, the original's values on
 *       the instances that have a P copy.
 * </ul>
 *
 * Each per-instance value is one value of the derived stat, so its mean is the mean over instances.
 * The minimum is taken even for lower-is-better stats, as HELM does. The robustness and fairness
 * stats exist even without perturbed copies (then they equal the original's minimum). A group whose
 * stats hold no value yields no worst stat.
 */
// Test oracle: the batch form of HELM's compute_worst_case_metrics that WorstCase had before it
// streamed (every per-instance stat of a trial grouped at once). WorstCaseStreamingTests checks the
// streaming fold against it.
final class BatchWorstCase {
  /** HELM's {@code computed_on} values. */
  static final String ORIGINAL = "original";

  static final String PERTURBED = "perturbed";
  static final String WORST = "worst";

  static final PerturbationDescription ROBUSTNESS =
      new PerturbationDescription("robustness", true, false, WORST);
  static final PerturbationDescription FAIRNESS =
      new PerturbationDescription("fairness", false, true, WORST);

  private BatchWorstCase() {}

  static List<Stat> compute(List<PerInstanceStats> instances) {
    Map<Group, List<Stat>> groups = new LinkedHashMap<>();
    for (PerInstanceStats entry : instances) {
      for (Stat stat : entry.stats()) {
        groups
            .computeIfAbsent(
                new Group(withPerturbation(stat.key(), null), entry.instanceId()),
                g -> new ArrayList<>())
            .add(stat);
      }
    }
    Map<MetricKey, Stat> derived = new LinkedHashMap<>();
    for (Map.Entry<Group, List<Stat>> group : groups.entrySet()) {
      MetricKey base = group.getKey().base();
      Stat original = null;
      Stat robustness = Stat.empty(withPerturbation(base, ROBUSTNESS));
      Stat fairness = Stat.empty(withPerturbation(base, FAIRNESS));
      Map<PerturbationDescription, Stat> individual = new LinkedHashMap<>();
      for (Stat stat : group.getValue()) {
        PerturbationDescription p = stat.key().perturbation();
        if (p == null) {
          original = original == null ? stat : original.merge(stat);
          continue;
        }
        if (p.robustness()) {
          robustness = robustness.merge(stat);
        }
        if (p.fairness()) {
          fairness = fairness.merge(stat);
        }
        individual.merge(p.withComputedOn(null), stat, Stat::merge);
      }
      List<Stat> candidates = new ArrayList<>(List.of(robustness, fairness));
      individual.forEach(
          (p, stat) ->
              candidates.add(stat.withKey(withPerturbation(base, p.withComputedOn(WORST)))));
      for (Stat candidate : candidates) {
        PerturbationDescription p = candidate.key().perturbation();
        Stat worst = candidate;
        if (original != null) {
          worst = worst.merge(original);
          if (p != ROBUSTNESS && p != FAIRNESS) {
            MetricKey before = withPerturbation(base, p.withComputedOn(ORIGINAL));
            derived.merge(before, original.withKey(before), Stat::merge);
          }
        }
        if (worst.count() > 0) {
          derived.merge(worst.key(), Stat.of(worst.key(), worst.min()), Stat::merge);
        }
      }
    }
    return List.copyOf(derived.values());
  }

  static MetricKey withPerturbation(MetricKey key, PerturbationDescription perturbation) {
    return new MetricKey(key.name(), key.split(), key.subSplit(), perturbation);
  }

  private record Group(MetricKey base, String instanceId) {}
}
