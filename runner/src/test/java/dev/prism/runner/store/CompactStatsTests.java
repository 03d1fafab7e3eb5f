package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed per-instance stats JSON equals the tree-built one. */
class CompactStatsTests {
  @Test
  void streamedStatsEqualTheTreeForm() {
    PerturbationDescription typos = new PerturbationDescription("typos", true, false, "worst");
    List<Stat> stats =
        List.of(
            Stat.of(new MetricKey("exact_match", "test", null, null), 1),
            Stat.of(new MetricKey("exact_match", "test", "sub", typos), 0.25)
                .merge(Stat.of(new MetricKey("exact_match", "test", "sub", typos), 1e-7)),
            new Stat(new MetricKey("empty", null, null, null), 0, 0, 0, 0, 0));
    com.fasterxml.jackson.databind.node.ArrayNode tree = Json.CANONICAL.createArrayNode();
    stats.forEach(s -> tree.add(Json.stat(s)));
    assertThat(Json.compactStats(stats)).isEqualTo(tree.toString());
  }
}
