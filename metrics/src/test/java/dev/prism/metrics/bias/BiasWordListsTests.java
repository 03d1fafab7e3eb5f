package dev.prism.metrics.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.SkippedMetric;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.UsesDataDir;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading HELM's {@code bias_word_lists.py} format, and the metric without the file. */
class BiasWordListsTests {
  private static final String RACE_ADJECTIVE =
      "bias_metric:mode=associations,demographic_category=race,target_category=adjective";

  @TempDir Path dir;

  /**
   * The data folder holding {@code bias_word_lists/bias_word_lists.py}, a fixture in HELM's format.
   */
  static Path fixtureDataDir() {
    try {
      return Path.of(BiasWordListsTests.class.getResource("data").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsBothTargetListsFromTheFixture() {
    BiasWordLists lists = BiasWordLists.read(BiasWordLists.location(fixtureDataDir()));
    assertThat(lists.adjectives()).containsExactly("curious", "patient", "loud", "cheerful");
    assertThat(lists.professions()).containsExactly("student", "teacher", "nurse");
  }

  @Test
  void downloadEntryIsPinnedToAHelmCommit() {
    assertThat(BiasWordLists.SOURCE_URL)
        .startsWith(
            "https://raw.githubusercontent.com/stanford-crfm/helm/" + BiasWordLists.HELM_COMMIT)
        .endsWith("/src/helm/benchmark/metrics/bias_word_lists.py");
    assertThat(BiasWordLists.HELM_COMMIT).matches("[0-9a-f]{40}");
    assertThat(BiasWordLists.location(dir))
        .isEqualTo(dir.resolve("bias_word_lists/bias_word_lists.py"));
  }

  @Test
  void pythonLexicalRules() {
    String source =
        String.join(
            "\n",
            "'''X = [\"not\", \"this\"]'''",
            "A = ['a\\'b', r'c\\d', \"\\x41\\u00e9\\N\", 'e' # comment, ]",
            "  'f']",
            "B: Dict[str, List[str]] = {'k': A}",
            "C = [1, 2]",
            "D = [\"x\"] + A",
            "if A == ['z']:",
            "    E = ['inner']",
            "F = \\",
            "  []",
            "A = ['last', 'wins',]");
    Map<String, PythonListLiterals.Assignment> parsed = PythonListLiterals.parse(source, "t.py");
    assertThat(parsed).containsOnlyKeys("A", "B", "C", "D", "F");
    assertThat(parsed.get("A").strings()).containsExactly("last", "wins");
    assertThat(parsed.get("A").line()).isEqualTo(11);
    assertThat(parsed.get("B").strings()).isNull();
    assertThat(parsed.get("C").strings()).isNull();
    assertThat(parsed.get("D").strings()).isNull();
    assertThat(parsed.get("F").strings()).isEmpty();
    Map<String, PythonListLiterals.Assignment> first =
        PythonListLiterals.parse(source.substring(0, source.indexOf("\nB:")), "t.py");
    assertThat(first.get("A").strings()).containsExactly("a'b", "c\\d", "Aé\\N", "ef");
  }

  @Test
  void malformedFilesNameFileAndLine() throws IOException {
    Path file = write("X = [\n  \"open\n]\n");
    assertThatThrownBy(() -> BiasWordLists.read(file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(file + ":2: unterminated string literal")
        .satisfies(
            e ->
                assertThat(((PrismUserException) e).hint())
                    .contains("prism download bias_word_lists --force"));
    Path noProfessions = write("ADJECTIVE_LIST = ['a']\nPROFESSION_LIST = [x for x in y]\n");
    assertThatThrownBy(() -> BiasWordLists.read(noProfessions))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(noProfessions + ":2: PROFESSION_LIST is not a non-empty list");
    Path noAdjectives = write("PROFESSION_LIST = ['a']\n");
    assertThatThrownBy(() -> BiasWordLists.read(noAdjectives))
        .hasMessageContaining("no top-level assignment to ADJECTIVE_LIST");
    assertThatThrownBy(() -> BiasWordLists.read(write("X = [1, 2\n")))
        .hasMessageContaining("unclosed bracket");
  }

  @Test
  void withoutTheFileAssociationsAreSkippedWithTheDownloadCommandAndRepresentationRuns() {
    MetricRegistry registry = MetricRegistry.load().withDataDir(dir);
    List<Metric> bias = registry.resolve(List.of("bias"));
    RunStats run =
        StatsAggregator.aggregate(
            List.of(
                Fixtures.outcome(Fixtures.instance("id0", "x"), "she was a curious student"),
                Fixtures.outcome(Fixtures.instance("id1", "x"), "he was a nurse")),
            bias);
    List<String> skipped = new ArrayList<>();
    for (SkippedMetric s : run.skipped()) {
      assertThat(s.reason())
          .isEqualTo(
              "HELM's adjective and profession word lists are not in "
                  + dir.resolve("bias_word_lists/bias_word_lists.py")
                  + "; run: prism download bias_word_lists");
      skipped.add(s.metricId());
    }
    assertThat(skipped).hasSize(4).allMatch(id -> id.contains("mode=associations"));
    String gender = "bias_metric:mode=representation,demographic_category=gender";
    assertThat(run.find(new MetricKey(gender, "test", null, null)).orElseThrow().mean())
        .isCloseTo(0.0, within(1e-12));
    assertThat(run.stats()).noneMatch(s -> s.key().name().contains("associations"));
  }

  @Test
  void theRegistryBindsEveryVariantToTheDataFolder() {
    MetricRegistry registry = MetricRegistry.load().withDataDir(fixtureDataDir());
    Metric metric = registry.resolve(List.of(RACE_ADJECTIVE)).get(0);
    RunStats run =
        StatsAggregator.aggregate(
            List.of(Fixtures.outcome(Fixtures.instance("id0", "x"), "chen was a curious student")),
            List.of(metric));
    assertThat(run.skipped()).isEmpty();
    assertThat(run.find(new MetricKey(RACE_ADJECTIVE, "test", null, null)).orElseThrow().mean())
        .isCloseTo(0.6666666666666666, within(1e-12));
  }

  @Test
  void meanOfTargetBiasesIsNumpysPairwiseSum() {
    // 0.1 ten times: sequential summation gives 0.9999999999999999, numpy's pairwise sum 1.0.
    List<Double> tenths = java.util.Collections.nCopies(10, 0.1);
    assertThat(BiasMetric.pairwiseSum(tenths, 0, 10)).isEqualTo(1.0);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      values.add(1.0 / (i + 3));
    }
    // Expected from numpy 2.4: float(np.array([1/(i+3) for i in range(300)]).sum()).
    assertThat(BiasMetric.pairwiseSum(values, 0, 300)).isEqualTo(NUMPY_SUM_300);
  }

  /**
   * Runs where HELM's real file has been downloaded ({@code prism download bias_word_lists} into
   * {@code $PRISM_DATA_DIR} or {@code ~/.prism/data}): its sizes match helm-notes and its
   * demographic lists equal the ones built into {@link BiasMetric}.
   */
  @Test
  void helmsDownloadedFileAgreesWithTheBuiltInDemographicLists() throws IOException {
    Path file = BiasWordLists.location(UsesDataDir.defaultDataDir());
    assumeTrue(Files.isRegularFile(file), () -> file + " not downloaded; skipping");
    BiasWordLists lists = BiasWordLists.read(file);
    assertThat(lists.adjectives()).hasSize(422).doesNotHaveDuplicates();
    assertThat(lists.professions()).hasSize(288).doesNotHaveDuplicates();
    Map<String, PythonListLiterals.Assignment> all =
        PythonListLiterals.parse(Files.readString(file), file.toString());
    Map<String, java.util.Set<String>> gender = BiasMetric.WordLists.DEMOGRAPHIC.get("gender");
    Map<String, java.util.Set<String>> race = BiasMetric.WordLists.DEMOGRAPHIC.get("race");
    assertThat(all.get("FEMALE_WORDS").strings())
        .containsExactlyInAnyOrderElementsOf(gender.get("female"));
    assertThat(all.get("MALE_WORDS").strings())
        .containsExactlyInAnyOrderElementsOf(gender.get("male"));
    assertThat(all.get("ASIAN_NAMES").strings())
        .containsExactlyInAnyOrderElementsOf(race.get("asian"));
    assertThat(all.get("HISPANIC_NAMES").strings())
        .containsExactlyInAnyOrderElementsOf(race.get("hispanic"));
    assertThat(all.get("WHITE_NAMES").strings())
        .containsExactlyInAnyOrderElementsOf(race.get("white"));
  }

  private static final double NUMPY_SUM_300 = 4.789297397713862; // sequential: ...856

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "lists", ".py");
    Files.writeString(file, text);
    return file;
  }
}
