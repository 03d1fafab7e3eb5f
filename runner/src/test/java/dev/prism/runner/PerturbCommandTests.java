package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.metrics.code.PythonSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  /** HELM's synonym test sentence and what HELM's synonym(prob=1.0) makes of it. */
  private static final String SENTENCE = "This was a good movie, would watch again.";

  private static final String HELM_SYNONYM =
      "This was a near motion-picture show, would check once more.";

  /** The fixture resources (HELM's formats) and fake spaCy of the scenarios module's tests. */
  private static final Path PERTURBATION_TESTS =
      Path.of("../scenarios/src/test/resources/dev/prism/scenarios/perturbation")
          .toAbsolutePath()
          .normalize();

  @Test
  void synonymTagsWithSpacyThroughPythonAndNamesThePipCommandWithoutIt() throws Exception {
    PythonSandbox.Availability python = PythonSandbox.shared();
    assumeTrue(
        python.sandbox() != null || !python.problem().startsWith("python3 was not found"),
        "python3 is not on PATH; skipped");
    Path site = Files.createDirectories(dir.resolve("site/spacy"));
    Files.copy(PERTURBATION_TESTS.resolve("fake_spacy/__init__.py"), site.resolve("__init__.py"));
    Path instances = dir.resolve("i.jsonl");
    Files.writeString(
        instances,
        "{\"id\":\"id0\",\"input\":{\"text\":\""
            + SENTENCE
            + "\"},\"references\":[{\"output\":{\"text\":\"x\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}\n");
    String[] args = {
      "perturb",
      "--perturbation",
      "synonym:prob=1.0",
      "--scenario",
      instances.toString(),
      "--data-dir",
      PERTURBATION_TESTS.resolve("data").toString()
    };

    Cli cli = Cli.child(dir, "synonym", Map.of("PYTHONPATH", site.getParent().toString()), args);
    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode copy = new ObjectMapper().readTree(cli.out().lines().findFirst().orElseThrow());
    assertThat(copy.path("input").path("text").asText()).isEqualTo(HELM_SYNONYM);
    assertThat(copy.path("perturbation").path("name").asText()).isEqualTo("synonym");

    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("spacy.py"), "raise ImportError('No module named spacy')\n");
    Cli missing = Cli.child(dir, "missing", Map.of("PYTHONPATH", broken.toString()), args);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .contains("spaCy is not installed for this Python")
        .contains("python3 -m pip install spacy && python3 -m spacy download en_core_web_sm");
  }

  @Test
  void unknownPerturbationIsAUserErrorWithSuggestion() {
    Cli cli = Cli.run("perturb", "--perturbation", "typo", "--scenario", "prism/mini_mcqa");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("typos");
  }
}
