package dev.prism.metrics.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.SharedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Recomputes the per-instance efficiency stats that do not need the deployment's tokenizer ({@code
 * num_completion_tokens}, {@code num_output_tokens}, {@code inference_runtime}, {@code
 * finish_reason_*}, {@code num_bytes}) from the request states of the real HELM runs under {@code
 * shared/reference/helm-runs} and compares them with HELM's {@code per_instance_stats.json}.
 * Skipped when the folder is absent.
 */
class HelmRunEfficiencyTests {
  private static final List<String> NAMES =
      List.of(
          "num_completion_tokens",
          "num_output_tokens",
          "inference_runtime",
          "finish_reason_length",
          "finish_reason_stop",
          "finish_reason_endoftext",
          "finish_reason_unknown",
          "num_bytes");

  @TestFactory
  Stream<DynamicTest> matchesHelmPerInstanceStats() throws IOException {
    List<Path> runs = SharedFiles.helmRuns("per_instance_stats.json");
    assertThat(runs).isNotEmpty();
    return runs.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode states = json.readTree(dir.resolve("scenario_state.json").toFile());
    Map<String, Map<String, Double>> ours = new HashMap<>();
    EfficiencyMetric metric = new EfficiencyMetric();
    Instance instance = Fixtures.instance("x", "y");
    for (JsonNode rs : states.get("request_states")) {
      JsonNode req = rs.get("request");
      Request request =
          new Request(
              "d/m",
              req.get("prompt").asText(),
              0,
              1,
              1,
              1,
              List.of(),
              req.path("echo_prompt").asBoolean(false),
              null);
      List<Completion> completions = new ArrayList<>();
      for (JsonNode c : rs.get("result").get("completions")) {
        List<Token> tokens = new ArrayList<>();
        c.get("tokens").forEach(t -> tokens.add(new Token(t.get("text").asText(), 0)));
        JsonNode reason = c.path("finish_reason").path("reason");
        completions.add(
            new Completion(
                c.get("text").asText(), 0, tokens, reason.isTextual() ? reason.asText() : null));
      }
      RequestResult result =
          RequestResult.success(completions, rs.get("result").get("request_time").asDouble());
      RequestState state = new RequestState(instance, 0, null, null, request, Map.of(), 0, false);
      String key = rs.get("instance").get("id").asText() + "/" + rs.get("train_trial_index");
      for (Stat s : metric.evaluate(new RequestOutcome(state, result))) {
        ours.computeIfAbsent(key, k -> new HashMap<>()).merge(s.key().name(), s.sum(), Double::sum);
      }
    }
    int compared = 0;
    for (JsonNode entry : json.readTree(dir.resolve("per_instance_stats.json").toFile())) {
      String key = entry.get("instance_id").asText() + "/" + entry.get("train_trial_index");
      for (JsonNode stat : entry.get("stats")) {
        String name = stat.get("name").get("name").asText();
        if (NAMES.contains(name) && stat.get("name").path("perturbation").isMissingNode()) {
          assertThat(ours.get(key)).as(key).containsKey(name);
          assertThat(ours.get(key).get(name))
              .as(key + " " + name)
              .isCloseTo(stat.get("sum").asDouble(), within(1e-9));
          compared++;
        }
      }
    }
    assertThat(compared).isPositive();
  }
}
