package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.MetricKey;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SharedFiles;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.efficiency.EfficiencyMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Re-scores the request states of the real HELM runs ({@code shared/reference/helm-runs}, with
 * their token log-probabilities) and compares {@code logprob}, {@code num_perplexity_tokens},
 * {@code num_bytes}, {@code perplexity}, {@code bits_per_byte} and {@code logprob_per_byte} with
 * HELM's {@code stats.json} (run #4 has real log-probabilities).
 */
class HelmRunPerplexityTests {
  private static final Set<String> NAMES =
      Set.of(
          "logprob",
          "num_perplexity_tokens",
          "num_bytes",
          "perplexity",
          "bits_per_byte",
          "logprob_per_byte");

  @TestFactory
  Stream<DynamicTest> matchesHelmStats() throws IOException {
    List<Path> runs =
        SharedFiles.helmRuns("stats.json").stream()
            .filter(HelmRunPerplexityTests::hasPerplexity)
            .toList();
    assertThat(runs).isNotEmpty();
    return runs.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  /** Runs whose stats.json has HELM's perplexity (the LLM-judge runs have none). */
  private static boolean hasPerplexity(Path dir) {
    try {
      Path stats = dir.resolve("stats.json");
      return Files.exists(stats) && Files.readString(stats).contains("\"perplexity\"");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void check(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (JsonNode rs :
        json.readTree(dir.resolve("scenario_state.json").toFile()).get("request_states")) {
      JsonNode in = rs.get("instance");
      Instance instance =
          Instance.of(
              in.get("id").asText(),
              "x",
              List.of(Reference.correct("y")),
              Split.fromHelmName(in.get("split").asText()));
      List<Completion> completions = new ArrayList<>();
      for (JsonNode c : rs.get("result").get("completions")) {
        List<Token> tokens = new ArrayList<>();
        c.get("tokens")
            .forEach(
                t -> tokens.add(new Token(t.get("text").asText(), t.get("logprob").asDouble())));
        completions.add(
            new Completion(c.get("text").asText(), c.get("logprob").asDouble(), tokens, null));
      }
      Request request = new Request("d/m", "p", 0, 1, 1, 1, List.of(), false, null);
      outcomes.add(
          new RequestOutcome(
              new RequestState(
                  instance,
                  rs.get("train_trial_index").asInt(),
                  null,
                  null,
                  request,
                  Map.of(),
                  0,
                  false),
              RequestResult.success(completions, 1)));
    }
    RunStats stats =
        StatsAggregator.aggregate(
            outcomes,
            List.of(new LanguageModelingMetric(), new PerplexityMetric(), new EfficiencyMetric()));
    int compared = 0;
    for (JsonNode s : json.readTree(dir.resolve("stats.json").toFile())) {
      JsonNode name = s.get("name");
      if (!NAMES.contains(name.get("name").asText())
          || name.has("perturbation")
          || name.has("sub_split")) {
        continue;
      }
      MetricKey key =
          new MetricKey(name.get("name").asText(), name.get("split").asText(), null, null);
      Stat ours = stats.find(key).orElseThrow(() -> new AssertionError("missing " + key));
      assertThat(ours.mean()).as(key.toString()).isCloseTo(s.get("mean").asDouble(), within(1e-12));
      compared++;
    }
    assertThat(compared).isPositive();
  }
}
