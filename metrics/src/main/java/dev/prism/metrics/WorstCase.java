package dev.prism.metrics;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
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
 *
 * <p>Streaming: entries are {@link #add added} one at a time and an instance id is folded into the
 * derived stats as soon as its last entry (known up front) has been seen, in the order the ids
 * first appeared. A run lists an instance's perturbed copies next to it, so only a few instances
 * are held at any time instead of every per-instance stat of the run.
 */
final class WorstCase {
  /** HELM's {@code computed_on} values. */
  static final String ORIGINAL = "original";

  static final String PERTURBED = "perturbed";
  static final String WORST = "worst";

  static final PerturbationDescription ROBUSTNESS =
      new PerturbationDescription("robustness", true, false, WORST);
  static final PerturbationDescription FAIRNESS =
      new PerturbationDescription("fairness", false, true, WORST);

  private final Map<String, Integer> lastEntry;

  /**
   * Ids whose entries are not all seen yet, in first-seen order; per id, its groups by base key.
   */
  private final LinkedHashMap<String, Map<MetricKey, Group>> open = new LinkedHashMap<>();

  /** The per-perturbation worst and original stats. */
  private final Map<MetricKey, Stat> derived = new LinkedHashMap<>();

  /** Per base key, its robustness and fairness stats so far. */
  private final Map<MetricKey, Base> bases = new LinkedHashMap<>();

  /** Per stat key (keys are shared per context), its base: looked up once per key. */
  private final Map<MetricKey, Base> baseOfKey = new IdentityHashMap<>();

  private int seen;

  /**
   * @param lastEntry per instance id, the index of its last entry among those to be added
   */
  WorstCase(Map<String, Integer> lastEntry) {
    this.lastEntry = lastEntry;
  }

  /** The derived stats of these entries (all of one train trial) at once. */
  static List<Stat> compute(List<PerInstanceStats> instances) {
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < instances.size(); i++) {
      last.put(instances.get(i).instanceId(), i);
    }
    WorstCase worstCase = new WorstCase(last);
    instances.forEach(worstCase::add);
    return worstCase.finish();
  }

  /** Takes the next entry; entries come in the order {@code lastEntry} was counted in. */
  void add(PerInstanceStats entry) {
    Map<MetricKey, Group> groups =
        open.computeIfAbsent(entry.instanceId(), id -> new LinkedHashMap<>());
    for (Stat stat : entry.stats()) {
      Base base =
          baseOfKey.computeIfAbsent(
              stat.key(), k -> bases.computeIfAbsent(withPerturbation(k, null), Base::new));
      groups.computeIfAbsent(base.key, b -> new Group(base)).add(stat);
    }
    int index = seen++;
    for (Iterator<Map.Entry<String, Map<MetricKey, Group>>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Map<MetricKey, Group>> head = it.next();
      Integer last = lastEntry.get(head.getKey());
      if (last != null && last > index) {
        break;
      }
      fold(head.getValue());
      it.remove();
    }
  }

  /** The derived stats of everything added. */
  List<Stat> finish() {
    open.values().forEach(this::fold);
    open.clear();
    List<Stat> stats = new ArrayList<>();
    for (Base base : bases.values()) {
      if (base.robustness != null) {
        stats.add(base.robustness);
      }
      if (base.fairness != null) {
        stats.add(base.fairness);
      }
    }
    stats.addAll(derived.values());
    return stats;
  }

  private void fold(Map<MetricKey, Group> groups) {
    groups.values().forEach(this::fold);
  }

  private void fold(Group group) {
    Base base = group.base;
    Stat original = group.original;
    base.robustness = withWorst(base.robustness, base.robustnessKey, group.robustness, original);
    base.fairness = withWorst(base.fairness, base.fairnessKey, group.fairness, original);
    group.individual.forEach(
        (p, stat) -> {
          MetricKey worst = withPerturbation(base.key, p.withComputedOn(WORST));
          Stat sum = withWorst(derived.get(worst), worst, stat, original);
          if (sum != null) {
            derived.put(worst, sum);
          }
          if (original != null) {
            MetricKey before = withPerturbation(base.key, p.withComputedOn(ORIGINAL));
            derived.merge(before, original.withKey(before), Stat::merge);
          }
        });
  }

  /**
   * {@code sum} (or {@code null}) with one more value under {@code key}: the minimum over {@code
   * perturbed} and {@code original} (either may be empty or absent), if they hold any value.
   */
  private static Stat withWorst(Stat sum, MetricKey key, Stat perturbed, Stat original) {
    // The minimum of perturbed.merge(original), without building it: this runs per stat and
    // instance, and almost always without perturbed copies.
    boolean anyOriginal = original != null && original.count() > 0;
    double worst;
    if (perturbed.count() == 0) {
      if (!anyOriginal) {
        return sum;
      }
      worst = original.min();
    } else {
      worst = anyOriginal ? Math.min(perturbed.min(), original.min()) : perturbed.min();
    }
    return sum == null ? Stat.of(key, worst) : sum.add(worst);
  }

  static MetricKey withPerturbation(MetricKey key, PerturbationDescription perturbation) {
    return new MetricKey(key.name(), key.split(), key.subSplit(), perturbation);
  }

  /** A stat key without its perturbation, and its robustness and fairness stats so far. */
  private static final class Base {
    final MetricKey key;
    final MetricKey robustnessKey;
    final MetricKey fairnessKey;
    Stat robustness;
    Stat fairness;

    Base(MetricKey key) {
      this.key = key;
      this.robustnessKey = withPerturbation(key, ROBUSTNESS);
      this.fairnessKey = withPerturbation(key, FAIRNESS);
    }
  }

  /** The stats of one base key and instance id, merged as they arrive. */
  private static final class Group {
    private static final Stat NONE = Stat.empty(MetricKey.of("none"));
    final Base base;
    Stat original;
    Stat robustness = NONE;
    Stat fairness = NONE;

    /** Per perturbation, its copies' stats; allocated at the first perturbed copy. */
    Map<PerturbationDescription, Stat> individual = Map.of();

    Group(Base base) {
      this.base = base;
    }

    void add(Stat stat) {
      PerturbationDescription p = stat.key().perturbation();
      if (p == null) {
        original = original == null ? stat : original.merge(stat);
        return;
      }
      if (p.robustness()) {
        robustness = robustness.merge(stat);
      }
      if (p.fairness()) {
        fairness = fairness.merge(stat);
      }
      if (individual.isEmpty()) {
        individual = new LinkedHashMap<>();
      }
      individual.merge(p.withComputedOn(null), stat, Stat::merge);
    }
  }
}
