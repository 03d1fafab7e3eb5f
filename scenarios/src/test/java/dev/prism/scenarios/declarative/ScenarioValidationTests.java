package dev.prism.scenarios.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import dev.prism.core.PromptMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeclarativeScenario#validate} collects every problem; {@code fromYaml} names the first.
 */
class ScenarioValidationTests {
  private static final String OK_LINE =
      "{\"input\": {\"text\": \"q\"}, \"references\": [{\"output\": {\"text\": \"a\"}, \"tags\":"
          + " [\"correct\"]}], \"split\": \"test\"}";
  private static final Consumer<String> ANY_METRIC = name -> {};

  @TempDir Path dir;
  private Path yaml;

  @BeforeEach
  void instances() throws IOException {
    Files.writeString(dir.resolve("qa.jsonl"), OK_LINE + "\n");
    yaml = dir.resolve("s.yaml");
  }

  @Test
  void threeDifferentMistakesAreThreeLinesWithTheirLineNumbers() throws IOException {
    Files.writeString(
        yaml,
        """
        name: acme/qa
        descripton: Questions
        instances:
          - qa.jsonl
          - missing.jsonl
        prompt_format:
          method: genration
          max_tokens: 5
        """);

    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .containsExactly(
            yaml
                + ":2: unknown key 'descripton' in scenario file. Did you mean 'description'?"
                + " Valid keys: name, description, instances, columns, prompt_format, metrics,"
                + " main_metric",
            yaml
                + ":5: instances file 'missing.jsonl' not found (looked for "
                + dir.resolve("missing.jsonl").toAbsolutePath()
                + "). Paths are relative to the scenario file's folder",
            yaml
                + ":7: unknown method 'genration'. Did you mean 'generation'? Valid methods: "
                + String.join(
                    ", ",
                    Arrays.stream(PromptMethod.values()).map(PromptMethod::helmName).toList()));
  }

