package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanEvalScenarioTests {
  private final HumanEvalScenario scenario = new HumanEvalScenario();

  @TempDir Path dir;

  @Test
  void everyProblemIsATestInstanceWithItsProblemAsTestCases() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances).allSatisfy(i -> assertThat(i.split()).isEqualTo(Split.TEST));
    Instance first = instances.get(0);
    assertThat(first.input()).startsWith("\n\ndef add(a: int, b: int) -> int:\n    \"\"\" Add");
    Reference gold = first.references().get(0);
    assertThat(first.references()).hasSize(1);
    assertThat(gold.isCorrect()).isTrue();
    assertThat(gold.text()).isEqualTo("    return a + b\n");
    assertThat(gold.testCases())
        .containsEntry("task_id", "HumanEval/0")
        .containsEntry("entry_point", "add")
        .containsEntry("prompt", first.input())
        .containsEntry("canonical_solution", gold.text())
        .hasEntrySatisfying("test", t -> assertThat(t).contains("def check(candidate):"));
  }

  @Test
  void readsTheDownloadedGzipWhenNoPlainFileIsThere() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("humaneval"));
    byte[] plain = Files.readAllBytes(HelmFixtures.dataDir().resolve("humaneval/HumanEval.jsonl"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(folder.resolve("HumanEval.jsonl.gz")))) {
      out.write(plain);
    }

    List<Instance> fromGzip = scenario.instances(new ScenarioContext(Map.of(), dir));

    assertThat(fromGzip).isEqualTo(scenario.instances(HelmFixtures.context(Map.of())));
  }

  @Test
  void aRepeatedTaskIdKeepsItsFirstPositionAndLastRowAsHelmsDictDoes() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("humaneval"));
    Files.writeString(
        folder.resolve("HumanEval.jsonl"),
        row("T/0", "first") + "\n" + row("T/1", "other") + "\n\n" + row("T/0", "second") + "\n");

    List<Instance> instances = scenario.instances(new ScenarioContext(Map.of(), dir));

    assertThat(instances.stream().map(Instance::input)).containsExactly("second", "other");
  }

  @Test
  void aRowWithoutEntryPointNamesFileAndLine() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("humaneval"));
    Path file = folder.resolve("HumanEval.jsonl");
    Files.writeString(
        file, row("T/0", "p") + "\n" + row("T/1", "q").replace(", \"entry_point\": \"f\"", ""));

    assertThatThrownBy(() -> scenario.instances(new ScenarioContext(Map.of(), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(file + ":2: missing text field 'entry_point'");
  }

  @Test
  void missingDataNamesTheGzipAndTheDownloadCommand() {
    assertThatThrownBy(() -> scenario.instances(new ScenarioContext(Map.of(), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("HumanEval.jsonl.gz")
        .satisfies(
            e -> assertThat(((PrismUserException) e).hint()).contains("prism download humaneval"));
    assertThat(scenario.dataFiles())
        .containsExactly(
            DataFile.plain(
                "HumanEval.jsonl.gz",
                "https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz"));
  }

  @Test
  void promptAndMetricsAreHelmsCodeRunSpec() {
    var format = scenario.promptFormat();
    assertThat(format.method()).isEqualTo(PromptMethod.GENERATION);
    assertThat(format.inputPrefix() + format.inputSuffix() + format.outputPrefix()).isEmpty();
    assertThat(format.instructions()).isEmpty();
    assertThat(format.maxTrainInstances()).isZero();
    assertThat(format.numOutputs()).isEqualTo(1);
    assertThat(format.temperature()).isEqualTo(0.2);
    assertThat(format.maxTokens()).isEqualTo(600);
    assertThat(format.stopSequences()).containsExactly("\nclass", "\ndef", "\nif", "\nprint");
    assertThat(scenario.metrics()).containsExactly("code_eval_acc", "pass");
    assertThat(scenario.mainMetric()).isEqualTo("pass");
  }

  private static String row(String taskId, String prompt) {
    return "{\"task_id\": \""
        + taskId
        + "\", \"prompt\": \""
        + prompt
        + "\", \"canonical_solution\": \"    return 1\\n\", \"test\": \"def check(c):\\n"
        + "    pass\\n\", \"entry_point\": \"f\"}";
  }
}
