package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.ReportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every stat of the real HELM runs in {@code shared/reference/helm-runs}, read into a {@link Stat}
 * and written back by {@link SiteJson#stat}, has the same keys and values as HELM wrote.
 */
class HelmStatsJsonTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void statsRoundTripInHelmShape() throws IOException {
    Optional<Path> runs = ReportFixtures.sharedReference("helm-runs");
    assumeTrue(runs.isPresent(), "shared/reference/helm-runs not found; skipping");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(runs.get(), 3)) {
      files = walk.filter(p -> p.getFileName().toString().equals("stats.json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int checked = 0;
    for (Path file : files) {
      for (JsonNode helm : JSON.readTree(file.toFile())) {
        JsonNode ours = SiteJson.stat(toStat(helm));
        assertSameJson(ours, helm, file.getParent().getFileName() + " " + helm.get("name"));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private static Stat toStat(JsonNode n) {
    JsonNode name = n.get("name");
    JsonNode p = name.get("perturbation");
    PerturbationDescription perturbation =
        p == null
            ? null
            : new PerturbationDescription(
                p.get("name").asText(),
                p.get("robustness").asBoolean(),
                p.get("fairness").asBoolean(),
                p.hasNonNull("computed_on") ? p.get("computed_on").asText() : null);
    MetricKey key =
        new MetricKey(
            name.get("name").asText(),
            name.hasNonNull("split") ? name.get("split").asText() : null,
            name.hasNonNull("sub_split") ? name.get("sub_split").asText() : null,
            perturbation);
    long count = n.get("count").asLong();
    return new Stat(
        key,
        count,
        n.get("sum").asDouble(),
        n.get("sum_squared").asDouble(),
        count == 0 ? Double.NaN : n.get("min").asDouble(),
        count == 0 ? Double.NaN : n.get("max").asDouble());
  }

  private static void assertSameJson(JsonNode ours, JsonNode helm, String where) {
    if (helm.isNumber()) {
      assertThat(ours.isNumber()).as(where).isTrue();
      double h = helm.asDouble();
      assertThat(ours.asDouble())
          .as(where)
          .isCloseTo(h, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(h))));
      return;
    }
    if (helm.isObject()) {
      List<String> helmKeys = new ArrayList<>();
      helm.fieldNames().forEachRemaining(helmKeys::add);
      List<String> ourKeys = new ArrayList<>();
      for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
        ourKeys.add(it.next());
      }
      assertThat(ourKeys).as(where).containsExactlyElementsOf(helmKeys);
      for (String k : helmKeys) {
        assertSameJson(ours.get(k), helm.get(k), where + "." + k);
      }
      return;
    }
    assertThat(ours).as(where).isEqualTo(helm);
  }
}
