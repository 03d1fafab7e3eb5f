package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbScenarioTests {
  private final ImdbScenario scenario = new ImdbScenario();

  // Expectations follow HELM's IMDBScenario.get_instances: train then test (valid) folders, pos
  // then neg, files in the pinned order; a review whose stripped text is the original of a pair in
  // {test,dev}_{original,contrast}.tsv (zip of the lines after the headers) moves to valid. The
  // fixture's pairs: 2_1.txt (train, test pair) and 5_3.txt (test, dev pair); test_original.tsv's
  // second line (4_2.txt's text) has no contrast line, so zip drops it.

  @Test
  void readsFilesInPinnedOrderAndMovesContrastOriginalsToValid() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of()));

    assertThat(instances).hasSize(6);
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
    assertThat(instances.get(3).input()).isEqualTo("One of the best films of the decade.");
    assertThat(instances.get(4).input()).isEqualTo("I walked out after twenty minutes.");
    assertThat(instances.get(5).input()).isEqualTo("Dull, slow and far too long.");
  }

  @Test
  void onlyContrastKeepsTrainAndContrastedReviews() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("only_contrast", "true")));

    // 3_10.txt (no pair) and 4_2.txt (its original line has no contrast partner) are left out.
    assertThat(instances).hasSize(4);
    assertThat(HelmFixtures.ids(instances)).containsExactly("id0", "id1", "id2", "id3");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID);
    assertThat(instances.get(0).input())
        .isEqualTo("A touching drama with a superb cast. 2 thumbs up.<br /><br />See it.");
    assertThat(instances.get(0).references()).containsExactly(Reference.correct("Positive"));
    Instance firstEval = instances.get(2);
    assertThat(firstEval.input()).isEqualTo("The plot made no sense and the acting was wooden.");
    assertThat(firstEval.references()).containsExactly(Reference.correct("Negative"));
    assertThat(instances.get(3).input()).isEqualTo("I walked out after twenty minutes.");
    assertThat(instances.get(3).references()).containsExactly(Reference.correct("Negative"));
  }

  /** A copy of the fixture whose {@code file} is replaced by {@code content}. */
  private static ScenarioContext withFile(Path dir, String file, String content)
      throws IOException {
    Path source = HelmFixtures.dataDir().resolve("imdb");
    Path target = dir.resolve("imdb");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path copy = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(p, copy);
        }
      }
    }
    Files.writeString(target.resolve(file), content);
    return new ScenarioContext(Map.of(), dir);
  }

  @Test
  void aMalformedContrastLineIsReportedWithItsFileAndLine(@TempDir Path dir) throws IOException {
    // HELM splits the contrast line too (and looks its label up), so a bad one stops it.
    ScenarioContext context =
        withFile(dir, "test_contrast.tsv", "Sentiment\tText\nPositiv\tMisspelt label.\n");

    assertThatThrownBy(() -> scenario.instances(context))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("test_contrast.tsv:2")
        .hasMessageContaining("Positive|Negative");
  }

  @Test
  void anOriginalReviewTwiceInOnePairOfFilesIsAnError(@TempDir Path dir) throws IOException {
    // HELM: assert orig_context not in contrast_map (per pair of files).
    ScenarioContext context =
        withFile(dir, "dev_original.tsv", "Sentiment\tText\nNegative\tSame.\nNegative\tSame.\n");

    assertThatThrownBy(() -> scenario.instances(context))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("dev_original.tsv:3")
        .hasMessageContaining("twice");
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
