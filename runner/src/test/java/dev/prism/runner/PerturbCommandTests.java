package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbCommandTests {
  @TempDir Path dir;

  @Test
  void printsPerturbedCopiesAsHelmInstanceJsonl() throws Exception {
    Path instances = dir.resolve("i.jsonl");
    Files.write(
        instances,
        List.of(
            "{\"id\":\"id0\",\"input\":{\"text\":\"He Said It Is Fine\"},"
                + "\"references\":[{\"output\":{\"text\":\"x\"},\"tags\":[\"correct\"]}],"
                + "\"split\":\"test\"}",
            "{\"id\":\"id1\",\"input\":{\"text\":\"already lower\"},"
                + "\"references\":[{\"output\":{\"text\":\"x\"},\"tags\":[\"correct\"]}],"
                + "\"split\":\"test\"}"));
    Cli cli = Cli.run("perturb", "--perturbation", "lowercase", "--scenario", instances.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode copy = new ObjectMapper().readTree(lines.get(0));
    assertThat(copy.path("id").asText()).isEqualTo("id0");
    assertThat(copy.path("input").path("text").asText()).isEqualTo("he said it is fine");
    assertThat(copy.path("perturbation").path("name").asText()).isEqualTo("lowercase");

    Cli all =
        Cli.run(
            "perturb",
            "--perturbation",
            "lowercase",
            "--scenario",
            instances.toString(),
            "--include-unchanged");
    assertThat(all.out().lines().count()).isEqualTo(2);
  }

  @Test
  void unknownPerturbationIsAUserErrorWithSuggestion() {
    Cli cli = Cli.run("perturb", "--perturbation", "typo", "--scenario", "prism/mini_mcqa");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("typos");
  }
}
