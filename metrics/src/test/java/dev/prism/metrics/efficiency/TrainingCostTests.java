package dev.prism.metrics.efficiency;

import static dev.prism.metrics.efficiency.EfficiencyMetricTests.outcome;
import static dev.prism.metrics.efficiency.EfficiencyMetricTests.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.ErrorKind;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HELM's training_co2_cost and training_energy_cost, from its table's format or inline values. */
class TrainingCostTests {
  @TempDir Path dataDir;

  /** Copies the fixture (HELM's training_efficiency.json format, made-up numbers). */
  private void installFixture() throws IOException {
    Path file = TrainingTable.location(dataDir);
    Files.createDirectories(file.getParent());
    try (InputStream in =
        getClass().getResourceAsStream("efficiency_tables/" + TrainingTable.FILE)) {
      Files.copy(in, file);
    }
  }

  @Test
  void readsHelmsTableAndLooksUpEachValueByDeploymentName() throws IOException {
    assertThat(TrainingTable.read(dataDir)).isNull();
    installFixture();
    TrainingTable table = TrainingTable.read(dataDir);
    assertThat(table.carbon()).containsOnlyKeys("test/small");
    assertThat(table.energy()).containsOnlyKeys("test/small", "test/energy-only");

    TrainingCosts small = table.costs("test/small");
    assertThat(small.co2Cost()).isEqualTo(4.2);
    assertThat(small.energyCost()).isEqualTo(12.5);
    TrainingCosts energyOnly = table.costs("test/energy-only");
    assertThat(energyOnly.co2Cost()).isNull();
    assertThat(energyOnly.energyCost()).isEqualTo(0.75);
    assertThat(table.costs("test/unknown")).isNull();
  }

  @Test
  void aBrokenTableNamesTheFileAndEntryAndSaysToDownloadAgain() throws IOException {
    Path file = TrainingTable.location(dataDir);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"energy\": {}}");
    assertThatThrownBy(() -> TrainingTable.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(file + ": no 'carbon' object")
        .satisfies(
            e ->
                assertThat(((PrismUserException) e).hint())
                    .isEqualTo("Run: prism download efficiency_tables --force"));
    Files.writeString(file, "{\"energy\": {}, \"carbon\": {\"a/b\": {\"value\": \"many\"}}}");
    assertThatThrownBy(() -> TrainingTable.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("carbon entry 'a/b': value is not a number");
    Files.writeString(file, "{\"energy\": {\"a/b\": {\"value\": -1}}, \"carbon\": {}}");
    assertThatThrownBy(() -> TrainingTable.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("energy entry 'a/b': energy must be finite and >= 0, got -1.0");
    Files.writeString(file, "[1,\n");
    assertThatThrownBy(() -> TrainingTable.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(file + ":");
  }

  @Test
  void everySuccessfulRequestCarriesTheValuesAsHelmAddsThem() throws IOException {
    installFixture();
    EfficiencyContext context =
        EfficiencyContext.fallback("local/small")
            .withTraining(TrainingTable.read(dataDir).costs("test/small"), null);
    List<Metric> metrics = context.configure(MetricRegistry.load().resolve(List.of("efficiency")));
    RequestOutcome failed =
        new RequestOutcome(
            outcome("p", false, 0).state(), RequestResult.failure(ErrorKind.FATAL, "x", 2.0));
    RunStats stats =
        StatsAggregator.aggregate(
            List.of(
                outcome("a b", false, 2.0, tokens("stop", "x")),
                outcome("c d e f", false, 4.0, tokens("length", "x", "y")),
                failed),
            metrics);
    assertThat(stats.skipped()).extracting(s -> s.metricId()).doesNotContain("training_costs");
    var co2 = stats.find(new MetricKey("training_co2_cost", "test", null, null)).orElseThrow();
    assertThat(co2.count()).as("one instance: its requests' mean").isEqualTo(1);
    assertThat(co2.mean()).isEqualTo(4.2);
    assertThat(stats.find(new MetricKey("training_energy_cost", "test", null, null)))
        .hasValueSatisfying(s -> assertThat(s.mean()).isEqualTo(12.5));
    assertThat(metrics.stream().filter(m -> m instanceof TrainingCostMetric).findFirst())
        .hasValueSatisfying(m -> assertThat(m.evaluate(failed)).isEmpty());
  }

  @Test
  void aValueTheCostsLackIsOmittedAndNoCostsSkipTheMetricWithTheReason() {
    TrainingCostMetric energyOnly =
        TrainingCostMetric.withContext(
            EfficiencyContext.fallback("local/x")
                .withTraining(new TrainingCosts(null, 0.75), null));
    assertThat(energyOnly.skipReason()).isEmpty();
    assertThat(
            EfficiencyMetricTests.values(
                energyOnly.evaluate(outcome("p", false, 1, tokens("stop", "x")))))
        .containsOnlyKeys("training_energy_cost");

    assertThat(new TrainingCostMetric().skipReason()).isPresent();
    assertThat(TrainingCostMetric.withContext(EfficiencyContext.fallback("local/x")).skipReason())
        .contains("no training costs for deployment local/x");
    TrainingCostMetric explained =
        TrainingCostMetric.withContext(
            EfficiencyContext.fallback("local/x").withTraining(null, "tables not downloaded"));
    assertThat(explained.skipReason()).contains("tables not downloaded");
    assertThat(explained.evaluate(outcome("p", false, 1, tokens("stop", "x")))).isEmpty();
  }

  @Test
  void costsNeedOneValueAndNoneNegative() {
    assertThatThrownBy(() -> new TrainingCosts(null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainingCosts(Double.NaN, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statNamesSelectTheMetric() {
    assertThat(MetricRegistry.load().resolve(List.of("training_co2_cost")))
        .extracting(Metric::id)
        .containsExactly("training_costs");
  }
}
