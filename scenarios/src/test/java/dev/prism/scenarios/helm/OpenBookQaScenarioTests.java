package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenBookQaScenarioTests {
  private final OpenBookQaScenario scenario = new OpenBookQaScenario();

  @Test
  void readsTrainThenTestFromTheUnpackedZip() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.TEST);
    assertThat(instances.get(0).input()).isEqualTo("The sun is responsible for");
    assertThat(instances.get(0).references())
        .containsExactly(
            Reference.wrong("puppies learning new tricks"),
            Reference.wrong("children growing up and getting old"),
            Reference.wrong("flowers wilting in a vase"),
            Reference.correct("plants sprouting, blooming and wilting"));
    assertThat(scenario.promptFormat().instructions())
        .isEqualTo(
            "The following are multiple choice questions (with answers) about common sense.\n");
  }
}
