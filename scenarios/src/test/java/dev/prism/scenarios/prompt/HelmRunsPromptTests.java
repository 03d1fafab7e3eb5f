package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.RequestState;
import dev.prism.scenarios.io.InstanceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Re-plans the requests of real HELM runs ({@code shared/reference/helm-runs}, skipped when absent)
 * from their stored instances and adapter spec. Zero-shot runs must give HELM's prompts and request
 * settings exactly. Few-shot runs do not store their train instances, so for them the eval block
 * and the instructions are checked.
 */
class HelmRunsPromptTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> helmRunsArePlannedAsHelmDid() throws IOException {
    Optional<Path> root =
        HelmPromptVectorsTests.findUp(Path.of("shared", "reference", "helm-runs", "README.md"));
    Assumptions.assumeTrue(root.isPresent(), "shared/reference/helm-runs not found");
    List<Path> states;
    try (Stream<Path> files = Files.walk(root.get().getParent())) {
      states =
          files
              .filter(p -> p.getFileName().toString().equals("scenario_state.json"))
              .sorted()
              .toList();
    }
    assertThat(states).isNotEmpty();
    return states.stream()
        .map(p -> DynamicTest.dynamicTest(p.getParent().getFileName().toString(), () -> check(p)));
  }

  private static void check(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    JsonNode spec = root.get("adapter_spec");
    PromptFormat format = format(spec);
    List<Instance> instances = new ArrayList<>();
    for (JsonNode rs : root.get("request_states")) {
      instances.add(InstanceJson.fromJson(rs.get("instance")));
    }
    boolean fewShot = format.maxTrainInstances() > 0;
    PromptFormat planned =
        fewShot ? format.toBuilder().instructions("").maxTrainInstances(0).build() : format;

    List<RequestState> mine = RequestPlanner.plan(instances, planned, "x");

    assertThat(mine).hasSize(instances.size());
    for (int i = 0; i < mine.size(); i++) {
      JsonNode helmState = root.get("request_states").get(i);
      JsonNode helm = helmState.get("request");
      RequestState state = mine.get(i);
      String prompt = helm.get("prompt").asText();
      if (fewShot) {
        assertThat(prompt).startsWith(format.instructions()).endsWith(state.request().prompt());
      } else {
        assertThat(state.request().prompt()).isEqualTo(prompt);
      }
      assertThat(state.request().temperature()).isEqualTo(helm.get("temperature").asDouble());
      assertThat(state.request().numCompletions()).isEqualTo(helm.get("num_completions").asInt());
      assertThat(state.request().topKPerToken()).isEqualTo(helm.get("top_k_per_token").asInt());
      assertThat(state.request().maxTokens()).isEqualTo(helm.get("max_tokens").asInt());
      assertThat(state.request().stopSequences()).isEqualTo(texts(helm.get("stop_sequences")));
      Map<String, String> mapping = new LinkedHashMap<>();
      helmState
          .path("output_mapping")
          .properties()
          .forEach(e -> mapping.put(e.getKey(), e.getValue().asText()));
      assertThat(state.outputMapping()).isEqualTo(mapping);
    }
  }

  private static PromptFormat format(JsonNode a) {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.fromHelmName(a.get("method").asText()))
        .globalPrefix(a.path("global_prefix").asText(""))
        .globalSuffix(a.path("global_suffix").asText(""))
        .instructions(a.get("instructions").asText())
        .inputPrefix(a.get("input_prefix").asText())
        .inputSuffix(a.get("input_suffix").asText())
        .referencePrefix(a.get("reference_prefix").asText())
        .referenceSuffix(a.get("reference_suffix").asText())
        .outputPrefix(a.get("output_prefix").asText())
        .outputSuffix(a.get("output_suffix").asText())
        .instancePrefix(a.get("instance_prefix").asText())
        .maxTrainInstances(a.get("max_train_instances").asInt())
        .numOutputs(a.get("num_outputs").asInt())
        .numTrainTrials(a.get("num_train_trials").asInt())
        .sampleTrain(a.get("sample_train").asBoolean())
        .temperature(a.get("temperature").asDouble())
        .maxTokens(a.get("max_tokens").asInt())
        .stopSequences(texts(a.get("stop_sequences")))
        .multiLabel(a.get("multi_label").asBoolean())
        .build();
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }
}
