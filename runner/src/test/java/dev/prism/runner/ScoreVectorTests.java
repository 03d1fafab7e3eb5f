package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code prism score --format json} reproduces HELM's values for the accuracy cases of
 * helm-test-vectors.json, through the whole CLI path (instances file, predictions file, metrics,
 * aggregation, stats.json output).
 */
class ScoreVectorTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ACCURACY =
      Set.of("exact_match", "exact_match_indicator", "final_number_exact_match");

  @TempDir Path dir;

  /** The cases pinned from helm-test-vectors.json, so the test runs without shared/. */
  static Stream<Arguments> pinned() {
    return Stream.of(
        Arguments.of("exact_match", "33", "33", 1),
        Arguments.of("exact_match", "33", "33 ", 1),
        Arguments.of("exact_match", "33", "34", 0),
        Arguments.of("exact_match_indicator", "33", "33", 1),
        Arguments.of("exact_match_indicator", "33", "stuff 33", 1),
        Arguments.of("exact_match_indicator", "stuff 33", "33", 1),
        Arguments.of("exact_match_indicator", "33", "33 stuff", 0),
        Arguments.of("final_number_exact_match", "33", "33", 1),
        Arguments.of("final_number_exact_match", "33", "33 eggs.", 1),
        Arguments.of("final_number_exact_match", "33", "-33", 0),
        Arguments.of("final_number_exact_match", "-33", "-33", 1),
        Arguments.of("final_number_exact_match", "The answer is 33", "\\boxed{33}", 1),
        Arguments.of("final_number_exact_match", "The answer is 33", "\\boxed{33} and 34", 0),
        Arguments.of("final_number_exact_match", "34.2", "2", 0),
        Arguments.of("final_number_exact_match", "342", "342.", 1),
        Arguments.of("final_number_exact_match", "3,420", "3420", 1));
  }

  @ParameterizedTest(name = "{0}(gold={1}, pred={2}) = {3}")
  @MethodSource("pinned")
  void scoreGivesHelmValue(String metric, String gold, String pred, double expected)
      throws IOException {
    assertThat(score(metric, gold, pred)).isEqualTo(expected);
  }

  @Test
  void everyAccuracyCaseInTheSharedVectorFile() throws IOException {
    Path file = vectorFile();
    Assumptions.assumeTrue(file != null, "shared/reference/helm-test-vectors.json not found");
    int checked = 0;
    for (JsonNode c : JSON.readTree(file.toFile())) {
      String metric = c.path("metric").asText();
      if (ACCURACY.contains(metric)) {
        String gold = c.path("inputs").path("gold").asText();
        String pred = c.path("inputs").path("pred").asText();
        assertThat(score(metric, gold, pred))
            .as("%s(%s, %s)", metric, gold, pred)
            .isEqualTo(c.path("expected").asDouble());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(16);
  }

  private double score(String metric, String gold, String pred) throws IOException {
    Path work = Files.createTempDirectory(dir, "case");
    ObjectNode instance = JSON.createObjectNode();
    instance.put("id", "id0");
    instance.putObject("input").put("text", "question");
    ObjectNode ref = instance.putArray("references").addObject();
    ref.putObject("output").put("text", gold);
    ref.putArray("tags").add("correct");
    instance.put("split", "test");
    ObjectNode prediction = JSON.createObjectNode();
    prediction.put("instance_id", "id0");
    prediction.putArray("completions").addObject().put("text", pred);
    Path instances = work.resolve("instances.jsonl");
    Path predictions = work.resolve("predictions.jsonl");
    Files.writeString(instances, instance + "\n");
    Files.writeString(predictions, prediction + "\n");

    Cli cli =
        Cli.run(
            "score",
            "--scenario",
            instances.toString(),
            "--predictions",
            predictions.toString(),
            "--metrics",
            metric,
            "--format",
            "json");
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<Double> means = new ArrayList<>();
    for (JsonNode stat : JSON.readTree(cli.out())) {
      JsonNode name = stat.path("name");
      if (name.path("name").asText().equals(metric)
          && name.path("split").asText().equals("test")
          && !name.has("perturbation")) {
        assertThat(stat.path("count").asLong()).isEqualTo(1);
        means.add(stat.path("mean").asDouble());
      }
    }
    assertThat(means).hasSize(1);
    return means.get(0);
  }

  static Path vectorFile() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null) {
      Path f = d.resolve("shared/reference/helm-test-vectors.json");
      if (Files.exists(f)) {
        return f;
      }
      d = d.getParent();
    }
    return null;
  }
}
