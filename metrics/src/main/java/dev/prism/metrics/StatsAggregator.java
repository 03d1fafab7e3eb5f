package dev.prism.metrics;

import dev.prism.core.AheadInOrder;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.metrics.accuracy.SeparateChoiceMetric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns scored request outcomes into a run's stats the way HELM's {@code Metric.evaluate} does
 * (helm-notes §1.8). For each train trial:
 *
 * <ol>
 *   <li>the outcomes are grouped by instance (id and perturbation); every per-outcome metric scores
 *       every outcome of the group, and each outcome also gives {@code num_references}, {@code
 *       num_train_trials} (the number of trials in the outcomes), {@code num_train_instances} and
 *       {@code prompt_truncated} (0 or 1), as HELM's {@code compute_request_state_metrics} does per
 *       request; each stat is keyed with the instance's split, sub-split and perturbation (its
 *       {@code computed_on} set to {@code perturbed}, as HELM names the stats of perturbed copies),
 *       and stats with the same key are merged; outcomes that score one reference each (separate
 *       multiple choice) are skipped by the per-outcome metrics' own rules and scored together by
 *       every {@link ReferencesMetric} (HELM's {@code BasicReferenceMetric}, {@link
 *       SeparateChoiceMetric}, when none is given);
 *   <li>the per-instance stats are merged per key over instances, and {@code num_instances} (the
 *       number of distinct instances) is added per context;
 *   <li>each {@link InstancesMetric} runs once per context over that context's instances;
 *   <li>the worst-case robustness and fairness stats are derived from the per-instance stats
 *       ({@link WorstCase}, helm-notes §2.3);
 *   <li>each stat is reduced to its mean.
 * </ol>
 *
 * The per-trial means are then merged across trials, so a result's {@code count} is the number of
 * trials that produced its key and its {@code mean()} the mean of the per-trial means. A metric
 * that implements {@link Skippable} and gives a reason is not run; an {@link InstancesMetric} that
 * skips a context says why; both end up in {@link RunStats#skipped()}. A per-outcome metric that
 * implements {@link Prefetching} first sees all outcomes at once (batched cache lookups and scorer
 * calls, generated programs run in parallel) and is evaluated with the metric it returns.
 */
public final class StatsAggregator {
  /**
   * Name, split, sub-split, perturbation (name, robustness, fairness, computed-on); nulls first.
   */
  static final Comparator<MetricKey> KEY_ORDER =
      Comparator.comparing(MetricKey::name)
          .thenComparing(MetricKey::split, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(MetricKey::subSplit, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              MetricKey::perturbation,
              Comparator.nullsFirst(
                  Comparator.comparing(PerturbationDescription::name)
                      .thenComparing(PerturbationDescription::robustness)
                      .thenComparing(PerturbationDescription::fairness)
                      .thenComparing(
                          PerturbationDescription::computedOn,
                          Comparator.nullsFirst(Comparator.naturalOrder()))));

  private static final Comparator<Stat> STAT_ORDER = Comparator.comparing(Stat::key, KEY_ORDER);

  private StatsAggregator() {}

  /**
   * Aggregates {@code outcomes} with {@code metrics}.
   *
   * @param outcomes every outcome of the run, in instance order (that order is kept in {@link
   *     RunStats#perInstance()})
   * @param metrics the metrics to compute; each stat a metric returns is keyed by name only
   * @throws IllegalStateException wrapping the exception of a metric that failed, naming the metric
   *     and the instance
   * @throws PrismUserException as thrown by a metric (bad input such as a malformed data file)
   */
  public static RunStats aggregate(List<RequestOutcome> outcomes, List<Metric> metrics) {
    List<PerInstanceStats> perInstance = new ArrayList<>();
    RunStats stats = aggregate(outcomes, metrics, perInstance::add);
    return new RunStats(stats.stats(), perInstance, stats.skipped());
  }

  /**
   * Aggregates {@code outcomes} with {@code metrics}, handing each instance's stats to {@code sink}
   * as soon as they are known instead of keeping them: the returned stats have no {@link
   * RunStats#perInstance()}. Memory then holds the outcomes, the per-instance stats that the {@link
   * InstancesMetric}s {@link InstancesMetric#usesStat read}, and the instances whose perturbed
   * copies are not all scored yet.
   *
   * @param sink takes the per-instance stats in the order {@link RunStats#perInstance()} lists them
   */
  public static RunStats aggregate(
      List<RequestOutcome> outcomes, List<Metric> metrics, Consumer<PerInstanceStats> sink) {
    List<SkippedMetric> skipped = new ArrayList<>();
    List<Metric> perOutcome = new ArrayList<>();
    List<InstancesMetric> perContext = new ArrayList<>();
    List<ReferencesMetric> perReferences = new ArrayList<>();
    for (Metric metric : metrics) {
      Optional<String> reason = metric instanceof Skippable s ? s.skipReason() : Optional.empty();
      if (reason.isPresent()) {
        skipped.add(new SkippedMetric(metric.id(), -1, null, reason.get()));
      } else if (metric instanceof InstancesMetric im) {
        perContext.add(im);
      } else if (metric instanceof ReferencesMetric rm) {
        perReferences.add(rm);
      } else {
        perOutcome.add(metric);
      }
    }
    if (perReferences.isEmpty()) {
      // HELM scores separate multiple choice in every run (BasicReferenceMetric is basic).
      perReferences.add(new SeparateChoiceMetric());
    }
    perOutcome.replaceAll(m -> m instanceof Prefetching p ? prefetch(m, p, outcomes) : m);
    Map<Integer, Map<InstanceKey, List<RequestOutcome>>> byTrial = new TreeMap<>();
    for (RequestOutcome outcome : outcomes) {
      RequestState state = outcome.state();
      byTrial
          .computeIfAbsent(state.trainTrialIndex(), t -> new LinkedHashMap<>())
          .computeIfAbsent(InstanceKey.of(state.instance()), k -> new ArrayList<>())
          .add(outcome);
    }
    Map<MetricKey, Stat> runStats = new HashMap<>();
    // Every instance of a context has the same keys: one shared copy of each instead of one per
    // stat of every instance (two million of them in a 100,000-instance run).
    Map<MetricKey, MetricKey> keys = new ConcurrentHashMap<>();
    Map<String, Boolean> keptForInstancesMetrics = new HashMap<>();
    for (Map.Entry<Integer, Map<InstanceKey, List<RequestOutcome>>> trial : byTrial.entrySet()) {
      int trialIndex = trial.getKey();
      Map<MetricKey, Stat> trialStats = new HashMap<>();
      Map<Context, List<ScoredInstance>> instancesPerContext = new LinkedHashMap<>();
      Map<String, Integer> lastEntry = new HashMap<>();
      int index = 0;
      for (InstanceKey key : trial.getValue().keySet()) {
        lastEntry.put(key.id(), index++);
      }
      WorstCase worstCase = new WorstCase(lastEntry);
      int numTrainTrials = byTrial.size();
      // Metrics are stateless and thread-safe (their contract): instances are scored on the
      // common pool ahead of this loop, which keeps their order for everything below.
      Iterator<Scoring> scorings =
          AheadInOrder.map(
              new ArrayList<>(trial.getValue().values()),
              group -> {
                Context context = Context.of(group.get(0).state().instance(), keys);
                return new Scoring(
                    group,
                    context,
                    instanceStats(group, context, perOutcome, perReferences, numTrainTrials),
                    annotations(group, perOutcome));
              });
      while (scorings.hasNext()) {
        Scoring scoring = scorings.next();
        List<RequestOutcome> group = scoring.group();
        Instance instance = group.get(0).state().instance();
        Context context = scoring.context();
        List<Stat> stats = scoring.stats();
        PerInstanceStats entry =
            new PerInstanceStats(
                instance.id(), instance.perturbation(), trialIndex, stats, scoring.annotations());
        sink.accept(entry);
        worstCase.add(entry);
        stats.forEach(stat -> merge(trialStats, stat));
        List<Stat> kept = new ArrayList<>();
        for (Stat stat : stats) {
          String name = stat.key().name();
          if (keptForInstancesMetrics.computeIfAbsent(
              name, n -> perContext.stream().anyMatch(m -> m.usesStat(n)))) {
            kept.add(stat);
          }
        }
        instancesPerContext
            .computeIfAbsent(context, c -> new ArrayList<>())
            .add(new ScoredInstance(instance, group, kept));
      }
      instancesPerContext.forEach(
          (context, scored) -> {
            merge(trialStats, Stat.of(context.key("num_instances"), scored.size()));
            for (InstancesMetric metric : perContext) {
              InstancesResult result = evaluateInstances(metric, scored, trialIndex);
              if (result.skipReason() != null) {
                skipped.add(
                    new SkippedMetric(
                        metric.id(), trialIndex, context.key("*"), result.skipReason()));
              }
              result
                  .stats()
                  .forEach(s -> merge(trialStats, s.withKey(context.key(s.key().name()))));
            }
          });
      worstCase.finish().forEach(stat -> merge(trialStats, stat));
      trialStats.values().forEach(stat -> merge(runStats, stat.takeMean()));
    }
    return new RunStats(sorted(runStats.values()), List.of(), skipped);
  }

  private static Metric prefetch(Metric metric, Prefetching prefetching, List<RequestOutcome> all) {
    return named(metric, "before scoring", () -> prefetching.prefetch(all));
  }

  private static InstancesResult evaluateInstances(
      InstancesMetric metric, List<ScoredInstance> instances, int trialIndex) {
    return named(
        metric,
        "on the instances of train trial " + trialIndex,
        () -> metric.evaluateInstances(instances));
  }

  /** Runs {@code work}, naming the metric and {@code where} if it fails; user errors stay so. */
  private static <T> T named(Metric metric, String where, Supplier<T> work) {
    try {
      return work.get();
    } catch (PrismUserException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "metric '" + metric.id() + "' failed " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The stats of one instance in one trial: every metric on every outcome, plus HELM's basics.
   *
   * @param numTrainTrials the run's train trials (HELM copies {@code
   *     adapter_spec.num_train_trials}, which its runner sets to 1 without examples, as Prism's
   *     planner does: one trial per draw)
   */
  private static List<Stat> instanceStats(
      List<RequestOutcome> group,
      Context context,
      List<Metric> metrics,
      List<ReferencesMetric> referenceMetrics,
      int numTrainTrials) {
    Map<MetricKey, Stat> stats = new HashMap<>();
    List<RequestOutcome> perReference = new ArrayList<>();
    for (RequestOutcome outcome : group) {
      if (outcome.state().referenceIndex() != null) {
        perReference.add(outcome);
      }
      for (Metric metric : metrics) {
        for (Stat stat : evaluate(metric, outcome)) {
          merge(stats, stat.withKey(context.key(stat.key().name())));
        }
      }
    }
    if (!perReference.isEmpty()) {
      for (ReferencesMetric metric : referenceMetrics) {
        for (Stat stat : evaluateReferences(metric, perReference)) {
          merge(stats, stat.withKey(context.key(stat.key().name())));
        }
      }
    }
    // Per request, as HELM's compute_request_state_metrics: the per-reference prompts of one
    // instance may keep different numbers of examples, or be cut.
    for (RequestOutcome outcome : group) {
      RequestState state = outcome.state();
      merge(stats, Stat.of(context.key("num_references"), state.instance().references().size()));
      merge(stats, Stat.of(context.key("num_train_trials"), numTrainTrials));
      merge(stats, Stat.of(context.key("num_train_instances"), state.numTrainInstances()));
      merge(stats, Stat.of(context.key("prompt_truncated"), state.promptTruncated() ? 1 : 0));
    }
    return sorted(stats.values());
  }

  /** The notes of every {@link Annotating} metric on the group's completions, by metric id. */
  private static Map<String, List<String>> annotations(
      List<RequestOutcome> group, List<Metric> metrics) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      if (metric instanceof Annotating annotating) {
        List<String> notes = new ArrayList<>();
        for (RequestOutcome outcome : group) {
          notes.addAll(annotating.annotations(outcome));
        }
        if (!notes.isEmpty()) {
          out.put(metric.id(), notes);
        }
      }
    }
    return out;
  }

  private static List<Stat> evaluate(Metric metric, RequestOutcome outcome) {
    return guarded(metric, outcome.state(), "instance", () -> metric.evaluate(outcome));
  }

  private static List<Stat> evaluateReferences(
      ReferencesMetric metric, List<RequestOutcome> outcomes) {
    return guarded(
        metric,
        outcomes.get(0).state(),
        "the references of instance",
        () -> metric.evaluateReferences(outcomes));
  }

  /** Runs {@code work}, naming the metric and the instance if it fails. */
  private static List<Stat> guarded(
      Metric metric, RequestState state, String what, Supplier<List<Stat>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (e instanceof PrismUserException) {
        throw e; // a user's mistake (e.g. a malformed data file) stays one
      }
      throw new IllegalStateException(
          "metric '"
              + metric.id()
              + "' failed on "
              + what
              + " '"
              + state.instance().id()
              + "' (train trial "
              + state.trainTrialIndex()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static void merge(Map<MetricKey, Stat> stats, Stat stat) {
    stats.merge(stat.key(), stat, Stat::merge);
  }

  private static List<Stat> sorted(Collection<Stat> stats) {
    return stats.stream().sorted(STAT_ORDER).toList();
  }

  /** An instance's outcomes with their stats and annotations, computed ahead of aggregation. */
  private record Scoring(
      List<RequestOutcome> group,
      Context context,
      List<Stat> stats,
      Map<String, List<String>> annotations) {}

  /** Groups the outcomes of one instance (all references of a separate multiple-choice one). */
  private record InstanceKey(String id, PerturbationDescription perturbation) {
    static InstanceKey of(Instance instance) {
      return new InstanceKey(instance.id(), instance.perturbation());
    }
  }

  /**
   * HELM's {@code MetricContext}: what a stat's key adds to the metric name.
   *
   * @param keys the keys made so far, shared by all contexts of one aggregation
   */
  private record Context(
      String split,
      String subSplit,
      PerturbationDescription perturbation,
      Map<MetricKey, MetricKey> keys) {
    static Context of(Instance instance, Map<MetricKey, MetricKey> keys) {
      PerturbationDescription p = instance.perturbation();
      if (p != null && p.computedOn() == null) {
        p = p.withComputedOn(WorstCase.PERTURBED);
      }
      return new Context(instance.split().helmName(), instance.subSplit(), p, keys);
    }

    MetricKey key(String name) {
      MetricKey key = new MetricKey(name, split, subSplit, perturbation);
      return keys.computeIfAbsent(key, k -> k);
    }

    // Two contexts are the same when their split, sub-split and perturbation are.
    @Override
    public boolean equals(Object o) {
      return o instanceof Context other
          && java.util.Objects.equals(split, other.split)
          && java.util.Objects.equals(subSplit, other.subSplit)
          && java.util.Objects.equals(perturbation, other.perturbation);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(split, subSplit, perturbation);
    }
  }
}
