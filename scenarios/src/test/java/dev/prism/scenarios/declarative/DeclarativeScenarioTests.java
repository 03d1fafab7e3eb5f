package dev.prism.scenarios.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.ScenarioContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarativeScenarioTests {
  private static final String LINE =
      "{\"input\": {\"text\": \"Capital of %s?\"}, \"references\": [{\"output\": {\"text\":"
          + " \"%s\"}, \"tags\": [\"correct\"]}], \"split\": \"%s\"}";

  @TempDir Path dir;
  private ScenarioContext noArgs;

  @BeforeEach
  void instanceFiles() throws IOException {
    noArgs = new ScenarioContext(Map.of(), dir);
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        dir.resolve("data/capitals.jsonl"),
        String.format(LINE, "France", "Paris", "train")
            + "\n"
            + String.format(LINE, "Peru", "Lima", "test")
            + "\n");
    Files.writeString(
        dir.resolve("data/more.jsonl"), String.format(LINE, "Japan", "Tokyo", "test") + "\n");
  }

  @Test
  void loadsEveryField() throws IOException {
    Path yaml =
        write(
            """
            name: acme/capitals            # id
            description: Capital cities
            instances: data/capitals.jsonl
            prompt_format:
              method: multiple_choice_joint
              global_prefix: "<s>"
              global_suffix: "</s>"
              instructions: "Answer the question.\\n"
              input_prefix: "Question: "
              input_suffix: "\\n"
              reference_prefix: "(a) "
              reference_suffix: "\\n"
              output_prefix: "Answer: "
              output_suffix: "\\n"
              instance_prefix: "\\n\\n"
              max_train_instances: 2
              max_eval_instances: 100
              num_outputs: 1
              num_train_trials: 3
              sample_train: false
              temperature: 0.7
              max_tokens: 10
              stop_sequences: ["\\n", "###"]
              multi_label: true
            metrics: [accuracy, efficiency]
            main_metric: quasi_exact_match
            """);

    DeclarativeScenario s = DeclarativeScenario.fromYaml(yaml);

    assertThat(s.id()).isEqualTo("acme/capitals");
    assertThat(s.description()).isEqualTo("Capital cities");
    assertThat(s.metrics()).containsExactly("accuracy", "efficiency");
    assertThat(s.mainMetric()).isEqualTo("quasi_exact_match");
    assertThat(s.promptFormat())
        .isEqualTo(
            PromptFormat.defaults().toBuilder()
                .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
                .globalPrefix("<s>")
                .globalSuffix("</s>")
                .instructions("Answer the question.\n")
                .inputPrefix("Question: ")
                .inputSuffix("\n")
                .referencePrefix("(a) ")
                .referenceSuffix("\n")
                .outputPrefix("Answer: ")
                .outputSuffix("\n")
                .instancePrefix("\n\n")
                .maxTrainInstances(2)
                .maxEvalInstances(100)
                .numOutputs(1)
                .numTrainTrials(3)
                .sampleTrain(false)
                .temperature(0.7)
                .maxTokens(10)
                .stopSequences(List.of("\n", "###"))
                .multiLabel(true)
                .build());
    assertThat(s.instances(noArgs))
        .extracting(Instance::input)
        .containsExactly("Capital of France?", "Capital of Peru?");
  }

  @Test
  void defaultsAndSeveralInstanceFiles() throws IOException {
    Path yaml =
        write(
            """
            name: acme/capitals
            instances:
              - data/capitals.jsonl
              - data/more.jsonl
            """);

    DeclarativeScenario s = DeclarativeScenario.fromYaml(yaml);

    assertThat(s.promptFormat()).isEqualTo(PromptFormat.defaults());
    assertThat(s.metrics()).containsExactly("accuracy");
    assertThat(s.mainMetric()).isEqualTo("exact_match");
    assertThat(s.description()).isEqualTo("Instances from capitals.jsonl");
    assertThat(s.instanceFiles())
        .containsExactly(
            dir.resolve("data/capitals.jsonl").toAbsolutePath(),
            dir.resolve("data/more.jsonl").toAbsolutePath());
    assertThat(s.instances(noArgs)).extracting(Instance::id).containsExactly("id0", "id1", "id2");
  }

  @Test
  void temperatureMayBeWrittenAsAWholeNumber() throws IOException {
    Path yaml = write("name: a/b\ninstances: data/more.jsonl\nprompt_format:\n  temperature: 0\n");
    assertThat(DeclarativeScenario.fromYaml(yaml).promptFormat().temperature()).isZero();
  }

  @Test
  void misspeltKeysGetLineAndSuggestion() throws IOException {
    Path yaml =
        write(
            """
            name: acme/capitals
            instances: data/capitals.jsonl
            promt_format:
              method: generation
            """);
    assertUserError(
        yaml, ":3: unknown key 'promt_format' in scenario file", "Did you mean 'prompt_format'?");

    Path nested =
        write(
            """
            name: acme/capitals
            instances: data/capitals.jsonl
            prompt_format:
              method: generation
              max_token: 5
            """);
    assertUserError(
        nested, ":5: unknown key 'max_token' in prompt_format", "Did you mean 'max_tokens'?");
  }

  @Test
  void badValuesNameTheirLine() throws IOException {
    String head = "name: acme/capitals\ninstances: data/capitals.jsonl\nprompt_format:\n";
    assertUserError(
        write(head + "  method: genration\n"),
        ":4: unknown method 'genration'",
        "Did you mean 'generation'?");
    assertUserError(
        write(head + "  max_tokens: ten\n"),
        ":4: 'max_tokens' must be a whole number >= 0, got text 'ten'",
        "");
    assertUserError(
        write(head + "  num_outputs: 0\n"), ":4: 'num_outputs' must be a whole number >= 1", "");
    assertUserError(
        write(head + "  temperature: -1\n"), ":4: 'temperature' must be a number >= 0", "");
    assertUserError(
        write(head + "  sample_train: 1\n"), ":4: 'sample_train' must be true or false", "");
    assertUserError(
        write(head + "  input_prefix: 5\n"),
        ":4: 'input_prefix' must be text, got the number 5",
        "Put the value in quotes");
    assertUserError(write(head + "  stop_sequences: \"\\n\"\n"), ":4: expected a list of text", "");
    assertUserError(
        write(head + "  reference_prefix: \"- \"\n"),
        ":4: reference_prefix '- ' has no letter or digit",
        "");
    assertUserError(write(head + "  - method\n"), ":3: 'prompt_format' must be a mapping", "");
  }

  @Test
  void requiredKeysAndNames() throws IOException {
    assertUserError(write("name: acme/x\n"), ":1: missing key 'instances'", "");
    assertUserError(write("instances: data/more.jsonl\n"), ":1: missing key 'name'", "");
    assertUserError(
        write("description: d\nname: capitals\ninstances: data/more.jsonl\n"),
        ":2: name 'capitals' must look like namespace/name",
        "acme/capitals");
    assertUserError(
        write("name: prism/capitals\ninstances: data/more.jsonl\n"),
        ":1: the namespace 'prism/' is reserved",
        "acme/capitals");
  }

  @Test
  void missingInstanceFileIsNamedWithWhereItWasLookedFor() throws IOException {
    Path yaml = write("name: acme/x\ninstances:\n  - data/more.jsonl\n  - data/nope.jsonl\n");
    assertUserError(
        yaml,
        ":4: instances file 'data/nope.jsonl' not found (looked for "
            + dir.resolve("data/nope.jsonl").toAbsolutePath()
            + ")",
        "relative to the scenario file's folder");
  }

  @Test
  void yamlSyntaxAndStructureErrors() throws IOException {
    assertUserError(
        write("name: acme/x\n  instances: [a\n"), ": bad YAML: ", "Fix the YAML syntax");
    assertUserError(
        write("name: acme/x\ninstances: data/more.jsonl\nname: acme/y\n"),
        ":3: duplicate key 'name' (first on line 1)",
        "");
    assertUserError(write("- a\n- b\n"), ":1: expected a mapping of keys, got a list", "");
    assertUserError(write("# nothing\n"), ": the file is empty", "");
    assertUserError(
        write("name: acme/x\ninstances: data/more.jsonl\n---\nname: acme/y\n"),
        ": more than one YAML document",
        "");
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> DeclarativeScenario.fromYaml(missing))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("scenario file '" + missing + "' not found");
  }

  @Test
  void instanceFileErrorsSurfaceFromInstances() throws IOException {
    Files.writeString(dir.resolve("data/broken.jsonl"), "{\"input\": {}}\n");
    DeclarativeScenario s =
        DeclarativeScenario.fromYaml(write("name: acme/x\ninstances: data/broken.jsonl\n"));
    assertThatThrownBy(() -> s.instances(noArgs))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("broken.jsonl:1: missing 'input.text'");
  }

  @Test
  void argumentsAreRejected() throws IOException {
    DeclarativeScenario s =
        DeclarativeScenario.fromYaml(write("name: acme/x\ninstances: data/more.jsonl\n"));
    assertThatThrownBy(() -> s.instances(new ScenarioContext(Map.of("subject", "x"), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("scenario 'acme/x' takes no arguments, got [subject]");
  }

  @Test
  void bareJsonlFileIsAScenario() {
    DeclarativeScenario s = DeclarativeScenario.fromJsonl(dir.resolve("data/capitals.jsonl"));
    assertThat(s.id()).isEqualTo("capitals");
    assertThat(s.promptFormat()).isEqualTo(PromptFormat.defaults());
    assertThat(s.instances(noArgs)).hasSize(2);
    assertThatThrownBy(() -> DeclarativeScenario.fromJsonl(dir.resolve("x.jsonl")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("x.jsonl' not found");
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "scenario", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static void assertUserError(Path yaml, String messagePart, String hintPart) {
    assertThatThrownBy(() -> DeclarativeScenario.fromYaml(yaml))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(yaml.toString())
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains(hintPart));
  }
}
