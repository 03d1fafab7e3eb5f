package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism score --scenario ID:k=v,…} passes the arguments to the scenario, as a run entry. */
class ScoreScenarioArgsTests {
  @TempDir Path dir;

  @Test
  void scenarioArgumentsShapeTheScoredInstances() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i <= 20; i++) {
      lines
          .append("{\"instance_id\":\"id")
          .append(i)
          .append("\",\"completions\":[{\"text\":\"7\"}]}\n");
    }
    Path predictions = Files.writeString(dir.resolve("predictions.jsonl"), lines.toString());
    Cli cli =
        Cli.run(
            "score",
            "--scenario",
            "prism/arithmetic:num_instances=4,seed=1",
            "--predictions",
            predictions.toString(),
            "--format",
            "json");
    assertThat(cli.exit()).as(cli.err()).isZero();
    double instances = -1;
    for (JsonNode stat : new ObjectMapper().readTree(cli.out())) {
      if (stat.at("/name/name").asText().equals("num_instances")
          && stat.at("/name/split").asText().equals("test")) {
        instances = stat.get("sum").asDouble();
      }
    }
    assertThat(instances).isEqualTo(4.0);

    Cli bad =
        Cli.run(
            "score",
            "--scenario",
            "prism/arithmetic:num_instances=x",
            "--predictions",
            predictions.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("num_instances");
  }
}
