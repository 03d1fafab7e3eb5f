package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture pickles were written by CPython 3 (protocols 4, 2 and 5); expected instances come from
 * HELM's {@code SummarizationScenario} logic run on the same data.
 */
class SummarizationScenarioTests {

  @Test
  void cnndmFiltersTrainByLengthAndTruncatesArticles() {
    List<Instance> instances =
        new SummarizationScenario.Cnndm().instances(HelmFixtures.context(Map.of()));

    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2", "id3");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALID, Split.TEST);
    assertThat(instances.get(0).input())
        .startsWith("LONDON (CNN) -- w0 w1 ")
        .endsWith(" w59 Second paragraph.");
    assertThat(instances.get(0).references())
        .containsExactly(Reference.correct("First highlight . Second highlight ."));
    assertThat(SummarizationScenario.tokens(instances.get(1).input())).hasSize(150);
    assertThat(SummarizationScenario.tokens(instances.get(3).input()))
        .hasSize(512)
        .endsWith("t511");
    // "\n" and the no-break space are both whitespace to Python's split()
    assertThat(instances.get(3).references())
        .containsExactly(Reference.correct("Test summary here."));
  }

  @Test
  void xsumAppliesHelmsFilterButTheSampledVariantDoesNot() {
    List<Instance> xsum =
        new SummarizationScenario.Xsum().instances(HelmFixtures.context(Map.of()));
    assertThat(xsum).hasSize(3);
    assertThat(SummarizationScenario.tokens(xsum.get(0).input())).hasSize(100);
    assertThat(xsum.get(0).split()).isEqualTo(Split.TRAIN);

    List<Instance> sampled =
        new SummarizationScenario.XsumSampled().instances(HelmFixtures.context(Map.of()));
    assertThat(sampled).hasSize(7);
    assertThat(sampled.get(0).input()).endsWith("Media playback is unsupported on your device");
  }

  @Test
  void promptIsHelmsSummarizationSpec() {
    PromptFormat cnndm = new SummarizationScenario.Cnndm().promptFormat(Map.of());
    assertThat(cnndm.inputPrefix()).isEqualTo("###\nArticle: ");
    assertThat(cnndm.inputSuffix()).isEqualTo("\n\n");
    assertThat(cnndm.outputPrefix()).isEqualTo("Summarize the above article in 3 sentences.\n");
    assertThat(cnndm.stopSequences()).containsExactly("###");
    assertThat(cnndm.maxTokens()).isEqualTo(128);
    assertThat(cnndm.temperature()).isEqualTo(0.3);
    PromptFormat xsum =
        new SummarizationScenario.Xsum().promptFormat(Map.of("temperature", "0", "device", "cpu"));
    assertThat(xsum.outputPrefix()).isEqualTo("Summarize the above article in 1 sentence.\n");
    assertThat(xsum.maxTokens()).isEqualTo(64);
    assertThat(xsum.temperature()).isZero();
    assertThatThrownBy(
            () -> new SummarizationScenario.Xsum().promptFormat(Map.of("temperature", "hot")))
        .isInstanceOf(PrismUserException.class);
  }

  @Test
  void refusesAPickleOfObjects(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("summarization_cnndm"));
    try (var in = PickleTests.class.getResourceAsStream("/pickle/object.pk")) {
      Files.copy(in, folder.resolve("cnndm.pk"));
    }
    assertThatThrownBy(
            () -> new SummarizationScenario.Cnndm().instances(new ScenarioContext(Map.of(), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("cnndm.pk")
        .hasMessageContaining("__main__.Example");
  }
}
