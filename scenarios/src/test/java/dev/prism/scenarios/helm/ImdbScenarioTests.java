package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImdbScenarioTests {
  private final ImdbScenario scenario = new ImdbScenario();

  @Test
  void readsFilesInPinnedOrderAndMovesContrastOriginalsToValid() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances))
        .containsExactly("id0", "id1", "id2", "id3", "id4", "id5");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(
            Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID, Split.VALID, Split.VALID);
    assertThat(instances.get(0).input())
        .isEqualTo("A touching drama with a superb cast. 2 thumbs up.<br /><br />See it.");
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("Positive"));
    assertThat(instances.get(1).input()).isEqualTo("Great fun from start to finish!");
    assertThat(instances.get(2).input()).startsWith("The plot made no sense");
    assertThat(instances.get(2).references()).containsExactly(Reference.correct("Negative"));
    assertThat(instances.get(4).input()).isEqualTo("I walked out after twenty minutes.");
  }

  @Test
  void onlyContrastKeepsTrainAndContrastedReviews() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("only_contrast", "true")));

    assertThat(instances).hasSize(3);
    assertThat(instances.get(2).input()).startsWith("The plot made no sense");
    assertThat(instances.get(2).split()).isEqualTo(Split.VALID);
  }

  @Test
  void rejectsUnknownArgumentValues() {
    assertThatThrownBy(
            () -> scenario.instances(HelmFixtures.context(Map.of("only_contrast", "yes"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("only_contrast");
  }

  @Test
  void promptAndMetricsAreHelms() {
    assertThat(scenario.promptFormat().inputPrefix()).isEqualTo("Passage: ");
    assertThat(scenario.promptFormat().outputPrefix()).isEqualTo("Sentiment: ");
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(5);
    assertThat(scenario.metrics()).contains("quasi_exact_match", "classification_metrics");
    assertThat(scenario.mainMetric()).isEqualTo("quasi_exact_match");
  }
}
