package dev.prism.scenarios.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptMethod;
import dev.prism.core.RequestState;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniMcqaScenarioTests {
  private final MiniMcqaScenario scenario = new MiniMcqaScenario();
  private final ScenarioContext noArgs = new ScenarioContext(Map.of(), Path.of("."));

  @Test
  void fiveTrainAndTwentyTestQuestionsWithFourOptionsAndOneAnswer() {
    List<Instance> instances = scenario.instances(noArgs);
    assertThat(instances).hasSize(25);
    assertThat(instances.stream().filter(i -> i.split() == Split.TRAIN)).hasSize(5);
    assertThat(instances.stream().filter(i -> i.split() == Split.TEST)).hasSize(20);
    for (Instance instance : instances) {
      assertThat(instance.references()).as(instance.input()).hasSize(4);
      assertThat(instance.correctReferences()).as(instance.input()).hasSize(1);
    }
    assertThat(instances).extracting(Instance::id).startsWith("id0", "id1").endsWith("id24");
  }

  @Test
  void promptsLikeHelmsMmlu() {
    var f = scenario.promptFormat();
    assertThat(f.method()).isEqualTo(PromptMethod.MULTIPLE_CHOICE_JOINT);
    assertThat(f.maxTokens()).isEqualTo(1);
    assertThat(f.numOutputs()).isEqualTo(5);
    assertThat(f.temperature()).isZero();
    assertThat(f.maxTrainInstances()).isEqualTo(5);

    List<RequestState> states = RequestPlanner.plan(scenario.instances(noArgs), f, "m");

    assertThat(states).hasSize(20);
    String prompt = states.get(0).request().prompt();
    assertThat(prompt)
        .startsWith("The following are multiple choice questions (with answers).\n\nQuestion: ")
        .endsWith(
            "Question: What is the largest ocean on Earth?\nA. Atlantic Ocean\nB. Indian Ocean\n"
                + "C. Pacific Ocean\nD. Arctic Ocean\nAnswer:");
    assertThat(prompt.split("\nAnswer: ", -1)).hasSize(6); // five worked examples
    assertThat(states.get(0).outputMapping()).containsEntry("C", "Pacific Ocean").hasSize(4);
  }

  @Test
  void takesNoArguments() {
    assertThatThrownBy(
            () -> scenario.instances(new ScenarioContext(Map.of("n", "1"), Path.of("."))))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("scenario 'prism/mini_mcqa' has no argument 'n'")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Valid arguments: none");
  }
}
