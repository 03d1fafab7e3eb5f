package dev.prism.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.MetricKey;
import dev.prism.core.Stat;
import dev.prism.metrics.accuracy.AccuracyFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HELM's own unit-test cases for the accuracy functions and {@code Stat}: pinned here, and read
 * again from {@code shared/reference/helm-test-vectors.json} when that file is present.
 */
class HelmVectorTests {
  private static final String VECTORS = "shared/reference/helm-test-vectors.json";

  private static final Map<String, ToDoubleBiFunction<String, String>> FUNCTIONS =
      Map.of(
          "exact_match", AccuracyFunctions::exactMatch,
          "quasi_exact_match", AccuracyFunctions::quasiExactMatch,
          "prefix_exact_match", AccuracyFunctions::prefixExactMatch,
          "quasi_prefix_exact_match", AccuracyFunctions::quasiPrefixExactMatch,
          "f1_score", AccuracyFunctions::f1Score,
          "exact_match_indicator", AccuracyFunctions::exactMatchIndicator,
          "final_number_exact_match", AccuracyFunctions::finalNumberExactMatch);

  /** HELM {@code metrics/test_evaluate_reference_metrics.py}, as in the vectors file. */
  static Stream<Arguments> pinned() {
    return Stream.of(
        arguments("exact_match", "33", "33", 1.0),
        arguments("exact_match", "33", "33 ", 1.0),
        arguments("exact_match", "33", "34", 0.0),
        arguments("exact_match_indicator", "33", "33", 1.0),
        arguments("exact_match_indicator", "33", "stuff 33", 1.0),
        arguments("exact_match_indicator", "stuff 33", "33", 1.0),
        arguments("exact_match_indicator", "33", "33 stuff", 0.0),
        arguments("final_number_exact_match", "33", "33", 1.0),
        arguments("final_number_exact_match", "33", "33 eggs.", 1.0),
        arguments("final_number_exact_match", "33", "-33", 0.0),
        arguments("final_number_exact_match", "-33", "-33", 1.0),
        arguments("final_number_exact_match", "The answer is 33", "\\boxed{33}", 1.0),
        arguments("final_number_exact_match", "The answer is 33", "\\boxed{33} and 34", 0.0),
        arguments("final_number_exact_match", "34.2", "2", 0.0),
        arguments("final_number_exact_match", "342", "342.", 1.0),
        arguments("final_number_exact_match", "3,420", "3420", 1.0));
  }

  @ParameterizedTest(name = "{0}(\"{1}\", \"{2}\") = {3}")
  @MethodSource("pinned")
  void pinnedVector(String metric, String gold, String pred, double expected) {
    assertThat(FUNCTIONS.get(metric).applyAsDouble(gold, pred)).isEqualTo(expected);
  }

  /** HELM {@code metrics/test_statistic.py::test_stat_add}: population variance. */
  @Test
  void statAddPinned() {
    Stat stat = Stat.empty(MetricKey.of("x"));
    for (int i = 0; i < 10; i++) {
      stat = stat.add(i);
    }
    assertThat(stat.count()).isEqualTo(10);
    assertThat(stat.sum()).isEqualTo(45.0);
    assertThat(stat.sumSquared()).isEqualTo(285.0);
    assertThat(stat.min()).isEqualTo(0.0);
    assertThat(stat.max()).isEqualTo(9.0);
    assertThat(stat.mean()).isEqualTo(4.5);
    assertThat(stat.variance()).isEqualTo(8.25);
    assertThat(stat.stddev()).isEqualTo(2.8722813232690143);
  }

  @TestFactory
  Stream<DynamicTest> vectorsFromSharedFile() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode node : sharedVectors()) {
      String metric = node.get("metric").asText();
      JsonNode inputs = node.get("inputs");
      JsonNode expected = node.get("expected");
      if (FUNCTIONS.containsKey(metric)) {
        String gold = inputs.get("gold").asText();
        String pred = inputs.get("pred").asText();
        tests.add(
            DynamicTest.dynamicTest(
                metric + "(\"" + gold + "\", \"" + pred + "\")",
                () -> {
                  double actual = FUNCTIONS.get(metric).applyAsDouble(gold, pred);
                  if (node.has("tolerance")) {
                    assertThat(actual)
                        .isCloseTo(expected.asDouble(), within(node.get("tolerance").asDouble()));
                  } else {
                    assertThat(actual).isEqualTo(expected.asDouble());
                  }
                }));
      } else if (metric.equals("Stat.add")) {
        tests.add(DynamicTest.dynamicTest("Stat.add", () -> checkStatAdd(inputs, expected)));
      }
    }
    assertThat(tests).as("vectors for the accuracy functions and Stat.add").isNotEmpty();
    return tests.stream();
  }

  /** Keeps the pinned rows in step with the shared file, so the tests still cover it without it. */
  @Test
  void pinnedRowsCoverEverySharedVector() throws IOException {
    Set<List<Object>> pinned = new HashSet<>();
    pinned().forEach(a -> pinned.add(List.of(a.get())));
    for (JsonNode node : sharedVectors()) {
      String metric = node.get("metric").asText();
      if (FUNCTIONS.containsKey(metric)) {
        JsonNode inputs = node.get("inputs");
        List<Object> row =
            List.of(
                metric,
                inputs.get("gold").asText(),
                inputs.get("pred").asText(),
                node.get("expected").asDouble());
        assertThat(pinned).as("pinned rows of %s", getClass().getSimpleName()).contains(row);
      }
    }
  }

  private static void checkStatAdd(JsonNode inputs, JsonNode expected) {
    Stat stat = Stat.empty(MetricKey.of("x"));
    for (JsonNode value : inputs.get("values")) {
      stat = stat.add(value.asDouble());
    }
    assertThat(stat.count()).isEqualTo(expected.get("count").asLong());
    assertThat(stat.sum()).isEqualTo(expected.get("sum").asDouble());
    assertThat(stat.sumSquared()).isEqualTo(expected.get("sum_squared").asDouble());
    assertThat(stat.min()).isEqualTo(expected.get("min").asDouble());
    assertThat(stat.max()).isEqualTo(expected.get("max").asDouble());
    assertThat(stat.mean()).isEqualTo(expected.get("mean").asDouble());
    assertThat(stat.variance()).isEqualTo(expected.get("variance").asDouble());
    assertThat(stat.stddev()).isEqualTo(expected.get("stddev").asDouble());
  }

  /** The shared vectors file's cases; skips the calling test when the file is absent. */
  private static JsonNode sharedVectors() throws IOException {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path file = null;
    for (Path dir = cwd; dir != null && file == null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(VECTORS))) {
        file = dir.resolve(VECTORS);
      }
    }
    assumeTrue(file != null, () -> VECTORS + " not found in " + cwd + " or above; skipping");
    return new ObjectMapper().readTree(file.toFile());
  }
}
