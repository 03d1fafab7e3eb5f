package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.MetricKey;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Split;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SharedFiles;
import dev.prism.metrics.StatsAggregator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HELM {@code metrics/test_classification_metrics.py}. */
class ClassificationF1Tests {
  private static final String[][] CASES = {
    {"yes", "yes"},
    {"yes ", "yes"},
    {"yeS", "yes"},
    {"yes", "no"},
    {"no", "yes"},
    {"no", "no"},
    {"invalid", "no"}
  };

  @Test
  void yesAndNoPinned() {
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CASES.length; i++) {
      outcomes.add(outcome("id" + i, CASES[i][0], List.of(CASES[i][1])));
    }
    RunStats run = StatsAggregator.aggregate(outcomes, List.of(new ClassificationF1()));
    assertThat(mean(run, "classification_macro_f1")).isCloseTo(0.575, within(1e-12));
    assertThat(mean(run, "classification_micro_f1")).isCloseTo(0.6153846153846153, within(1e-12));
  }

  @Test
  void vectorsFromSharedFile() throws IOException {
    List<JsonNode> vectors = SharedFiles.vectors("classification_f1");
    assertThat(vectors).hasSize(2);
    for (JsonNode node : vectors) {
      List<RequestOutcome> outcomes = new ArrayList<>();
      int i = 0;
      for (JsonNode row : node.get("inputs").get("predictions_and_gold")) {
        List<String> golds = new ArrayList<>();
        row.get(1).forEach(g -> golds.add(g.asText()));
        outcomes.add(outcome("id" + i++, row.get(0).asText(), golds));
      }
      RunStats run = StatsAggregator.aggregate(outcomes, List.of(new ClassificationF1()));
      JsonNode expected = node.get("expected");
      for (String name : List.of("classification_macro_f1", "classification_micro_f1")) {
        assertThat(mean(run, name)).as(name).isCloseTo(expected.get(name).asDouble(), within(1e-9));
      }
    }
  }

  private static RequestOutcome outcome(String id, String pred, List<String> golds) {
    List<Reference> refs = new ArrayList<>();
    golds.forEach(g -> refs.add(Reference.correct(g)));
    return Fixtures.outcome(Fixtures.instance(id, refs, Split.TEST, null, null), pred);
  }

  private static double mean(RunStats run, String name) {
    return run.find(new MetricKey(name, "test", null, null)).orElseThrow().mean();
  }
}
