package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * HELM's own prompt and in-context sampling cases ({@code helm-test-vectors.json}): the prompts
 * must be byte-identical. The cases are pinned below so the test runs anywhere; when the shared
 * reference file can be found above the working directory, every such case in it is checked too.
 */
class HelmPromptVectorsTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SETTING = Pattern.compile("(\\w+)=(\\w+)");

  /** The cases whose metric starts with "prompt:" or is "in_context_sample_examples". */
  static final String PINNED =
"""
[
{"metric": "in_context_sample_examples", "inputs": {"train": [["say no", "no"], ["say yes1", "yes"], ["say yes2", "yes"], ["say yes3", "yes"], ["say yes4", "yes"]], "max_train_instances": 4, "seed": 0}, "expected": ["say yes4", "say no", "say yes1", "say yes3"]},
{"metric": "in_context_sample_examples", "inputs": {"train": [["prompt1", "reference1"], ["prompt2", "reference2"], ["prompt3", "reference3"], ["prompt4", "reference4"], ["prompt5", "reference5"], ["prompt6", "reference6"], ["prompt7", "reference7"], ["prompt8", "reference8"], ["prompt9", "reference9"]], "max_train_instances": 3, "seed": 0}, "expected": ["prompt8", "prompt6", "prompt2"]},
{"metric": "in_context_sample_examples", "inputs": {"train": [["prompt1", "reference1"], ["prompt2", "reference2"], ["prompt3", "reference3"], ["prompt4", "reference4"], ["prompt5", "reference5"], ["prompt6", "reference6"], ["prompt7", "reference7"], ["prompt8", "reference8"], ["prompt9", "reference9"]], "max_train_instances": 3, "seed": 1}, "expected": ["prompt6", "prompt7", "prompt8"]},
{"metric": "prompt:multiple_choice_joint (default AdapterSpec, max_train_instances=3, seed 0)", "inputs": {"train": [["one", ["0", "1"], 0], ["two", ["2", "3"], 0], ["three", ["4", "5"], 0], ["four", ["6", "7"], 1], ["five", ["8", "9"], 1]], "eval": ["eval", ["10", "11"], 1]}, "expected": {"prompt": "Input: three\\nA. 4\\nB. 5\\nOutput: A\\n\\nInput: two\\nA. 2\\nB. 3\\nOutput: A\\n\\nInput: one\\nA. 0\\nB. 1\\nOutput: A\\n\\nInput: eval\\nA. 10\\nB. 11\\nOutput:", "output_mapping": {"A": "10", "B": "11"}}},
{"metric": "prompt:multiple_choice_joint (multi_label=False, sample_train=False)", "inputs": {"train": [["Second reference is correct", ["First", "Second", "Third"], [1]], ["First and second references are correct", ["First", "Second", "Third"], [0, 1]]], "eval": ["First reference is correct", ["First", "Second", "Third"], [0]]}, "expected": "Input: Second reference is correct\\nA. First\\nB. Second\\nC. Third\\nOutput: B\\n\\nInput: First and second references are correct\\nA. First\\nB. Second\\nC. Third\\nOutput: A\\n\\nInput: First reference is correct\\nA. First\\nB. Second\\nC. Third\\nOutput:"},
{"metric": "prompt:multiple_choice_joint (multi_label=True, sample_train=False)", "inputs": {"train": [["Second reference is correct", ["First", "Second", "Third"], [1]], ["First and second references are correct", ["First", "Second", "Third"], [0, 1]]], "eval": ["First reference is correct", ["First", "Second", "Third"], [0]]}, "expected": "Input: Second reference is correct\\nA. First\\nB. Second\\nC. Third\\nOutput: B\\n\\nInput: First and second references are correct\\nA. First\\nB. Second\\nC. Third\\nOutput: A, B\\n\\nInput: First reference is correct\\nA. First\\nB. Second\\nC. Third\\nOutput:"},
{"metric": "prompt:generation (multi_label=False, sample_train=False)", "inputs": {"train": [["Second reference is correct", ["First", "Second", "Third"], [1]], ["First and second references are correct", ["First", "Second", "Third"], [0, 1]]], "eval": ["First reference is correct", ["First", "Second", "Third"], [0]]}, "expected": "Input: Second reference is correct\\nOutput: Second\\n\\nInput: First and second references are correct\\nOutput: First\\n\\nInput: First reference is correct\\nOutput:"},
{"metric": "prompt:generation (multi_label=True, sample_train=False)", "inputs": {"train": [["Second reference is correct", ["First", "Second", "Third"], [1]], ["First and second references are correct", ["First", "Second", "Third"], [0, 1]]], "eval": ["First reference is correct", ["First", "Second", "Third"], [0]]}, "expected": "Input: Second reference is correct\\nOutput: Second\\n\\nInput: First and second references are correct\\nOutput: First, Second\\n\\nInput: First reference is correct\\nOutput:"}
]""";

  @TestFactory
  Stream<DynamicTest> pinnedCases() throws IOException {
    JsonNode cases = JSON.readTree(PINNED);
    assertThat(cases).hasSize(8);
    return tests(cases);
  }

  @TestFactory
  Stream<DynamicTest> casesInSharedReferenceFile() throws IOException {
    Optional<Path> file = findUp(Path.of("shared", "reference", "helm-test-vectors.json"));
    Assumptions.assumeTrue(file.isPresent(), "shared/reference/helm-test-vectors.json not found");
    List<JsonNode> relevant = new ArrayList<>();
    for (JsonNode c : JSON.readTree(Files.readString(file.get()))) {
      String metric = c.path("metric").asText();
      if (metric.startsWith("prompt:") || metric.equals("in_context_sample_examples")) {
        relevant.add(c);
      }
    }
    assertThat(relevant).isNotEmpty();
    return tests(JSON.valueToTree(relevant));
  }

  static Optional<Path> findUp(Path relative) {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Stream<DynamicTest> tests(JsonNode cases) {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (JsonNode c : cases) {
      String metric = c.get("metric").asText();
      String name = (n++) + ": " + metric;
      if (metric.equals("in_context_sample_examples")) {
        tests.add(DynamicTest.dynamicTest(name, () -> checkSampling(c)));
      } else {
        tests.add(DynamicTest.dynamicTest(name, () -> checkPrompt(c)));
      }
    }
    return tests.stream();
  }

  private static void checkSampling(JsonNode c) {
    JsonNode in = c.get("inputs");
    List<Instance> train = new ArrayList<>();
    for (JsonNode t : in.get("train")) {
      train.add(
          Instance.of(
              "id" + train.size(),
              t.get(0).asText(),
              List.of(Reference.correct(t.get(1).asText())),
              Split.TRAIN));
    }
    List<Instance> chosen =
        InContextSampler.sample(
            train, in.get("max_train_instances").asInt(), in.get("seed").asInt(), true);
    List<String> expected = new ArrayList<>();
    c.get("expected").forEach(e -> expected.add(e.asText()));
    assertThat(chosen).extracting(Instance::input).containsExactlyElementsOf(expected);
  }

  private static void checkPrompt(JsonNode c) {
    String metric = c.get("metric").asText();
    PromptFormat format = formatOf(metric);
    JsonNode in = c.get("inputs");
    List<Instance> instances = new ArrayList<>();
    for (JsonNode t : in.get("train")) {
      instances.add(instance("train" + instances.size(), t, Split.TRAIN));
    }
    instances.add(instance("eval", in.get("eval"), Split.TEST));

    List<RequestState> states = RequestPlanner.plan(instances, format, "test/model");

    assertThat(states).hasSize(1);
    JsonNode expected = c.get("expected");
    String expectedPrompt =
        expected.isTextual() ? expected.asText() : expected.get("prompt").asText();
    assertThat(states.get(0).request().prompt()).isEqualTo(expectedPrompt);
    if (expected.has("output_mapping")) {
      Map<String, String> mapping = new LinkedHashMap<>();
      expected
          .get("output_mapping")
          .properties()
          .forEach(e -> mapping.put(e.getKey(), e.getValue().asText()));
      assertThat(states.get(0).outputMapping()).isEqualTo(mapping);
    }
  }

  /**
   * The format a metric label describes, e.g. {@code prompt:generation (multi_label=True,
   * sample_train=False)}: HELM's AdapterSpec defaults plus the listed settings.
   */
  static PromptFormat formatOf(String metric) {
    Matcher m = Pattern.compile("prompt:(\\w+) \\((.*)\\)").matcher(metric);
    assertThat(m.matches()).as("metric label %s", metric).isTrue();
    PromptFormat.Builder b =
        PromptFormat.defaults().toBuilder().method(PromptMethod.fromHelmName(m.group(1)));
    for (String part : m.group(2).split(",\\s*")) {
      Matcher s = SETTING.matcher(part);
      if (s.matches()) {
        String value = s.group(2);
        switch (s.group(1)) {
          case "multi_label" ->
              b.multiLabel(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
          case "sample_train" ->
              b.sampleTrain(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
          case "max_train_instances" -> b.maxTrainInstances(Integer.parseInt(value));
          default -> throw new AssertionError("unknown setting in " + metric + ": " + part);
        }
      } else if (!part.equals("default AdapterSpec") && !part.equals("seed 0")) {
        throw new AssertionError("unknown setting in " + metric + ": " + part);
      }
    }
    return b.build();
  }

  /** {@code [input, [reference texts], correct index or [indices]]}. */
  private static Instance instance(String id, JsonNode spec, Split split) {
    List<Integer> correct = new ArrayList<>();
    if (spec.get(2).isArray()) {
      spec.get(2).forEach(i -> correct.add(i.asInt()));
    } else {
      correct.add(spec.get(2).asInt());
    }
    List<Reference> refs = new ArrayList<>();
    JsonNode texts = spec.get(1);
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i).asText();
      refs.add(correct.contains(i) ? Reference.correct(text) : Reference.wrong(text));
    }
    return Instance.of(id, spec.get(0).asText(), refs, split);
  }
}
