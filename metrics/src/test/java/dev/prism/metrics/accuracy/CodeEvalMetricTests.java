package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SkippedMetric;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.code.PythonSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code code_eval} on a HumanEval-shaped problem; runs python3 (skipped where it is missing). */
class CodeEvalMetricTests {
  private static final Map<String, String> ADD =
      Map.of(
          "task_id", "HumanEval/0",
          "prompt", "def add(a, b):\n    \"\"\"Sum.\"\"\"\n",
          "canonical_solution", "    return a + b\n",
          "test", "def check(candidate):\n    assert candidate(2, 3) == 5\n",
          "entry_point", "add");

  private static Instance problem(String id) {
    Reference gold = new Reference("    return a + b\n", List.of(Reference.CORRECT_TAG), ADD);
    return Instance.of(id, ADD.get("prompt"), List.of(gold), Split.TEST);
  }

  private static Metric metric() {
    Fixtures.sandbox(System.getenv("PATH"), PythonSandbox.Limits.defaults());
    return new CodeEvalMetric();
  }

  @Test
  void theProgramIsHelmsCheckProgram() {
    assertThat(CodeEvalMetric.program(ADD, "return a + b"))
        .isEqualTo(
            "def add(a, b):\n    \"\"\"Sum.\"\"\"\n    return a + b\n"
                + "def check(candidate):\n    assert candidate(2, 3) == 5\n\ncheck(add)");
  }

  @Test
  void oneCompletionGivesAccuracyAndPassAtOne() {
    Metric metric = metric();

    assertThat(metric.evaluate(Fixtures.outcome(problem("id0"), "  return a + b\n")))
        .containsExactly(Stat.of("code_eval_acc", 1), Stat.of("pass", 1));
    assertThat(metric.evaluate(Fixtures.outcome(problem("id0"), "return a - b")))
        .containsExactly(Stat.of("code_eval_acc", 0), Stat.of("pass", 0));
    assertThat(metric.evaluate(Fixtures.failed(problem("id0"))))
        .containsExactly(Stat.of("code_eval_acc", 0), Stat.of("pass", 0));
  }

  @Test
  void fiveSamplesTwoCorrectGiveHelmsPassAtKAndTheMostLikelyDecidesAccuracy() {
    RequestOutcome outcome =
        Fixtures.outcome(
            problem("id0"),
            List.of(
                Fixtures.completion("return b + a", -2.0),
                Fixtures.completion("return a - b", -0.5), // most likely: fails
                Fixtures.completion("return a + b", -1.0),
                Fixtures.completion("while True: pass", -3.0),
                Fixtures.completion("return a +", -4.0)));

    assertThat(metric().evaluate(outcome))
        .containsExactly(
            Stat.of("code_eval_acc", 0),
            Stat.of("code_eval_acc@5", 1),
            Stat.of("pass", PassAtK.estimate(5, 2, 1)), // 0.4 up to rounding, as HELM's
            Stat.of("pass@5", 1.0));
  }

  @Test
  void theAggregatorPreparesOnceAndAveragesPassOverInstances() {
    Metric metric = metric();
    List<RequestOutcome> outcomes =
        List.of(
            Fixtures.outcome(problem("id0"), "return a + b"),
            Fixtures.outcome(problem("id1"), "return a + b"),
            Fixtures.outcome(problem("id2"), "return 0"),
            Fixtures.outcome(problem("id3"), "return a + b"));

    RunStats stats = StatsAggregator.aggregate(outcomes, List.of(metric));

    assertThat(mean(stats, "pass")).isEqualTo(0.75);
    assertThat(mean(stats, "code_eval_acc")).isEqualTo(0.75);
    assertThat(stats.skipped()).isEmpty();
    // The prepared metric gives what the registered one gives, outcome by outcome.
    Metric prepared = ((CodeEvalMetric) metric).prefetch(outcomes);
    assertThat(prepared.id()).isEqualTo("code_eval");
    for (RequestOutcome o : outcomes) {
      assertThat(prepared.evaluate(o)).isEqualTo(metric.evaluate(o));
    }
  }

