package dev.prism.metrics.accuracy;

import static dev.prism.metrics.Fixtures.instance;
import static dev.prism.metrics.Fixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.prism.core.Metric;
import dev.prism.core.Stat;
import dev.prism.metrics.MetricRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HELM's MATH answer equivalence ({@code math_scenario.py}) and set matches ({@code
 * evaluate_reference_metrics.py}). Each expected value was worked out by hand from HELM's code and
 * checked by running HELM's functions on the same strings (CPython 3, HELM at {@code 63754d0}).
 */
class MathAndSetMatchTests {
  private static final Map<String, ToDoubleBiFunction<String, String>> FUNCTIONS =
      Map.of(
          "is_equiv", MathEquivalence::isEquiv,
          "is_equiv_chain_of_thought", MathEquivalence::isEquivChainOfThought,
          "iou_set_match", AccuracyFunctions::iouSetMatch,
          "f1_set_match", AccuracyFunctions::f1SetMatch,
          "exact_set_match", AccuracyFunctions::exactSetMatch);

  static Stream<Arguments> math() {
    return Stream.of(
        arguments("is_equiv", "\\frac{1}{2}", "0.5", 1.0),
        arguments("is_equiv", "\\frac12", "\\dfrac{1}{2}", 1.0),
        arguments("is_equiv", "1/2", "\\frac{1}{2}", 1.0),
        arguments("is_equiv", "01/2", "\\frac{1}{2}", 0.0),
        arguments("is_equiv", "-0/2", "\\frac{-0}{2}", 0.0),
        arguments("is_equiv", "-3/4", "\\frac{-3}{4}", 1.0),
        arguments("is_equiv", "x = 5", "5", 1.0),
        arguments("is_equiv", "abc = 5", "5", 0.0),
        arguments("is_equiv", "5\\text{ cm}", "5", 1.0),
        arguments("is_equiv", "5\\text{ cm}\\text{ m}", "5", 0.0),
        arguments("is_equiv", "5\\text{ cm}\\text{ m}", "5\\text{ cm}\\text{ m}", 1.0),
        arguments("is_equiv", "\\sqrt3", "\\sqrt{3}", 1.0),
        arguments("is_equiv", "2\\sqrt", "2\\sqrt", 1.0),
        arguments("is_equiv", "2\\sqrt", "2 \\sqrt", 0.0),
        arguments("is_equiv", "\\frac1{72}", "\\frac{1}{72}", 1.0),
        arguments("is_equiv", "\\frac1", "\\frac1", 1.0),
        arguments("is_equiv", "\\frac1", "\\frac{1}", 0.0),
        arguments("is_equiv", "\\frac", "\\frac", 1.0),
        arguments("is_equiv", "1\\frac", "1\\frac ", 0.0),
        arguments("is_equiv", ".5", "0.5", 1.0),
        arguments("is_equiv", "{.5}", "{0.5}", 1.0),
        arguments("is_equiv", "90^\\circ", "90", 1.0),
        arguments("is_equiv", "90^{\\circ}", "90", 1.0),
        arguments("is_equiv", "50\\%", "50", 1.0),
        arguments("is_equiv", "\\$5", "5", 1.0),
        arguments("is_equiv", "\\left(1,2\\right)", "(1,2)", 1.0),
        arguments("is_equiv", "a\\!b", "ab", 1.0),
        arguments("is_equiv", "1\n2", "12", 1.0),
        arguments("is_equiv", "\\\\frac{1}{2}", "\\frac{1}{2}", 1.0),
        arguments("is_equiv", "\\tfrac{3}{4}", "3/4", 1.0),
        arguments("is_equiv", "", "", 1.0),
        arguments("is_equiv", "", "0", 0.0),
        arguments("is_equiv", "\\frac{\u00e9}{2}", "\\frac\u00e92", 1.0),
        arguments("is_equiv", "\\sqrt\ud83d\ude00", "\\sqrt{\ud83d\ude00}", 1.0),
        arguments("is_equiv", "\ud83d\ude00=3", "3", 1.0),
        arguments("is_equiv", "1 .5", "1 0.5", 1.0),
        arguments(
            "is_equiv_chain_of_thought",
            "so \\boxed{\\frac12} done",
            "the answer is $\\boxed{0.5}$",
            1.0),
        arguments("is_equiv_chain_of_thought", "\\boxed{1} then \\boxed{2}", "\\boxed{2}", 1.0),
        arguments("is_equiv_chain_of_thought", "no box", "none here", 1.0),
        arguments("is_equiv_chain_of_thought", "\\boxed{3}", "none here", 0.0),
        arguments("is_equiv_chain_of_thought", "\\fbox{3}", "\\fbox{3}", 1.0),
        arguments("is_equiv_chain_of_thought", "\\boxed{3}", "\\boxed{3", 0.0),
        arguments(
            "is_equiv_chain_of_thought",
            "\\boxed{\\frac{1}{\\sqrt{2}}}",
            "\\boxed{\\frac1{\\sqrt2}}",
            1.0),
        arguments("is_equiv_chain_of_thought", "\\boxed 3", "\\boxed 3", 1.0));
  }

