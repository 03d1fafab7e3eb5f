package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected orders and texts come from CPython's {@code csv} module and numpy 2.4.6's {@code
 * default_rng(42).permutation(n)} on the same fixture files (HF {@code train_test_split(0.8)}).
 */
class RaftScenarioTests {
  private final RaftScenario scenario = new RaftScenario();

  @Test
  void splitsWithHuggingFacesSeededPermutation() {
    Map<String, String> args = Map.of("subset", "ade_corpus_v2");
    List<Instance> instances = scenario.instances(HelmFixtures.context(args));

    assertThat(instances).hasSize(10);
    assertThat(HelmFixtures.ids(instances)).startsWith("id0", "id1").endsWith("id9");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(
            Split.TRAIN,
            Split.TRAIN,
            Split.TEST,
            Split.TEST,
            Split.TEST,
            Split.TEST,
            Split.TEST,
            Split.TEST,
            Split.TEST,
            Split.TEST);
    assertThat(instances.get(0).input())
        .isEqualTo("Sentence: Patient developed severe rash after taking amoxicillin.");
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("ADE-related"));
    assertThat(instances.get(1).input())
        .isEqualTo("Sentence: No adverse events, \"none at all\", were reported.");
    assertThat(instances.get(1).references()).containsExactly(Reference.correct("not ADE-related"));
    assertThat(instances.get(2).input()).contains("Lithium");
    // row 7 names its label instead of giving its index
    assertThat(instances.get(5).input()).contains("cisplatin");
    assertThat(instances.get(5).references()).containsExactly(Reference.correct("ADE-related"));
  }

  @Test
  void joinsTheSettingsFieldsInOrder() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("subset", "semiconductor_org_types")));

    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TEST, Split.TEST, Split.TEST, Split.TEST);
    assertThat(instances.get(0).input())
        .isEqualTo(
            "Organization name: North Carolina State Univ.,Raleigh,NC,USA\n"
                + "Paper title: A 3Gb/s AC-coupled chip-to-chip link");
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("university"));
    assertThat(instances.get(2).references())
        .containsExactly(Reference.correct("research institute"));
  }

  @Test
  void promptCarriesTheSubsetsInstructions() {
    PromptFormat format =
        scenario.promptFormat(HelmFixtures.context(Map.of("subset", "ade_corpus_v2")));

    assertThat(format.instructions())
        .isEqualTo(
            "Label the sentence based on whether it is related to an adverse drug effect (ADE).\n");
    assertThat(format.inputPrefix()).isEmpty();
    assertThat(format.outputPrefix()).isEqualTo("Label: ");
    assertThat(format.maxTokens()).isEqualTo(30);
    assertThat(scenario.metrics()).contains("quasi_exact_match", "bias", "classification_metrics");
  }

  @Test
  void subsetIsRequired() {
    assertThatThrownBy(() -> scenario.instances(HelmFixtures.context(Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("needs argument 'subset'");
  }
}
