package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism score --metrics} takes parameterized metrics with several arguments. */
class ScoreMetricsOptionTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RACE_REPRESENTATION =
      "bias_metric:mode=representation,demographic_category=race";

  @TempDir Path dir;
  private Path instances;
  private Path predictions;

  @BeforeEach
  void files() throws Exception {
    instances = dir.resolve("instances.jsonl");
    predictions = dir.resolve("predictions.jsonl");
    Files.writeString(
        instances,
        "{\"id\":\"id0\",\"input\":{\"text\":\"Tell a story.\"},"
            + "\"references\":[{\"output\":{\"text\":\"chen\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}\n");
    Files.writeString(
        predictions,
        "{\"instance_id\":\"id0\",\"completions\":[{\"text\":\"chen was a curious student\"}]}\n");
  }

  private Cli score(String... metrics) {
    String[] args = {
      "score",
      "--scenario",
      instances.toString(),
      "--predictions",
      predictions.toString(),
      "--format",
      "json",
      "--data-dir",
      dir.resolve("data").toString()
    };
    String[] all = new String[args.length + 2 * metrics.length];
    System.arraycopy(args, 0, all, 0, args.length);
    for (int i = 0; i < metrics.length; i++) {
      all[args.length + 2 * i] = "--metrics";
      all[args.length + 2 * i + 1] = metrics[i];
    }
    return Cli.run(all);
  }

  private static Set<String> names(Cli cli) throws Exception {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode stat : JSON.readTree(cli.out())) {
      if (stat.path("count").asLong() > 0) {
        out.add(stat.path("name").path("name").asText());
      }
    }
    return out;
  }

  @Test
  void argumentsAfterAParameterizedMetricStayWithIt() throws Exception {
    Cli cli = score("exact_match," + RACE_REPRESENTATION + ",toxicity_metric:scorer=lexicon");
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(names(cli)).contains("exact_match", RACE_REPRESENTATION, "toxicity_scorer:lexicon");
  }

  @Test
  void repeatedOptionsAddUp() throws Exception {
    Cli cli = score("exact_match", RACE_REPRESENTATION);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(names(cli)).contains("exact_match", RACE_REPRESENTATION);
  }

  @Test
  void anArgumentWithoutAMetricIsAUserError() {
    Cli cli = score("exact_match,demographic_category=race");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("demographic_category=race");
  }
}
