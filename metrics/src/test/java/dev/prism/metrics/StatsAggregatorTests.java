package dev.prism.metrics;

import static dev.prism.metrics.Fixtures.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.metrics.accuracy.ExactMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsAggregatorTests {
  private static final PerturbationDescription TYPOS =
      new PerturbationDescription("typos", true, false, null);

  /** How the stats of the typos copies are keyed: HELM's {@code computed_on = perturbed}. */
  private static final PerturbationDescription TYPOS_STATS = TYPOS.withComputedOn("perturbed");

  private static final Instance ID0 =
      Fixtures.instance(
          "id0",
          List.of(Reference.correct("Paris"), Reference.wrong("Rome")),
          Split.TEST,
          null,
          null);
  private static final Instance ID1 =
      Fixtures.instance("id1", List.of(Reference.correct("Oslo")), Split.TEST, null, null);
  private static final Instance ID2 =
      Fixtures.instance("id2", List.of(Reference.correct("Bern")), Split.VALID, null, null);
  private static final Instance ID0_TYPOS =
      Fixtures.instance(
          "id0",
          List.of(Reference.correct("Paris"), Reference.wrong("Rome")),
          Split.TEST,
          null,
          TYPOS);

  private static final List<Metric> EXACT_MATCH = List.of(new ExactMatch());

  /**
   * Exact match per (trial, instance), with trial 0 using 5 in-context examples and trial 1 three:
   *
   * <pre>
   *               trial 0   trial 1
   *   id0 test       1         1
   *   id1 test       0*        1      (* prompt truncated)
   *   id2 valid      1         0
   *   id0 typos      0         1
   * </pre>
   */
  private static List<RequestOutcome> twoTrials() {
    return List.of(
        outcome(ID0, 0, "Paris", 5, false),
        outcome(ID1, 0, "Bergen", 5, true),
        outcome(ID2, 0, "Bern", 5, false),
        outcome(ID0_TYPOS, 0, "Pariss", 5, false),
        outcome(ID0, 1, "Paris", 3, false),
        outcome(ID1, 1, "Oslo", 3, false),
        outcome(ID2, 1, "Zurich", 3, false),
        outcome(ID0_TYPOS, 1, "Paris", 3, false));
  }

  @Test
  void meansPerTrialThenOverTrials() {
    RunStats run = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH);

    // test: trial means 0.5 and 1.0 -> mean 0.75 over 2 trials.
    Stat test = run.find(key("exact_match", "test", null)).orElseThrow();
    assertThat(test.count()).isEqualTo(2);
    assertThat(test.mean()).isEqualTo(0.75);
    assertThat(test.min()).isEqualTo(0.5);
    assertThat(test.max()).isEqualTo(1.0);
    assertThat(mean(run, "exact_match", "valid", null)).isEqualTo(0.5);
    assertThat(mean(run, "exact_match", "test", TYPOS_STATS)).isEqualTo(0.5);

    assertThat(mean(run, "num_instances", "test", null)).isEqualTo(2.0);
    assertThat(mean(run, "num_instances", "valid", null)).isEqualTo(1.0);
    assertThat(mean(run, "num_instances", "test", TYPOS_STATS)).isEqualTo(1.0);
    assertThat(mean(run, "num_references", "test", null)).isEqualTo(1.5);
    assertThat(mean(run, "num_train_instances", "test", null)).isEqualTo(4.0);
    assertThat(mean(run, "num_train_trials", "test", null)).isEqualTo(2.0);
    // Truncated in one of two test instances in trial 0, none in trial 1.
    assertThat(mean(run, "prompt_truncated", "test", null)).isEqualTo(0.25);
    assertThat(run.stats()).allSatisfy(s -> assertThat(s.count()).isEqualTo(2));
    assertThat(run.skipped()).isEmpty();
  }

  @Test
  void statsAreSortedByNameSplitSubSplitAndPerturbation() {
    RunStats run = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH);
    assertThat(run.stats())
        .filteredOn(s -> !isWorstCase(s))
        .extracting(s -> s.key().name(), s -> s.key().split(), s -> perturbationName(s))
        .containsExactly(
            tuple("exact_match", "test", null),
            tuple("exact_match", "test", "typos"),
            tuple("exact_match", "valid", null),
            tuple("num_instances", "test", null),
            tuple("num_instances", "test", "typos"),
            tuple("num_instances", "valid", null),
            tuple("num_references", "test", null),
            tuple("num_references", "test", "typos"),
            tuple("num_references", "valid", null),
            tuple("num_train_instances", "test", null),
            tuple("num_train_instances", "test", "typos"),
            tuple("num_train_instances", "valid", null),
            tuple("num_train_trials", "test", null),
            tuple("num_train_trials", "test", "typos"),
            tuple("num_train_trials", "valid", null),
            tuple("prompt_truncated", "test", null),
            tuple("prompt_truncated", "test", "typos"),
            tuple("prompt_truncated", "valid", null));
  }

  @Test
  void worstCaseOverTheOriginalAndItsPerturbedCopies() {
    RunStats run = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH);
    PerturbationDescription robustness =
        new PerturbationDescription("robustness", true, false, "worst");
    PerturbationDescription fairness =
        new PerturbationDescription("fairness", false, true, "worst");
    // Trial 0: id0 min(1, 0) = 0, id1 0 -> 0; trial 1: id0 min(1, 1) = 1, id1 1 -> 1.
    assertThat(mean(run, "exact_match", "test", robustness)).isEqualTo(0.5);
    // typos is not a fairness perturbation: trial 0 (1 + 0) / 2, trial 1 1.
    assertThat(mean(run, "exact_match", "test", fairness)).isEqualTo(0.75);
    // Only id0 has a typos copy: worst 0 then 1; original 1 and 1.
    assertThat(mean(run, "exact_match", "test", TYPOS.withComputedOn("worst"))).isEqualTo(0.5);
    assertThat(mean(run, "exact_match", "test", TYPOS.withComputedOn("original"))).isEqualTo(1.0);
    // Without perturbed copies the worst case is the original.
    assertThat(mean(run, "exact_match", "valid", robustness)).isEqualTo(0.5);
    assertThat(mean(run, "exact_match", "valid", fairness)).isEqualTo(0.5);
    assertThat(run.find(key("exact_match", "valid", TYPOS.withComputedOn("worst")))).isEmpty();
    // Every per-instance stat gets them; num_instances (not per instance) does not.
    assertThat(mean(run, "num_references", "test", robustness)).isEqualTo(1.5);
    assertThat(run.find(key("num_instances", "test", robustness))).isEmpty();
    assertThat(run.stats())
        .filteredOn(s -> s.key().name().equals("exact_match"))
        .extracting(s -> s.key().split(), s -> perturbationName(s), s -> computedOn(s))
        .containsExactly(
            tuple("test", null, null),
            tuple("test", "fairness", "worst"),
            tuple("test", "robustness", "worst"),
            tuple("test", "typos", "original"),
            tuple("test", "typos", "perturbed"),
            tuple("test", "typos", "worst"),
            tuple("valid", null, null),
            tuple("valid", "fairness", "worst"),
            tuple("valid", "robustness", "worst"));
  }

  @Test
  void worstCaseSeparatesRobustnessAndFairnessPerturbations() {
    PerturbationDescription dialect = new PerturbationDescription("dialect", false, true, null);
    Instance id0Dialect =
        Fixtures.instance(
            "id0",
            List.of(Reference.correct("Paris"), Reference.wrong("Rome")),
            Split.TEST,
            null,
            dialect);
    RunStats run =
        StatsAggregator.aggregate(
            List.of(
                outcome(ID0, 0, "Paris", 0, false),
                outcome(ID0_TYPOS, 0, "Paris", 0, false),
                outcome(id0Dialect, 0, "Rome", 0, false)),
            EXACT_MATCH);
    assertThat(
            mean(
                run,
                "exact_match",
                "test",
                new PerturbationDescription("robustness", true, false, "worst")))
        .isEqualTo(1.0);
    assertThat(
            mean(
                run,
                "exact_match",
                "test",
                new PerturbationDescription("fairness", false, true, "worst")))
        .isEqualTo(0.0);
    assertThat(mean(run, "exact_match", "test", dialect.withComputedOn("worst"))).isEqualTo(0.0);
    assertThat(mean(run, "exact_match", "test", dialect.withComputedOn("original"))).isEqualTo(1.0);
    assertThat(mean(run, "exact_match", "test", dialect.withComputedOn("perturbed")))
        .isEqualTo(0.0);
  }

  @Test
  void perInstanceStatsCarryTheirContext() {
    RunStats run = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH);
    assertThat(run.perInstance())
        .extracting(
            PerInstanceStats::instanceId,
            PerInstanceStats::perturbation,
            PerInstanceStats::trainTrialIndex)
        .containsExactly(
            tuple("id0", null, 0),
            tuple("id1", null, 0),
            tuple("id2", null, 0),
            tuple("id0", TYPOS, 0),
            tuple("id0", null, 1),
            tuple("id1", null, 1),
            tuple("id2", null, 1),
            tuple("id0", TYPOS, 1));
    PerInstanceStats typos = run.perInstance().get(3);
    assertThat(typos.stats())
        .extracting(s -> s.key().name(), Stat::mean)
        .containsExactly(
            tuple("exact_match", 0.0),
            tuple("num_references", 2.0),
            tuple("num_train_instances", 5.0),
            // HELM copies adapter_spec.num_train_trials: this run has two.
            tuple("num_train_trials", 2.0),
            tuple("prompt_truncated", 0.0));
    assertThat(typos.stats())
        .extracting(Stat::key)
        .allSatisfy(
            k -> {
              assertThat(k.split()).isEqualTo("test");
              assertThat(k.subSplit()).isNull();
              assertThat(k.perturbation()).isEqualTo(TYPOS_STATS);
            });
  }

  @Test
  void trialsAreOrderedByIndexWhateverTheInputOrder() {
    List<RequestOutcome> reversed = new ArrayList<>(twoTrials());
    Collections.reverse(reversed);
    RunStats run = StatsAggregator.aggregate(reversed, EXACT_MATCH);
    assertThat(run.stats()).isEqualTo(StatsAggregator.aggregate(twoTrials(), EXACT_MATCH).stats());
    assertThat(run.perInstance())
        .extracting(PerInstanceStats::trainTrialIndex)
        .containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
  }

  @Test
  void subSplitsAreSeparateContexts() {
    Instance toxic =
        Fixtures.instance("id0", List.of(Reference.correct("a1")), Split.TEST, "toxic", null);
    Instance clean =
        Fixtures.instance("id1", List.of(Reference.correct("a2")), Split.TEST, "non-toxic", null);
    RunStats run =
        StatsAggregator.aggregate(
            List.of(outcome(toxic, 0, "a1", 0, false), outcome(clean, 0, "b", 0, false)),
            EXACT_MATCH);
    assertThat(run.find(key("exact_match", "test", null))).isEmpty();
    assertThat(run.stats())
        .filteredOn(s -> s.key().name().equals("exact_match") && s.key().perturbation() == null)
        .extracting(s -> s.key().subSplit(), Stat::mean)
        .containsExactly(tuple("non-toxic", 0.0), tuple("toxic", 1.0));
  }

  @Test
  void outcomesOfOneInstanceAreOneEntry() {
    // Several requests for the same instance.
    List<RequestOutcome> outcomes =
        List.of(outcome(ID0, 0, "Paris", 0, false), outcome(ID0, 0, "Rome", 0, false));
    RunStats run = StatsAggregator.aggregate(outcomes, EXACT_MATCH);
    assertThat(run.perInstance()).hasSize(1);
    assertThat(run.perInstance().get(0).stats())
        .extracting(s -> s.key().name(), Stat::count)
        .containsExactly(
            tuple("exact_match", 2L),
            // Per request, as HELM's compute_request_state_metrics.
            tuple("num_references", 2L),
            tuple("num_train_instances", 2L),
            tuple("num_train_trials", 2L),
            tuple("prompt_truncated", 2L));
    assertThat(mean(run, "num_instances", "test", null)).isEqualTo(1.0);
    assertThat(mean(run, "exact_match", "test", null)).isEqualTo(0.5);
    assertThat(mean(run, "num_train_trials", "test", null)).isEqualTo(1.0);
  }

  @Test
  void atKStatsAreAggregatedLikeOthers() {
    RequestOutcome outcome =
        new RequestOutcome(
            Fixtures.state(ID1, 0, 2, Map.of(), 0, false),
            RequestResult.success(
                List.of(completion("Bergen", -0.1), completion("Oslo", -0.2)), 0.1));
    RunStats run = StatsAggregator.aggregate(List.of(outcome), EXACT_MATCH);
    assertThat(mean(run, "exact_match", "test", null)).isEqualTo(0.0);
    assertThat(mean(run, "exact_match@2", "test", null)).isEqualTo(1.0);
  }

  @Test
  void nothingInNothingOut() {
    RunStats run = StatsAggregator.aggregate(List.of(), EXACT_MATCH);
    assertThat(run.stats()).isEmpty();
    assertThat(run.perInstance()).isEmpty();
  }

  @Test
  void aFailingMetricIsNamed() {
    Metric throwing =
        new Metric() {
          @Override
          public String id() {
            return "throwing";
          }

          @Override
          public String family() {
            return "bias";
          }

          @Override
          public List<Stat> evaluate(RequestOutcome outcome) {
            throw new ArithmeticException("divide by zero");
          }
        };
    assertThatThrownBy(
            () ->
                StatsAggregator.aggregate(
                    List.of(outcome(ID1, 2, "Oslo", 0, false)), List.of(throwing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("metric 'throwing' failed on instance 'id1' (train trial 2): divide by zero")
        .hasCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void streamingHandsEveryInstanceToTheSinkAndGivesTheSameStats() {
    List<PerInstanceStats> streamed = new java.util.ArrayList<>();
    RunStats kept = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH);
    RunStats stream = StatsAggregator.aggregate(twoTrials(), EXACT_MATCH, streamed::add);
    assertThat(stream.perInstance()).isEmpty();
    assertThat(streamed).isEqualTo(kept.perInstance());
    // The perturbed copy of id0 comes after id1 and id2: the worst case still pairs them.
    assertThat(stream.stats()).isEqualTo(kept.stats());
  }

  @Test
  void instancesMetricsSeeOnlyTheStatsTheyUse() {
    List<List<String>> seen = new java.util.ArrayList<>();
    InstancesMetric usesExactMatch =
        new InstancesMetric() {
          @Override
          public String id() {
            return "sees";
          }

          @Override
          public String family() {
            return "accuracy";
          }

          @Override
          public boolean usesStat(String name) {
            return name.equals("exact_match");
          }

          @Override
          public InstancesResult evaluateInstances(List<ScoredInstance> instances) {
            instances.forEach(i -> seen.add(i.stats().stream().map(s -> s.key().name()).toList()));
            return InstancesResult.of(List.of());
          }
        };
    StatsAggregator.aggregate(
        List.of(outcome(ID1, 0, "Oslo", 0, false)), List.of(new ExactMatch(), usesExactMatch));
    assertThat(seen).containsExactly(List.of("exact_match"));
  }

  private static RequestOutcome outcome(
      Instance instance, int trial, String text, int numTrainInstances, boolean truncated) {
    return new RequestOutcome(
        Fixtures.state(instance, trial, 1, Map.of(), numTrainInstances, truncated),
        RequestResult.success(List.of(completion(text, -0.1)), 0.1));
  }

  private static MetricKey key(String name, String split, PerturbationDescription perturbation) {
    return new MetricKey(name, split, null, perturbation);
  }

  private static double mean(
      RunStats run, String name, String split, PerturbationDescription perturbation) {
    return run.find(key(name, split, perturbation)).orElseThrow().mean();
  }

  private static boolean isWorstCase(Stat stat) {
    PerturbationDescription p = stat.key().perturbation();
    return p != null && !"perturbed".equals(p.computedOn());
  }

  private static String computedOn(Stat stat) {
    return stat.key().perturbation() == null ? null : stat.key().perturbation().computedOn();
  }

  private static String perturbationName(Stat stat) {
    return stat.key().perturbation() == null ? null : stat.key().perturbation().name();
  }
}
