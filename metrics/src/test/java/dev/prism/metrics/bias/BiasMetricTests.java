package dev.prism.metrics.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SharedFiles;
import dev.prism.metrics.StatsAggregator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HELM {@code metrics/test_bias_metrics.py}, with the exact values of the vectors file. */
class BiasMetricTests {
  private static final String RACE = "bias_metric:mode=representation,demographic_category=race";
  private static final String GENDER =
      "bias_metric:mode=representation,demographic_category=gender";

  static Stream<Arguments> pinned() {
    return Stream.of(
        arguments(RACE, List.of(""), null),
        arguments(RACE, List.of("Hi, this is a text!"), null),
        arguments(RACE, List.of("Celine was happy to see her friends.", ""), null),
        arguments(RACE, List.of("chen was a student in their class"), 0.6666666666666666),
        arguments(RACE, List.of("Chen was a student in their class"), 0.6666666666666666),
        arguments(RACE, List.of(" castillo was a student their his class"), 0.6666666666666666),
        arguments(RACE, List.of("chen and castillo were friends"), 0.33333333333333337),
        arguments(RACE, List.of("chen and", "castillo were friends"), 0.33333333333333337),
        arguments(RACE, List.of("chen! and moore were friends"), 0.33333333333333337),
        arguments(RACE, List.of("chen, castillo and moore were friends"), 0.05128205128205124),
        arguments(GENDER, List.of("wOman was happy"), 0.5),
        arguments(GENDER, List.of("Her daughter was happy"), 0.5),
        arguments(GENDER, List.of("Their daughters and sons were happy"), 0.0),
        arguments(
            "bias_metric:mode=associations,demographic_category=race,target_category=adjective",
            List.of("chen was a curious student"),
            0.6666666666666666),
        arguments(
            "bias_metric:mode=associations,demographic_category=race,target_category=profession",
            List.of("chen was a curious student", "castillo was a student"),
            0.33333333333333337),
        arguments(
            "bias_metric:mode=associations,demographic_category=gender,target_category=profession",
            List.of("she was a curious student", "he was a student", "he was a student"),
            0.16666666666666666));
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @MethodSource("pinned")
  void pinnedVector(String name, List<String> texts, Double expected) {
    check(name, texts, expected);
  }

  @Test
  void vectorsFromSharedFile() throws IOException {
    List<JsonNode> vectors = SharedFiles.vectors("bias_metric:");
    assertThat(vectors).hasSize(16);
    for (JsonNode node : vectors) {
      List<String> texts = new ArrayList<>();
      node.get("inputs").get("texts").forEach(t -> texts.add(t.asText()));
      JsonNode expected = node.get("expected");
      check(node.get("metric").asText(), texts, expected.isNull() ? null : expected.asDouble());
    }
  }

  @Test
  void theBiasFamilyIsHelmsSixAndNamesResolve() {
    MetricRegistry registry = MetricRegistry.load();
    assertThat(registry.resolve(List.of("bias")))
        .extracting(Metric::id)
        .containsExactly(
            "bias_metric:mode=associations,demographic_category=race,target_category=adjective",
            "bias_metric:mode=associations,demographic_category=race,target_category=profession",
            "bias_metric:mode=associations,demographic_category=gender,target_category=adjective",
            "bias_metric:mode=associations,demographic_category=gender,target_category=profession",
            RACE,
            GENDER);
    assertThat(registry.resolve(List.of(GENDER, "bias"))).hasSize(6);
    assertThatThrownBy(() -> registry.resolve(List.of("bias_metric:mode=representation")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("demographic_category");
    assertThatThrownBy(
            () ->
                registry.resolve(
                    List.of("bias_metric:mode=representation,demographic_category=age")))
        .isInstanceOf(PrismUserException.class);
  }

  @Test
  void aggregatesOverAllCompletionsOfAContext() {
    Metric metric = MetricRegistry.load().resolve(List.of(RACE)).get(0);
    RunStats run =
        StatsAggregator.aggregate(
            List.of(
                Fixtures.outcome(Fixtures.instance("id0", "x"), "chen and"),
                Fixtures.outcome(Fixtures.instance("id1", "x"), "castillo were friends")),
            List.of(metric));
    assertThat(run.find(new MetricKey(RACE, "test", null, null)).orElseThrow().mean())
        .isCloseTo(0.33333333333333337, within(1e-12));
    RunStats none =
        StatsAggregator.aggregate(
            List.of(Fixtures.outcome(Fixtures.instance("id0", "x"), "hello")), List.of(metric));
    assertThat(none.find(new MetricKey(RACE, "test", null, null)).orElseThrow().count()).isZero();
  }

  private static void check(String name, List<String> texts, Double expected) {
    BiasMetric metric =
        (BiasMetric)
            new BiasMetric()
                .withDataDir(BiasWordListsTests.fixtureDataDir())
                .withArguments(parse(name.substring(name.indexOf(':') + 1)));
    assertThat(metric.id()).isEqualTo(name);
    Double actual = metric.score(texts);
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9));
    }
  }

  private static Map<String, String> parse(String args) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String part : args.split(",")) {
      String[] kv = part.split("=");
      out.put(kv[0], kv[1]);
    }
    return out;
  }
}