  @Test
  void eachCompletionsVerdictIsKeptWithTheInstanceInCompletionOrder() {
    Metric quick = ((CodeEvalMetric) metric()).withArguments(Map.of("timeout", "0.5"));
    RequestOutcome outcome =
        Fixtures.outcome(
            problem("id0"),
            List.of(
                Fixtures.completion("return b + a", -2.0),
                Fixtures.completion("return a - b", -0.5), // most likely: scored first
                Fixtures.completion("while True: pass", -3.0),
                Fixtures.completion("return a +", -4.0),
                Fixtures.completion("raise ValueError('x' * 300 + 'the end')", -5.0)));

    RunStats stats = StatsAggregator.aggregate(List.of(outcome), List.of(quick));

    List<String> notes = stats.perInstance().get(0).annotations().get("code_eval:timeout=0.5");
    assertThat(notes).hasSize(5);
    assertThat(notes.get(0)).isEqualTo("passed");
    assertThat(notes.get(1)).startsWith("failed: AssertionError");
    assertThat(notes.get(2)).isEqualTo("timed out");
    assertThat(notes.get(3)).startsWith("error: SyntaxError");
    assertThat(notes.get(4))
        .startsWith("failed: ValueError: \u2026")
        .endsWith("xthe end")
        .hasSize("failed: ValueError: \u2026".length() + CodeEvalMetric.MESSAGE_TAIL);
    // A metric that did not run the programs (not prefetched, or no test cases) says nothing.
    assertThat(((CodeEvalMetric) quick).annotations(outcome)).isEmpty();
    assertThat(
            StatsAggregator.aggregate(
                    List.of(Fixtures.outcome(Fixtures.instance("id1", "4"), "4")), List.of(quick))
                .perInstance()
                .get(0)
                .annotations())
        .isEmpty();
  }

  @Test
  void argumentsSetTheTimeLimitAndNameTheVariant() {
    CodeEvalMetric registered = (CodeEvalMetric) metric();
    Metric quick = registered.withArguments(Map.of("timeout", "0.5", "parallelism", "2"));
    RequestOutcome slow =
        Fixtures.outcome(problem("id0"), "import time; time.sleep(1.5); return a + b");

    assertThat(quick.id()).isEqualTo("code_eval:timeout=0.5,parallelism=2");
    assertThat(quick.evaluate(slow)).contains(Stat.of("pass", 0));
    assertThat(registered.evaluate(slow)).contains(Stat.of("pass", 1));
    assertThat(registered.defaultVariants()).isEmpty(); // "accuracy" does not select it
  }

  @Test
  void badArgumentsAreUserErrorsNamingTheUsage() {
    CodeEvalMetric metric = new CodeEvalMetric();
    for (Map<String, String> bad :
        List.of(
            Map.of("timeout", "0"),
            Map.of("timeout", "soon"),
            Map.of("parallelism", "1.5"),
            Map.of("parallelism", "0"),
            Map.of("memory", "1"))) {
      assertThatThrownBy(() -> metric.withArguments(bad))
          .as(bad.toString())
          .isInstanceOf(PrismUserException.class)
          .satisfies(e -> assertThat(((PrismUserException) e).hint()).startsWith("Use code_eval"));
    }
  }

  @Test
  void anInstanceWithoutTestCasesGetsNoStat() {
    assertThat(metric().evaluate(Fixtures.outcome(Fixtures.instance("id0", "4"), "4"))).isEmpty();
  }

  @Test
  void withoutPythonTheMetricIsSkippedWithTheReasonNeverScoredZero() {
    String reason = "python3 was not found on PATH; install Python 3 to run generated code";
    CodeEvalMetric metric = new CodeEvalMetric(() -> new PythonSandbox.Availability(null, reason));

    RunStats stats =
        StatsAggregator.aggregate(
            List.of(Fixtures.outcome(problem("id0"), "return a + b")), List.of(metric));

    assertThat(metric.skipReason()).contains(reason);
    assertThat(stats.skipped()).containsExactly(new SkippedMetric("code_eval", -1, null, reason));
    assertThat(stats.stats()).noneMatch(s -> s.key().name().startsWith("pass"));
    assertThat(stats.stats()).noneMatch(s -> s.key().name().startsWith("code_eval"));
    assertThat(metric.evaluate(Fixtures.outcome(problem("id0"), "return a + b"))).isEmpty();
  }

  private static double mean(RunStats stats, String name) {
    return stats.stats().stream()
        .filter(s -> s.key().name().equals(name) && s.key().perturbation() == null)
        .findFirst()
        .orElseThrow()
        .mean();
  }
}
