package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GsmScenarioTests {
  private final GsmScenario scenario = new GsmScenario();

  @Test
  void readsTrainThenTestWithWorkedAnswers() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.TEST);
    assertThat(instances.get(0).input()).startsWith("Natalia sold clips to 48 of her friends");
    assertThat(instances.get(0).references())
        .containsExactly(
            Reference.correct(
                "Natalia sold 48/2 = 24 clips in May. Natalia sold 48+24 = 72 clips altogether in"
                    + " April and May. The answer is 72."));
    assertThat(instances.get(2).firstCorrectReference().orElseThrow().text())
        .endsWith("every day at the farmer’s market. The answer is 18.");
  }

  @Test
  void promptAndMetricsAreHelmLites() {
    assertThat(scenario.promptFormat().inputPrefix()).isEqualTo("Q: ");
    assertThat(scenario.promptFormat().outputPrefix()).isEqualTo("A: ");
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(400);
    assertThat(scenario.promptFormat().stopSequences()).containsExactly("\n\n");
    assertThat(scenario.mainMetric()).isEqualTo("final_number_exact_match");
  }
}
