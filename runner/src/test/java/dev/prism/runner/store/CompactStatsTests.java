package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored per-instance stats JSON reads back as HELM's full form, bit for bit. */
class CompactStatsTests {
  @Test
  void streamedStatsEqualTheTreeForm() {
    PerturbationDescription typos = new PerturbationDescription("typos", true, false, "worst");
    List<Stat> stats =
        List.of(
            Stat.of(new MetricKey("exact_match", "test", null, null), 1),
            Stat.of(new MetricKey("exact_match", "test", "sub", typos), 0.25)
                .merge(Stat.of(new MetricKey("exact_match", "test", "sub", typos), 1e-7)),
            new Stat(new MetricKey("empty", null, null, null), 0, 0, 0, 0, 0),
            Stat.of(MetricKey.of("third"), 1.0 / 3),
            Stat.of(MetricKey.of("negative_zero"), -0.0),
            Stat.of(MetricKey.of("nan"), Double.NaN),
            Stat.of(MetricKey.of("large"), 1e200));
    com.fasterxml.jackson.databind.node.ArrayNode tree = Json.CANONICAL.createArrayNode();
    stats.forEach(s -> tree.add(Json.stat(s)));
    String stored = Json.compactStats(stats);
    assertThat(Json.readStats(stored).toString()).isEqualTo(tree.toString());
    assertThat(Json.readStats(Json.stats(stats)).toString()).isEqualTo(tree.toString());
    assertThat(stored)
        .as("a single value keyed by name and split is [name, split, value]")
        .contains("[\"third\",null,0.3333333333333333]")
        .contains("[\"exact_match\",\"test\",1.0]");
    assertThat(stored)
        .as("with a sub-split or perturbation it keeps count and sum only")
        .contains("{\"name\":{\"name\":\"exact_match\",\"split\":\"test\",\"sub_split\":\"sub\"");
  }

  @Test
  void statsStoredByEarlierVersionsStillReadBack() {
    String earlier =
        "[{\"name\":{\"name\":\"exact_match\",\"split\":\"test\"},\"count\":1,\"sum\":1.0},"
            + "{\"name\":{\"name\":\"third\"},\"count\":1,\"sum\":0.3333333333333333}]";
    List<Stat> same =
        List.of(
            Stat.of(new MetricKey("exact_match", "test", null, null), 1),
            Stat.of(MetricKey.of("third"), 1.0 / 3));
    assertThat(Json.readStats(earlier).toString())
        .isEqualTo(Json.readStats(Json.compactStats(same)).toString());
  }
}