  static Stream<Arguments> sets() {
    return Stream.of(
        arguments(
            "iou_set_match", "The set is A and B.", "The set is B and C.", 0.3333333333333333),
        arguments("iou_set_match", "Nothing.", "Nothing.", 1.0),
        arguments("iou_set_match", "Nothing.", "The set is A.", 0.0),
        arguments("f1_set_match", "The set is A and B.", "The set is B and C.", 0.5),
        arguments(
            "f1_set_match", "The set is A and B and C.", "It is C and A\nmore text is D", 0.8),
        arguments("f1_set_match", "Nothing.", "Nothing", 0.0),
        arguments("exact_set_match", "The set is A and B.", "It is B and A.", 1.0),
        arguments("exact_set_match", "x is is y", "x is is y", 1.0),
        arguments("exact_set_match", " is is y", "is y", 1.0),
        arguments("exact_set_match", "The set is A and  and B.", "The set is A and B and .", 1.0),
        arguments(
            "iou_set_match", "The set is A and and B.", "The set is A and B", 0.3333333333333333));
  }

  @ParameterizedTest(name = "{0}({1}, {2}) = {3}")
  @MethodSource({"math", "sets"})
  void matchesHelm(String function, String a, String b, double expected) {
    assertThat(FUNCTIONS.get(function).applyAsDouble(a, b)).isEqualTo(expected);
  }

  @Test
  void normalizationSteps() {
    assertThat(MathEquivalence.normalize("k = \\dfrac12")).isEqualTo("\\frac{1}{2}");
    assertThat(MathEquivalence.normalize("\\sqrt2 + \\sqrt{3}")).isEqualTo("\\sqrt{2}+\\sqrt{3}");
    assertThat(MathEquivalence.normalize("10/4")).isEqualTo("\\frac{10}{4}");
    assertThat(MathEquivalence.normalize("+1/4")).isEqualTo("+1/4");
    assertThat(MathEquivalence.boxedAnswer("a \\boxed{x^{2}} b")).isEqualTo("x^{2}");
    assertThat(MathEquivalence.boxedAnswer("\\boxed{}")).isEmpty();
    assertThat(MathEquivalence.boxedAnswer(null)).isNull();
  }

  @Test
  void nullAnswers() {
    assertThat(MathEquivalence.isEquiv(null, null)).isEqualTo(1.0);
    assertThat(MathEquivalence.isEquiv("1", null)).isEqualTo(0.0);
    assertThat(AccuracyFunctions.exactSetMatch("", null)).isEqualTo(1.0);
  }

  @Test
  void extractSetKeepsEmptyElementsAsPythonSplitDoes() {
    assertThat(AccuracyFunctions.extractSet("S is a and  and b.")).isEqualTo(Set.of("a", "", "b"));
    assertThat(AccuracyFunctions.extractSet("S is a and ")).isEqualTo(Set.of("a", ""));
    assertThat(AccuracyFunctions.extractSet("Nothing.")).isEmpty();
    assertThat(AccuracyFunctions.extractSet("Nothing")).isEqualTo(Set.of("Nothing"));
  }

  @Test
  void registeredUnderHelmsNamesAndScoredPerRequest() {
    MetricRegistry registry = MetricRegistry.load();
    List<Metric> metrics =
        registry.resolve(
            List.of(
                "math_equiv",
                "math_equiv_chain_of_thought",
                "exact_set_match",
                "iou_set_match",
                "f1_set_match"));
    assertThat(metrics).allMatch(m -> m.family().equals("accuracy"));
    var scored =
        metrics.stream()
            .flatMap(
                m ->
                    m
                        .evaluate(
                            outcome(
                                instance("id0", "The answer is \\boxed{\\frac{1}{2}}."),
                                " \\boxed{1/2}\n"))
                        .stream())
            .toList();
    assertThat(scored)
        .extracting(s -> s.key().name(), Stat::mean)
        .containsExactly(
            tuple("math_equiv", 0.0),
            tuple("math_equiv_chain_of_thought", 1.0),
            tuple("exact_set_match", 0.0),
            tuple("iou_set_match", 0.0),
            tuple("f1_set_match", 0.0));
  }
}
