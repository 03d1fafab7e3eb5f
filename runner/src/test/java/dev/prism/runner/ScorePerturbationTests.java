package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved predictions with perturbed variants are reported the HELM way (computed_on in the name).
 */
class ScorePerturbationTests {
  @TempDir Path dir;

  @Test
  void perturbedPredictionsGiveOriginalPerturbedAndWorstCaseStats() throws Exception {
    String ref = "\"references\":[{\"output\":{\"text\":\"Paris\"},\"tags\":[\"correct\"]}]";
    String typos = "\"perturbation\":{\"name\":\"typos\",\"robustness\":true,\"fairness\":false}";
    Path instances = dir.resolve("i.jsonl");
    Files.write(
        instances,
        List.of(
            "{\"id\":\"id0\",\"input\":{\"text\":\"Capital of France?\"},"
                + ref
                + ",\"split\":\"test\"}",
            "{\"id\":\"id0\",\"input\":{\"text\":\"Captial of Frnace?\"},"
                + ref
                + ",\"split\":\"test\","
                + typos
                + "}",
            "{\"id\":\"id1\",\"input\":{\"text\":\"Capital of Italy?\"},"
                + "\"references\":[{\"output\":{\"text\":\"Rome\"},\"tags\":[\"correct\"]}],"
                + "\"split\":\"test\"}"));
    Path predictions = dir.resolve("p.jsonl");
    Files.write(
        predictions,
        List.of(
            "{\"instance_id\":\"id0\",\"completions\":[{\"text\":\"Paris\"}]}",
            "{\"instance_id\":\"id0\",\"perturbation\":\"typos\",\"completions\":[{\"text\":\"Lyon\"}]}",
            "{\"instance_id\":\"id1\",\"completions\":[{\"text\":\"Rome\"}]}"));
    Cli cli =
        Cli.run(
            "score",
            "--scenario",
            instances.toString(),
            "--predictions",
            predictions.toString(),
            "--metrics",
            "exact_match",
            "--format",
            "json");
    assertThat(cli.exit()).as(cli.err()).isZero();
    Map<String, Double> byName = new HashMap<>();
    for (JsonNode stat : new ObjectMapper().readTree(cli.out())) {
      JsonNode name = stat.get("name");
      if (!name.path("name").asText().equals("exact_match")) {
        continue;
      }
      JsonNode p = name.get("perturbation");
      String key =
          p == null ? "none" : p.path("name").asText() + "/" + p.path("computed_on").asText();
      byName.put(key, stat.get("mean").asDouble());
    }
    assertThat(byName)
        .containsEntry("none", 1.0)
        .containsEntry("typos/perturbed", 0.0)
        .containsEntry("typos/original", 1.0)
        .containsEntry("typos/worst", 0.0)
        .containsEntry("robustness/worst", 0.5);
  }

  @Test
  void perturbationsOptionAddsTheCopiesThePredictionsAnswer() throws Exception {
    Path instances = dir.resolve("orig.jsonl");
    Files.write(
        instances,
        List.of(
            "{\"id\":\"id0\",\"input\":{\"text\":\"Capital Of France?\"},"
                + "\"references\":[{\"output\":{\"text\":\"Paris\"},\"tags\":[\"correct\"]}],"
                + "\"split\":\"test\"}"));
    Path predictions = dir.resolve("p2.jsonl");
    Files.write(
        predictions,
        List.of(
            "{\"instance_id\":\"id0\",\"completions\":[{\"text\":\"Paris\"}]}",
            "{\"instance_id\":\"id0\",\"perturbation\":\"lowercase\","
                + "\"completions\":[{\"text\":\"paris\"}]}"));
    Cli cli =
        Cli.run(
            "score",
            "--scenario",
            instances.toString(),
            "--predictions",
            predictions.toString(),
            "--metrics",
            "exact_match",
            "--perturbations",
            "lowercase",
            "--format",
            "json");
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.err()).doesNotContain("no saved prediction");
    assertThat(cli.out()).contains("\"computed_on\" : \"worst\"").contains("lowercase");
  }
}
