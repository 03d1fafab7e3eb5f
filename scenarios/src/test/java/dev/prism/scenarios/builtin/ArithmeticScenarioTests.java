package dev.prism.scenarios.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptMethod;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArithmeticScenarioTests {
  private static final Pattern NUMBERS = Pattern.compile("\\d+");
  private final ArithmeticScenario scenario = new ArithmeticScenario();

  @Test
  void defaultIsTenTrainThenFiftyTest() {
    List<Instance> instances = instances(Map.of());
    assertThat(instances).hasSize(60);
    assertThat(instances.subList(0, 10)).allMatch(i -> i.split() == Split.TRAIN);
    assertThat(instances.subList(10, 60)).allMatch(i -> i.split() == Split.TEST);
    for (int i = 0; i < instances.size(); i++) {
      assertThat(instances.get(i).id()).isEqualTo("id" + i);
    }
    assertThat(instances.stream().map(Instance::input).distinct()).hasSize(60);
  }

  @Test
  void sameSeedSameInstancesOtherSeedOtherInstances() {
    assertThat(instances(Map.of("seed", "7"))).isEqualTo(instances(Map.of("seed", "7")));
    assertThat(instances(Map.of())).isEqualTo(instances(Map.of("seed", "0")));
    assertThat(instances(Map.of("seed", "1"))).isNotEqualTo(instances(Map.of()));
    assertThat(instances(Map.of("num_instances", "5"))).hasSize(15);
  }

  @Test
  void instancesArePinnedAndReproducibleInPython() {
    // The same draws in Python (random.Random(seed): choice(ops); randint(2, 12) twice for "*",
    // else randint(2, 99) twice, swapped for "-" when a < b; choice(templates); choice(names);
    // choice(items); a repeated question is drawn again) give these questions. Pinned so that a
    // change to the generator, which would change every benchmark number, cannot go unnoticed.
    List<Instance> instances = instances(Map.of());
    assertThat(instances.get(0).input()).isEqualTo("What is 99 minus 55?");
    assertThat(instances.get(0).references().get(0).text()).isEqualTo("44");
    assertThat(instances.get(10).input())
        .isEqualTo("Kenji buys 3 boxes with 10 books in each box. How many books does Kenji buy?");
    assertThat(instances.get(59).input()).isEqualTo("What is 96 minus 44?");
  }

  @Test
  void answersAreRight() {
    for (Instance instance : instances(Map.of("num_instances", "500"))) {
      Matcher m = NUMBERS.matcher(instance.input());
      assertThat(m.find()).isTrue();
      long a = Long.parseLong(m.group());
      assertThat(m.find()).isTrue();
      long b = Long.parseLong(m.group());
      String q = instance.input();
      long expected =
          q.contains("plus") || q.contains("more")
              ? a + b
              : q.contains("minus") || q.contains("gives away") ? a - b : a * b;
      assertThat(instance.references()).hasSize(1);
      assertThat(instance.references().get(0).isCorrect()).isTrue();
      assertThat(instance.references().get(0).text()).as(q).isEqualTo(Long.toString(expected));
      assertThat(expected).isNotNegative();
    }
  }

  @Test
  void promptFormatIsGenerationWithQuestionAndAnswer() {
    var f = scenario.promptFormat();
    assertThat(f.method()).isEqualTo(PromptMethod.GENERATION);
    assertThat(f.inputPrefix()).isEqualTo("Question: ");
    assertThat(f.outputPrefix()).isEqualTo("Answer: ");
    assertThat(f.maxTrainInstances()).isEqualTo(3);
    assertThat(f.numOutputs()).isEqualTo(1);
    assertThat(f.temperature()).isZero();
    assertThat(f.maxTokens()).isEqualTo(10);
    assertThat(f.stopSequences()).containsExactly("\n");
    assertThat(scenario.mainMetric()).isEqualTo("exact_match");
  }

  @Test
  void badArgumentsAreUserErrors() {
    assertThatThrownBy(() -> instances(Map.of("sed", "1")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("scenario 'prism/arithmetic' has no argument 'sed'")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Did you mean 'seed'? Valid arguments: seed, num_instances");
    assertThatThrownBy(() -> instances(Map.of("num_instances", "many")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            "scenario 'prism/arithmetic': argument 'num_instances' must be a whole number from 1"
                + " to 100000, got 'many'");
    assertThatThrownBy(() -> instances(Map.of("num_instances", "0")))
        .isInstanceOf(PrismUserException.class);
  }

  private List<Instance> instances(Map<String, String> args) {
    return scenario.instances(new ScenarioContext(args, Path.of(".")));
  }
}
