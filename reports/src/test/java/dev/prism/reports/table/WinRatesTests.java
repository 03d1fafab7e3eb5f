package dev.prism.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.reports.ReportFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HELM's {@code compute_aggregate_row_win_rates}, checked against every {@code mean_win_rate} case
 * of {@code helm-test-vectors.json} (taken from HELM's {@code test_summarize.py}).
 */
class WinRatesTests {
  private static final Double N = null;

  static Stream<Arguments> helmCases() {
    return Stream.of(
        Arguments.of(
            "one_scenario",
            List.of(false),
            rows(row(1.0), row(2.0), row(3.0), row(4.0), row(5.0)),
            row(0.0, 0.25, 0.5, 0.75, 1.0)),
        Arguments.of(
            "two_scenarios",
            List.of(false, false),
            rows(row(1.0, 3.0), row(2.0, 1.0), row(3.0, 2.0), row(4.0, 5.0), row(5.0, 4.0)),
            row(0.25, 0.125, 0.375, 0.875, 0.875)),
        Arguments.of(
            "incomplete_values",
            List.of(false, false),
            rows(row(1.0, 3.0), row(2.0, 1.0), row(3.0, N), row(4.0, N), row(5.0, N)),
            row(0.5, 0.125, 0.5, 0.75, 1.0)),
        Arguments.of(
            "ignore_nones",
            List.of(false, false, false),
            rows(row(1.0, N, N), row(2.0, N, 1.0), row(3.0, N, N), row(4.0, N, N), row(5.0, N, N)),
            row(0.0, 0.25, 0.5, 0.75, 1.0)),
        Arguments.of(
            "ignore_unset_lower_is_better",
            Arrays.asList(false, null),
            rows(row(1.0, 3.0), row(2.0, 1.0), row(3.0, 2.0), row(4.0, 5.0), row(5.0, 4.0)),
            row(0.0, 0.25, 0.5, 0.75, 1.0)),
        Arguments.of(
            "no_win_rate",
            List.of(false),
            rows(row(N), row(N), row(N), row(N), row(N)),
            row(N, N, N, N, N)),
        Arguments.of(
            "ties",
            List.of(false),
            rows(row(1.0), row(1.0), row(1.0), row(4.0), row(5.0)),
            row(0.25, 0.25, 0.25, 0.75, 1.0)),
        Arguments.of(
            "lower_is_better",
            List.of(true),
            rows(row(1.0), row(2.0), row(3.0), row(4.0), row(5.0)),
            row(1.0, 0.75, 0.5, 0.25, 0.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helmCases")
  void matchesHelm(
      String name, List<Boolean> lowerIsBetter, List<List<Double>> rows, List<Double> expected) {
    assertClose(WinRates.meanWinRates(rows, lowerIsBetter), expected);
  }

  @Test
  void matchesEveryMeanWinRateVectorInSharedReference() throws IOException {
    Optional<Path> file = ReportFixtures.sharedReference("helm-test-vectors.json");
    assumeTrue(file.isPresent(), "shared/reference/helm-test-vectors.json not found; skipping");
    JsonNode vectors = new ObjectMapper().readTree(file.get().toFile());
    int checked = 0;
    for (JsonNode v : vectors) {
      if (!v.path("metric").asText().equals("mean_win_rate")) {
        continue;
      }
      JsonNode inputs = v.get("inputs");
      List<Boolean> lowerIsBetter = new ArrayList<>();
      inputs.get("column_lower_is_better").forEach(b -> lowerIsBetter.add(bool(b)));
      List<List<Double>> rows = new ArrayList<>();
      for (JsonNode row : inputs.get("rows")) {
        List<Double> values = new ArrayList<>();
        for (int c = 1; c < row.size(); c++) { // column 0 is the row's name
          values.add(number(row.get(c)));
        }
        rows.add(values);
      }
      List<Double> expected = new ArrayList<>();
      v.get("expected").forEach(e -> expected.add(number(e)));
      assertClose(WinRates.meanWinRates(rows, lowerIsBetter), expected);
      checked++;
    }
    // The pinned cases above are exactly these; a new vector should be pinned too.
    assertThat(checked).isEqualTo(helmCases().count());
  }

  @Test
  void ignoresNaNAndTreatsNegativeZeroAsZero() {
    List<Double> result =
        WinRates.meanWinRates(rows(row(-0.0), row(0.0), row(Double.NaN), row(1.0)), List.of(false));
    assertClose(result, row(0.25, 0.25, N, 1.0));
  }

  @Test
  void rejectsRaggedRows() {
    assertThatThrownBy(() -> WinRates.meanWinRates(rows(row(1.0, 2.0), row(1.0)), List.of(false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 2 values but there are 1 columns");
  }

  @Test
  void emptyTableGivesNoRates() {
    assertThat(WinRates.meanWinRates(List.of(), List.of(false))).isEmpty();
  }

  private static void assertClose(List<Double> actual, List<Double> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i) == null) {
        assertThat(actual.get(i)).as("row %d", i).isNull();
      } else {
        assertThat(actual.get(i)).as("row %d", i).isCloseTo(expected.get(i), within(1e-9));
      }
    }
  }

  private static Boolean bool(JsonNode n) {
    return n.isNull() ? null : n.asBoolean();
  }

  private static Double number(JsonNode n) {
    return n.isNull() ? null : n.asDouble();
  }

  @SafeVarargs
  private static List<List<Double>> rows(List<Double>... rows) {
    List<List<Double>> result = new ArrayList<>();
    for (List<Double> row : rows) {
      result.add(row);
    }
    return result;
  }

  private static List<Double> row(Double... values) {
    return Arrays.asList(values);
  }
}
