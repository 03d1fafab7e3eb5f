package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoolQScenarioTests {
  private final BoolQScenario scenario = new BoolQScenario();

  @Test
  void readsTrainThenDevAsValid() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2", "id3");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Persian, also known by its endonym Farsi, is one of the Western Iranian languages. It"
                + " is primarily spoken in Iran, Afghanistan (officially known as Dari since 1958)"
                + " and Tajikistan.\nQuestion: Do iran and afghanistan speak the same language?");
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("Yes"));
    assertThat(instances.get(1).input()).endsWith("\nQuestion: Is the sun a star?");
    assertThat(instances.get(2).references()).containsExactly(Reference.correct("No"));
  }

  @Test
  void promptAndMetricsAreHelms() {
    assertThat(scenario.promptFormat().inputPrefix()).isEqualTo("Passage: ");
    assertThat(scenario.promptFormat().outputPrefix()).isEqualTo("Answer: ");
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(5);
    assertThat(scenario.promptFormat().stopSequences()).containsExactly("\n");
    assertThat(scenario.metrics()).contains("quasi_exact_match", "bias");
    assertThat(scenario.mainMetric()).isEqualTo("quasi_exact_match");
  }
}
