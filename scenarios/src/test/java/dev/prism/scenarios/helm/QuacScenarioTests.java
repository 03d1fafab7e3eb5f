package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected prompts come from HELM's {@code QuACScenario.create_prompt} run in CPython 3. */
class QuacScenarioTests {
  private final QuacScenario scenario = new QuacScenario();

  @Test
  void pythonSeededTurnWithHelmsDialogueLayout() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALID);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Title: Anna Vissi\n\nBackground: Anna Vissi is a Greek Cypriot singer.\n\n"
                + "Section: 1983-1989: Collaboration with Nikos Karvelas\n"
                + "Passage: In May 1983, she married Nikos Karvelas, a composer.\n\n"
                + "Question: what happened in 1983?\n"
                + "Answer: In May 1983, she married Nikos Karvelas\n\n"
                + "Question: did she have any other hits?");
    assertThat(instances.get(0).references())
        .containsExactly(
            Reference.correct("she released Ti Koitas"), Reference.correct("Ti Koitas"));
    // k = 3: turns 0 and 1 shown, turn 2 skipped (HELM's quirk), turn 3 asked
    assertThat(instances.get(1).input())
        .endsWith("Question: when?\nAnswer: 1898\n\nQuestion: did he go to school?")
        .doesNotContain("who raised him");
    assertThat(instances.get(2).references().stream().map(Reference::text))
        .containsExactly("CANNOTANSWER", "Not enough information", "Cannot answer", "Do not know");
  }

  @Test
  void promptAndMetricsAreHelms() {
    assertThat(scenario.promptFormat().inputPrefix()).isEmpty();
    assertThat(scenario.promptFormat().outputPrefix()).isEqualTo("Answer: ");
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(100);
    assertThat(scenario.mainMetric()).isEqualTo("f1_score");
  }
}
