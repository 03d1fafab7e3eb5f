package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.RequestState;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MmluScenarioTests {
  private final MmluScenario scenario = new MmluScenario();
  private final Map<String, String> args = Map.of("subject", "philosophy");

  @Test
  void readsDevValTestInOrder() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(args));

    assertThat(HelmFixtures.ids(instances))
        .containsExactly("id0", "id1", "id2", "id3", "id4", "id5", "id6", "id7", "id8", "id9");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.VALID,
            Split.VALID,
            Split.TEST,
            Split.TEST,
            Split.TEST);
    Instance first = instances.get(0);
    assertThat(first.input())
        .isEqualTo(
            "The study of reality in the broadest sense, an inquiry into the elemental nature of"
                + " the universe and the things in it, is known as _____.");
    assertThat(first.references())
        .containsExactly(
            Reference.correct("metaphysics"),
            Reference.wrong("epistemology"),
            Reference.wrong("quantum physics"),
            Reference.wrong("axiology"));
    assertThat(instances.get(9).input()).startsWith("Nussbaum claims");
    assertThat(instances.get(9).firstCorrectReference()).contains(Reference.correct("relativism."));
  }

  @Test
  void hasAll57SubjectsAndHelmsPrompt() {
    assertThat(MmluScenario.SUBJECTS).hasSize(57).doesNotHaveDuplicates();
    assertThat(scenario.promptFormat(Map.of("subject", "us_foreign_policy")).instructions())
        .isEqualTo(
            "The following are multiple choice questions (with answers) about us foreign"
                + " policy.\n");
    assertThat(scenario.mainMetric()).isEqualTo("exact_match");
  }

  @Test
  void subjectIsRequiredAndChecked() {
    assertThatThrownBy(() -> scenario.instances(HelmFixtures.context(Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("needs argument 'subject'");
    assertThatThrownBy(
            () -> scenario.instances(HelmFixtures.context(Map.of("subject", "philosophyy"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("unknown subject 'philosophyy'")
        .extracting(e -> ((PrismUserException) e).hint())
        .asString()
        .contains("Did you mean 'philosophy'");
  }

  @Test
  void missingDataNamesTheFileAndTheDownloadCommand() {
    ScenarioContext empty = new ScenarioContext(args, Path.of("no-such-dir"));
    assertThatThrownBy(() -> scenario.instances(empty))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            "scenario 'mmlu' needs data file "
                + Path.of("no-such-dir", "mmlu", "data", "dev", "philosophy_dev.csv")
                + ", which is missing")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Run: prism download mmlu");
  }

  /** The fixture holds HELM's five dev examples and three of its test questions. */
  @Test
  void reproducesHelmsPrompts() throws IOException {
    JsonNode helm = HelmFixtures.helmRun("mmlu:subject=philosophy");
    List<RequestState> states =
        RequestPlanner.plan(
            scenario.instances(HelmFixtures.context(args)), scenario.promptFormat(args), "x");
    int matched = 0;
    for (RequestState state : states) {
      for (JsonNode rs : helm.get("request_states")) {
        if (rs.at("/instance/input/text").asText().equals(state.instance().input())) {
          assertThat(state.request().prompt()).isEqualTo(rs.at("/request/prompt").asText());
          matched++;
        }
      }
    }
    assertThat(matched).isEqualTo(5);
  }
}