  @Test
  void fromYamlFailsWithTheFirstProblemAndCountsTheRest() throws IOException {
    Files.writeString(
        yaml, "name: acme/qa\ninstances: nope.jsonl\nprompt_format:\n  max_tokens: -1\n  foo: 1\n");

    assertThatThrownBy(() -> DeclarativeScenario.fromYaml(yaml))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            yaml
                + ":2: instances file 'nope.jsonl' not found (looked for "
                + dir.resolve("nope.jsonl").toAbsolutePath()
                + ") (and 2 more; run prism validate "
                + yaml
                + ")")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Paths are relative to the scenario file's folder");
  }

  @Test
  void aMisspeltKeyIsNotAlsoReportedMissing() throws IOException {
    Files.writeString(yaml, "nmae: acme/qa\ninstance: qa.jsonl\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("unknown key"));

    Files.writeString(dir.resolve("mc.csv"), "q,A,B,ans\nx,1,2,A\n");
    Files.writeString(
        yaml,
        "name: acme/mc\ninstances: mc.csv\ncolumns:\n  input: q\n  choises: [A, B]\n"
            + "  answer_letter: ans\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .singleElement()
        .asString()
        .startsWith(yaml + ":5: unknown key 'choises' in columns. Did you mean 'choices'?");
  }

  @Test
  void unrelatedUnknownKeysDoNotHideAMissingOne() throws IOException {
    Files.writeString(yaml, "name: acme/qa\ncolour: blue\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .containsExactly(
            yaml
                + ":1: missing key 'instances'. Name the JSONL or CSV file(s), e.g. 'instances:"
                + " data.jsonl'",
            yaml
                + ":2: unknown key 'colour' in scenario file. Valid keys: name, description,"
                + " instances, columns, prompt_format, metrics, main_metric");
  }

  @Test
  void everyBadValueOfOneMappingIsReported() throws IOException {
    Files.writeString(
        yaml,
        """
        name: capitals
        instances: qa.jsonl
        prompt_format:
          max_tokens: ten
          temperature: -1
          stop_sequences: ["ok", 3, false]
        metrics: []
        main_metric: 7
        """);
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .extracting(line -> line.substring(yaml.toString().length(), line.indexOf(' ')))
        .containsExactly(":1:", ":4:", ":5:", ":6:", ":6:", ":7:", ":8:");
  }

  @Test
  void yamlAndInstanceProblemsAreListedTogether() throws IOException {
    Path jsonl = dir.resolve("qa.jsonl");
    Files.writeString(jsonl, OK_LINE + "\n{\"input\": {}}\n");
    Files.writeString(yaml, "name: acme/qa\ninstances: qa.jsonl\nmain_metric: [a]\n");

    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).startsWith(yaml + ":3: 'main_metric' must be text");
              assertThat(lines.get(1)).startsWith(jsonl + ":2: ");
            });
  }

  @Test
  void csvRowsAreCheckedWhenTheMappingIsSoundEvenIfTheRestIsNot() throws IOException {
    Path csv = dir.resolve("qa.csv");
    Files.writeString(csv, "question,answer\nq,a\n,b\n");
    Files.writeString(
        yaml,
        "name: acme/qa\ninstances: [qa.csv, gone.csv]\n"
            + "columns: {input: question, correct: answer}\nprompt_format: {num_outputs: 0}\n");

    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .extracting(line -> line.substring(0, line.indexOf(": ")))
        .containsExactly(yaml + ":2", yaml + ":4", csv + ":3");

    Files.writeString(
        yaml, "name: acme/qa\ninstances: qa.csv\ncolumns: {input: question, correct: 3}\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .as("a broken mapping cannot read the rows; only the mapping is reported")
        .containsExactly(
            yaml
                + ":3: 'columns.correct' must be a column name, got the number 3. Put the name in"
                + " quotes if it looks like a number");
  }

  @Test
  void metricNamesAreCheckedAtTheirLines() throws IOException {
    Files.writeString(
        yaml, "name: acme/qa\ninstances: qa.jsonl\nmetrics:\n  - accuracy\n  - acuracy\n");
    Consumer<String> known =
        name -> {
          if (!List.of("accuracy", "efficiency").contains(name)) {
            throw new PrismUserException(
                "unknown metric '" + name + "'", "Did you mean 'accuracy'?");
          }
        };

    assertThat(DeclarativeScenario.validate(yaml, known))
        .containsExactly(yaml + ":5: unknown metric 'acuracy'. Did you mean 'accuracy'?");
    assertThat(DeclarativeScenario.fromYaml(yaml).metrics())
        .as("fromYaml does not know the metrics; the run resolves them")
        .containsExactly("accuracy", "acuracy");
  }

  @Test
  void duplicateKeysAndASecondDocumentAreCollectedWithTheRest() throws IOException {
    Files.writeString(
        yaml,
        "name: acme/qa\ninstances: qa.jsonl\nname: acme/other\nmetrics: 3\n---\nname: acme/x\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .containsExactly(
            yaml + ":3: duplicate key 'name' (first on line 1). Remove one of them",
            yaml + ":4: expected a list of text like [\"a\", \"b\"], got the number 3",
            yaml
                + ":6: more than one YAML document. Keep one scenario per file and remove the"
                + " '---' separator");
  }

  @Test
  void yamlSyntaxIsOneProblemWithLineAndColumn() throws IOException {
    Files.writeString(yaml, "name: acme/qa\ninstances: [qa.jsonl\nmetrics: [accuracy]\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC))
        .singleElement()
        .asString()
        .matches(java.util.regex.Pattern.quote(yaml.toString()) + ":\\d+:\\d+: bad YAML: .*");
  }

  @Test
  void aValidFileHasNoProblems() throws IOException {
    Files.writeString(
        yaml, "name: acme/qa\ninstances: qa.jsonl\nprompt_format: {method: generation}\n");
    assertThat(DeclarativeScenario.validate(yaml, ANY_METRIC)).isEmpty();
    assertThat(DeclarativeScenario.fromYaml(yaml).id()).isEqualTo("acme/qa");
  }
}
