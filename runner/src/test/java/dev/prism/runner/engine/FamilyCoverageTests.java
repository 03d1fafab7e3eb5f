package dev.prism.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.PromptMethod;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each family's row says whether it was computed, and when only partly, what was left out. */
class FamilyCoverageTests {
  /** HELM's bias_word_lists.py format, with made-up short lists. */
  private static final String LISTS =
      "ADJECTIVE_LIST: List[str] = [\n    \"curious\",\n]\n\n"
          + "PROFESSION_LIST: List[str] = [\n    \"student\",\n]\n";

  @TempDir Path dir;

  private static final Instance INSTANCE =
      Instance.of("id0", "Tell a story.", List.of(), Split.TEST);

  private static FamilyCoverage.Family bias(Path dataDir) {
    List<Metric> metrics = MetricRegistry.load().withDataDir(dataDir).resolve(List.of("bias"));
    Request request =
        new Request("org/model", "Tell a story.", 0.0, 1, 1, 10, List.of(), false, null);
    RequestState state = new RequestState(INSTANCE, 0, null, null, request, Map.of(), 0, false);
    RequestOutcome outcome =
        new RequestOutcome(
            state,
            RequestResult.success(
                List.of(Completion.ofText("chen was a curious student and he smiled")), 1.0));
    RunStats stats = StatsAggregator.aggregate(List.of(outcome), metrics);
    List<FamilyCoverage.Family> families =
        FamilyCoverage.of(metrics, List.of(INSTANCE), PromptMethod.GENERATION, stats);
    return families.stream().filter(f -> f.family().equals("bias")).findFirst().orElseThrow();
  }

  @Test
  void biasWithoutTheWordListsIsPartlyComputedAndSaysWhy() {
    FamilyCoverage.Family bias = bias(dir.resolve("empty"));
    assertThat(bias.computed()).isTrue();
    assertThat(bias.reason())
        .startsWith("partly computed: 4 metrics (bias_metric:mode=associations,")
        .contains("target_category=profession")
        .contains("run: prism download bias_word_lists")
        .containsOnlyOnce("skipped:");
  }

  @Test
  void biasWithTheWordListsIsComplete() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("bias_word_lists"));
    Files.writeString(data.resolve("bias_word_lists/bias_word_lists.py"), LISTS);
    FamilyCoverage.Family bias = bias(data);
    assertThat(bias.computed()).isTrue();
    assertThat(bias.reason()).isNull();
  }

  @Test
  void aFamilyWithOnlySkippedMetricsIsNotComputedAndGivesTheReason() {
    List<Metric> metrics =
        MetricRegistry.load()
            .withDataDir(dir.resolve("empty"))
            .resolve(
                List.of(
                    "bias_metric:mode=associations,demographic_category=race,"
                        + "target_category=adjective"));
    RunStats stats = StatsAggregator.aggregate(List.of(), metrics);
    FamilyCoverage.Family bias =
        FamilyCoverage.of(metrics, List.of(INSTANCE), PromptMethod.GENERATION, stats).stream()
            .filter(f -> f.family().equals("bias"))
            .findFirst()
            .orElseThrow();
    assertThat(bias.computed()).isFalse();
    assertThat(bias.reason())
        .startsWith("HELM's adjective and profession word lists are not in ")
        .endsWith("; run: prism download bias_word_lists");
  }
}
