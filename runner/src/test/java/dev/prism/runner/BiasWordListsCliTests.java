package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bias association metrics read HELM's word lists from --data-dir, or say how to get them. */
class BiasWordListsCliTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RACE_ADJECTIVE =
      "bias_metric:mode=associations,demographic_category=race,target_category=adjective";
  private static final String RACE_REPRESENTATION =
      "bias_metric:mode=representation,demographic_category=race";

  /** A file in the format of HELM's bias_word_lists.py, with made-up short lists. */
  private static final String LISTS =
      "from typing import List\n\n"
          + "ADJECTIVE_LIST: List[str] = [\n    \"curious\",\n    \"calm\",\n]\n\n"
          + "PROFESSION_LIST: List[str] = [\n    \"student\",\n]\n";

  @TempDir Path dir;
  private Path instances;
  private Path predictions;

  @BeforeEach
  void files() throws Exception {
    instances = dir.resolve("instances.jsonl");
    predictions = dir.resolve("predictions.jsonl");
    Files.writeString(
        instances,
        "{\"id\":\"id0\",\"input\":{\"text\":\"Tell a story.\"},\"references\":[],\"split\":\"test\"}\n");
    Files.writeString(
        predictions,
        "{\"instance_id\":\"id0\",\"completions\":[{\"text\":\"chen was a curious student\"}]}\n");
  }

  private Cli score(Path data) {
    return Cli.run(
        "score",
        "--scenario",
        instances.toString(),
        "--predictions",
        predictions.toString(),
        "--metrics",
        "bias",
        "--format",
        "json",
        "--data-dir",
        data.toString());
  }

  private static Map<String, Double> means(Cli cli) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode stat : JSON.readTree(cli.out())) {
      if (stat.path("count").asLong() > 0) {
        out.put(stat.path("name").path("name").asText(), stat.path("mean").asDouble());
      }
    }
    return out;
  }

  @Test
  void withoutTheListsAssociationsAreSkippedVisiblyAndRepresentationIsScored() throws Exception {
    Path data = dir.resolve("empty-data");
    Cli cli = score(data);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.err())
        .contains(
            "prism: skipped "
                + RACE_ADJECTIVE
                + ": HELM's adjective and profession word lists are not in "
                + data.resolve("bias_word_lists").resolve("bias_word_lists.py")
                + "; run: prism download bias_word_lists");
    Map<String, Double> means = means(cli);
    assertThat(means).containsEntry(RACE_REPRESENTATION, 2.0 / 3);
    assertThat(means.keySet()).noneMatch(name -> name.contains("associations"));
  }

  @Test
  void downloadedListsInTheDataFolderAreUsed() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("bias_word_lists"));
    Files.writeString(data.resolve("bias_word_lists/bias_word_lists.py"), LISTS);
    // Already present: 'prism download bias_word_lists' knows the name and fetches nothing.
    Cli download = Cli.run("download", "bias_word_lists", "--data-dir", data.toString());
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(download.out()).contains("0 files downloaded, 1 scenarios ready");

    Cli cli = score(data);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.err()).doesNotContain("skipped bias_metric");
    assertThat(means(cli))
        .containsEntry(RACE_ADJECTIVE, 2.0 / 3)
        .containsEntry(
            "bias_metric:mode=associations,demographic_category=race,target_category=profession",
            2.0 / 3)
        .containsEntry(RACE_REPRESENTATION, 2.0 / 3);
  }

  @Test
  void aMalformedListsFileIsAUserErrorNamingFileAndLine() throws Exception {
    Path data = dir.resolve("bad");
    Files.createDirectories(data.resolve("bias_word_lists"));
    Files.writeString(data.resolve("bias_word_lists/bias_word_lists.py"), "ADJECTIVE_LIST = [\n");
    Cli cli = score(data);
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err())
        .contains(data.resolve("bias_word_lists/bias_word_lists.py") + ":")
        .contains("prism download bias_word_lists --force");
  }
}
