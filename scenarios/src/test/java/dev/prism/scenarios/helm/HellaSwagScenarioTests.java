package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HellaSwagScenarioTests {
  private final HellaSwagScenario scenario = new HellaSwagScenario();

  @Test
  void readsTrainThenValWithCapitalizedSecondContext() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(instances).hasSize(8);
    assertThat(HelmFixtures.ids(instances)).startsWith("id0", "id1").endsWith("id7");
    assertThat(instances.stream().filter(i -> i.split() == Split.TRAIN)).hasSize(5);
    assertThat(instances.stream().filter(i -> i.split() == Split.VALID)).hasSize(3);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Putting on makeup: The words how to apply mascara appear. A woman with long black"
                + " hair");
    assertThat(instances.get(0).references()).hasSize(4);
    assertThat(instances.get(0).firstCorrectReference().orElseThrow().text())
        .isEqualTo("is talking to the camera.");
  }

  /** The fixture holds HELM's five examples and its first three eval questions. */
  @Test
  void evalBlocksAreHelms() throws IOException {
    JsonNode helm = HelmFixtures.helmRun("commonsense:dataset=hellaswag");
    PromptFormat format = scenario.promptFormat();
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));
    List<RequestState> zeroShot =
        RequestPlanner.plan(
            instances, format.toBuilder().instructions("").maxTrainInstances(0).build(), "x");
    List<RequestState> fewShot = RequestPlanner.plan(instances, format, "x");
    for (int i = 0; i < 3; i++) {
      String prompt = helm.get("request_states").get(i).at("/request/prompt").asText();
      assertThat(prompt).endsWith("\n" + zeroShot.get(i).request().prompt());
      assertThat(fewShot.get(i).request().prompt().length()).isEqualTo(prompt.length());
    }
  }
}
