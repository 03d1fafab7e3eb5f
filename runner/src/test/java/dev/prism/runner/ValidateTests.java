package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism validate} reports every problem at once, each with its line. */
class ValidateTests {
  @TempDir Path dir;

  @Test
  void threeDifferentMistakesAreAllReportedWithLineNumbers() throws Exception {
    String ok =
        "{\"id\":\"id%d\",\"input\":{\"text\":\"q\"},"
            + "\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}";
    Path file = dir.resolve("data.jsonl");
    Files.write(
        file,
        List.of(
            String.format(ok, 0),
            "{\"id\":\"id1\",\"input\":{\"text\":\"q\"},\"references\":[",
            String.format(ok, 2),
            "{\"id\":\"id3\",\"input\":{\"text\":\"q\"},\"split\":\"test\"}",
            "{\"id\":\"id4\",\"input\":{\"text\":\"q\"},\"references\":[],\"split\":\"dev\"}"));
    Cli cli = Cli.run("validate", file.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out())
        .contains("data.jsonl:2:")
        .contains("data.jsonl:4:")
        .contains("data.jsonl:5:");
    assertThat(cli.err()).contains("3 problem(s)");
  }

  @Test
  void scenarioFileWithThreeDifferentMistakesListsExactlyThoseThree() throws Exception {
    Files.writeString(dir.resolve("qa.jsonl"), okLine(0) + "\n");
    Path yaml = dir.resolve("my.yaml");
    Files.writeString(
        yaml,
        """
        name: acme/qa
        instancs: qa.jsonl
        prompt_format:
          method: multiple_choice
        metrics: [accuracy, acuracy]
        """);
    Cli cli = Cli.run("validate", yaml.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out().lines())
        .extracting(line -> line.substring(0, line.indexOf(". ")))
        .containsExactly(
            yaml + ":2: unknown key 'instancs' in scenario file",
            yaml + ":4: unknown method 'multiple_choice'",
            yaml + ":5: unknown metric 'acuracy'");
    assertThat(cli.out())
        .contains("Did you mean 'instances'?")
        .contains("Did you mean 'accuracy'?");
    assertThat(cli.err()).contains("3 problem(s) in 1 file(s)");
  }

  @Test
  void scenarioAndInstanceProblemsAreListedTogether() throws Exception {
    Path jsonl = dir.resolve("qa.jsonl");
    Files.write(jsonl, List.of(okLine(0), "{\"id\":\"id1\",\"input\":{\"text\":\"q\"}}"));
    Path yaml = dir.resolve("my.yaml");
    Files.writeString(
        yaml, "name: acme/qa\ninstances: [qa.jsonl, gone.jsonl]\nprompt_format: {max_tokens: x}\n");
    Cli cli = Cli.run("validate", yaml.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out().lines())
        .extracting(line -> line.substring(0, line.indexOf(": ")))
        .containsExactly(yaml + ":2", yaml + ":3", jsonl + ":2");
  }

  @Test
  void runStopsAtAScenarioFileProblemAndCountsTheRest() throws Exception {
    Path yaml = dir.resolve("my.yaml");
    Files.writeString(yaml, "name: acme/qa\ninstances: gone.jsonl\nmetrics: 3\n");
    Cli cli =
        Cli.run("run", yaml + ":model=simple/echo", "--output", dir.resolve("out").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err())
        .contains(yaml + ":2: instances file 'gone.jsonl' not found")
        .contains("(and 1 more; run prism validate " + yaml + ")");
  }

  @Test
  void runNamesTheScenarioFileOfAnUnknownMetric() throws Exception {
    Path yaml = dir.resolve("tiny.yaml");
    Files.writeString(
        yaml, "name: acme/tiny\ninstances: [data.jsonl]\nmetrics: [exact_match, exact_mach]\n");
    Files.writeString(
        dir.resolve("data.jsonl"),
        "{\"input\":{\"text\":\"1+1?\"},\"references\":[{\"output\":{\"text\":\"2\"},"
            + "\"tags\":[\"correct\"]}]}\n");
    Cli cli =
        Cli.run("run", yaml + ":model=simple/echo", "--output", dir.resolve("out").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err())
        .contains(yaml + ": unknown metric 'exact_mach'")
        .contains("Did you mean 'exact_match'?")
        .contains("'prism validate " + yaml + "' names the line");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void deploymentsFileListsEveryProblem() throws Exception {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        """
        model_deployments:
          - name: local/a
            adapter: openai-compatible
            max_sequence_lenght: 4096
          - name: local/b
            adapter: openai-compatible
            max_sequence_length: -5
          - name: local/c
            adapter: openai-compatible
            max_sequence_length: 4096
            max_concurrency: many
        """);
    Cli cli = Cli.run("validate", models.toString(), dir.resolve("nope.yaml").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out())
        .contains(models + ":4:")
        .contains(models + ":7:")
        .contains(models + ":11:");
    assertThat(cli.out()).contains("nope.yaml: no such file");
  }

  @Test
  void validScenarioFileSaysSo() throws Exception {
    Files.writeString(dir.resolve("qa.jsonl"), okLine(0) + "\n");
    Path yaml = dir.resolve("my.yaml");
    Files.writeString(yaml, "name: acme/qa\ninstances: qa.jsonl\nmetrics: [accuracy]\n");
    Cli cli = Cli.run("validate", yaml.toString());
    assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("1 file(s) valid" + System.lineSeparator());
  }

  private static String okLine(int i) {
    return "{\"id\":\"id"
        + i
        + "\",\"input\":{\"text\":\"q\"},"
        + "\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
        + "\"split\":\"test\"}";
  }

  @Test
  void validFileSaysSo() throws Exception {
    Path file = dir.resolve("ok.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"id0\",\"input\":{\"text\":\"q\"},"
            + "\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}\n");
    Cli cli = Cli.run("validate", file.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("1 file(s) valid");
  }
}
