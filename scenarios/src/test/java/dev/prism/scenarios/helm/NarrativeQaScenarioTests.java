package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected picks are CPython 3's ({@code random.seed(0)}, then {@code random.choice} per doc). */
class NarrativeQaScenarioTests {
  private final NarrativeQaScenario scenario = new NarrativeQaScenario();

  @Test
  void onePythonSeededQuestionPerDocumentPerSplit() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2", "id3");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALID, Split.TEST);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "The play begins with three pages disputing over the black cloak usually worn by the"
                + " actor who delivers the prologue.\n"
                + "Question: What is usually worn by the actor?");
    assertThat(instances.get(0).references())
        .containsExactly(Reference.correct("The black cloak"), Reference.correct("A cloak"));
    assertThat(instances.get(2).input()).endsWith("\nQuestion: Where does Lincoln speak?");
    assertThat(instances.get(3).input())
        .isEqualTo(
            "Mark Hunter, a high school student in a sleepy suburb of Phoenix, starts an FM pirate"
                + " radio station.\nHe broadcasts from the basement of his parents' house.\n"
                + "Question: Who starts the radio station?");
    assertThat(instances.get(3).references())
        .containsExactly(Reference.correct("Mark Hunter"), Reference.correct("Mark"));
  }

  @Test
  void promptAndMetricsAreHelms() {
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(100);
    assertThat(scenario.promptFormat().inputPrefix()).isEqualTo("Passage: ");
    assertThat(scenario.metrics()).contains("f1_score", "rouge_l", "bleu_4");
    assertThat(scenario.mainMetric()).isEqualTo("f1_score");
  }
}
