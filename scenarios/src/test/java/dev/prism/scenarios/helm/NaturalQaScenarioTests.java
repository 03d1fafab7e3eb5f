package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected texts come from HELM's {@code NaturalQAScenario} logic run in CPython 3 on the same
 * fixture files ({@code random.seed(0)}, {@code html.unescape}, byte slicing).
 */
class NaturalQaScenarioTests {
  private final NaturalQaScenario scenario = new NaturalQaScenario();

  @Test
  void openBookUsesTheLongAnswerOfThePickedShortAnswer() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.VALID, Split.TRAIN);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Passage: Mount Everest is Earth's highest mountain, at 8,848\u00a0m (29,029 ft) in the"
                + " Mahalangur Himāl.\n\nQuestion: How tall is mount everest?");
    assertThat(instances.get(0).references())
        .containsExactly(Reference.correct("8,848\u00a0m (29,029 ft)"));
    assertThat(instances.get(1).input())
        .isEqualTo(
            "Passage: Its first ascent was by Tenzing Norgay and Edmund Hillary & team.\n\n"
                + "Question: Who first climbed everest?");
    assertThat(instances.get(1).references())
        .containsExactly(Reference.correct("Tenzing Norgay"), Reference.correct("Edmund Hillary"));
    assertThat(instances.get(2).input())
        .isEqualTo(
            "Passage: Tom & Jerry \uD83D\uDC2D are a cat and a mouse; café ¬it; €–\n\n"
                + "Question: Who are tom and jerry?");
    assertThat(instances.get(2).references())
        .containsExactly(Reference.correct("Tom & Jerry \uD83D\uDC2D"));
  }

  @Test
  void closedBookAndWikiModes() {
    List<Instance> closed = scenario.instances(HelmFixtures.context(Map.of("mode", "closedbook")));
    assertThat(closed.get(0).input()).isEqualTo("How tall is mount everest?");
    assertThat(closed.get(0).references())
        .isEqualTo(scenario.instances(HelmFixtures.context(Map.of())).get(0).references());

    List<Instance> wiki = scenario.instances(HelmFixtures.context(Map.of("mode", "openbook_wiki")));
    assertThat(wiki.get(0).input())
        .isEqualTo(
            "Title: Mount Everest\n\nPassage:  Mount Everest  Earth 's 8,848 m\n\n"
                + "Question: How tall is mount everest?");
  }

  @Test
  void promptDependsOnTheMode() {
    assertThat(scenario.promptFormat(Map.of("mode", "closedbook")).inputPrefix())
        .isEqualTo("Question: ");
    assertThat(scenario.promptFormat(Map.of()).inputPrefix()).isEmpty();
    assertThat(scenario.promptFormat().maxTokens()).isEqualTo(300);
    assertThat(scenario.metrics()).containsExactly("exact_match", "quasi_exact_match", "f1_score");
  }
}
