package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code helm/humaneval}: HELM's {@code CodeScenario(dataset=humaneval)} (Chen et al. 2021, 164
 * hand-written Python problems). No arguments.
 *
 * <p>Data: openai/human-eval's {@code HumanEval.jsonl.gz}, JSON lines {@code {task_id, prompt,
 * canonical_solution, test, entry_point}}; a decompressed {@code HumanEval.jsonl} in the same
 * folder is read instead when present (HELM keeps the file decompressed). Problems are keyed by
 * {@code task_id} as HELM's dict does (a repeated id keeps its first position and its last row).
 * Every problem is a test instance ({@code num_train_instances=0, num_val_instances=0}), ids {@code
 * id0…} in file order. Input: the prompt (signature and docstring). The one correct reference is
 * the canonical solution, carrying the whole problem as its {@link Reference#testCases()} for the
 * {@code code_eval} metric, which runs {@code prompt + " " + completion + "\n" + test + "\n" +
 * "check(" + entry_point + ")"}.
 *
 * <p>Prompt: HELM's {@code code:dataset=humaneval} run spec, {@code get_completion_adapter_spec}:
 * the prompt alone, no examples, temperature 0.2, 600 tokens, stop at {@code "\nclass"}, {@code
 * "\ndef"}, {@code "\nif"} or {@code "\nprint"} (from the Codex paper). Metrics {@code
 * code_eval_acc} and {@code pass} (main).
 */
public final class HumanEvalScenario implements Scenario, DataRequirements {
  static final String ID = "helm/humaneval";
  static final String FILE = "HumanEval.jsonl";
  private static final String URL =
      "https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz";
  private static final List<String> FIELDS =
      List.of("task_id", "prompt", "canonical_solution", "test", "entry_point");

  /** Cheap; data is read in {@link #instances}. */
  public HumanEvalScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "HumanEval: Python functions from docstrings, checked by running unit tests (HELM code)";
  }

  @Override
  public String dataName() {
    return "humaneval";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(DataFile.plain(FILE + ".gz", URL));
  }

  /**
   * @throws PrismUserException for arguments, a missing or malformed file
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    Path plain = context.dataDir().resolve(dataName()).resolve(FILE);
    Path file = Files.exists(plain) ? plain : ScenarioData.require(this, context, FILE + ".gz");
    Map<String, Map<String, String>> problems = new LinkedHashMap<>();
    ScenarioData.forEachJsonLine(
        file,
        (row, line) -> {
          Map<String, String> problem = new LinkedHashMap<>();
          for (String field : FIELDS) {
            problem.put(field, field(row, field, file, line));
          }
          problems.put(problem.get("task_id"), problem);
        });
    List<Instance> result = new ArrayList<>(problems.size());
    for (Map<String, String> problem : problems.values()) {
      Reference solution =
          new Reference(problem.get("canonical_solution"), List.of(Reference.CORRECT_TAG), problem);
      result.add(
          Instance.of("id" + result.size(), problem.get("prompt"), List.of(solution), Split.TEST));
    }
    return List.copyOf(result);
  }

  private static String field(JsonNode row, String name, Path file, int line) {
    JsonNode value = row.get(name);
    if (value == null || !value.isTextual()) {
      throw ScenarioData.malformed(file, line, "missing text field '" + name + "'");
    }
    return value.textValue();
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.completion(0.2, 600, List.of("\nclass", "\ndef", "\nif", "\nprint"));
  }

  @Override
  public List<String> metrics() {
    return List.of("code_eval_acc", "pass");
  }

  @Override
  public String mainMetric() {
    return "pass";
  }
}
