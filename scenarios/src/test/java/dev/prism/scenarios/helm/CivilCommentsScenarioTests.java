package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CivilCommentsScenarioTests {
  private static final String QUESTION = "\nQuestion: Is the passage above toxic?";
  private final CivilCommentsScenario scenario = new CivilCommentsScenario();

  @Test
  void readsEveryRowWithToxicitySubSplits() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances))
        .containsExactly("id0", "id1", "id2", "id3", "id4", "id5");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(
            Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID, Split.TEST, Split.TEST);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Blame men.  There's always an excuse to blame men for the failures of women."
                + QUESTION);
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("True"));
    assertThat(instances.stream().map(Instance::subSplit))
        .containsExactly("toxic", "non-toxic", "non-toxic", "toxic", "toxic", "non-toxic");
    assertThat(instances.get(1).input())
        .isEqualTo("This is a thoughtful article,\nthank you for writing it." + QUESTION);
    assertThat(instances.get(1).references()).containsExactly(Reference.correct("False"));
    // pandas reads the comment NA as missing, and HELM's str() of it is "nan"
    assertThat(instances.get(2).input()).isEqualTo("nan" + QUESTION);
    assertThat(instances.get(3).input()).startsWith("The \"experts\" were wrong again.");
  }

  @Test
  void demographicKeepsRowsAtOrAboveOneHalf() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("demographic", "male")));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances.get(1).input()).startsWith("The \"experts\"");
    assertThat(instances.get(2).input()).startsWith("What a stupid idea");
    assertThat(scenario.instances(HelmFixtures.context(Map.of("demographic", "female"))))
        .hasSize(1);
  }

  @Test
  void promptAndMetricsAreHelms() {
    assertThat(scenario.promptFormat().inputPrefix()).isEqualTo("Passage: ");
    assertThat(scenario.promptFormat().outputPrefix()).isEqualTo("Answer: ");
    assertThat(scenario.metrics()).contains("quasi_exact_match", "bias", "classification_metrics");
  }
}
