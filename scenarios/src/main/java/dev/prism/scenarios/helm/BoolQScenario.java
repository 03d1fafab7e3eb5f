package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code helm/boolq}: HELM's {@code BoolQScenario} (yes/no questions about a Wikipedia passage). No
 * arguments.
 *
 * <p>Data: HELM's mirror of BoolQ on the Hugging Face Hub ({@code
 * stanford-crfm/helm-scenarios/boolq/{train,dev}.jsonl}, the original bucket being gone), JSON
 * lines {@code {question, passage, answer: bool}}. train → train, dev → valid, in file order. Input
 * is HELM's {@code PassageQuestionInput(passage, question.strip().capitalize() + "?")}: {@code
 * passage + "\nQuestion: " + question}; the one reference, {@code Yes} or {@code No}, is correct.
 * HELM's contrast sets (used only by the {@code contrast_sets} perturbation) are not read.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun="Passage", output_noun="Answer")}.
 * Metrics: exact-match family and bias; main {@code quasi_exact_match}.
 */
public final class BoolQScenario implements Scenario, DataRequirements {
  static final String ID = "helm/boolq";
  private static final String BASE =
      "https://huggingface.co/datasets/stanford-crfm/helm-scenarios/resolve/main/boolq/";

  /** Cheap; data is read in {@link #instances}. */
  public BoolQScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "BoolQ: yes/no questions about a Wikipedia passage (HELM boolq)";
  }

  @Override
  public String dataName() {
    return "boolq";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("train.jsonl", BASE + "train.jsonl"),
        DataFile.plain("dev.jsonl", BASE + "dev.jsonl"));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    List<Instance> result = new ArrayList<>();
    for (String name : List.of("train", "dev")) {
      Path file = ScenarioData.require(this, context, name + ".jsonl");
      Split split = name.equals("train") ? Split.TRAIN : Split.VALID;
      List<JsonNode> rows = ScenarioData.readJsonl(file);
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        String question = Py.capitalize(Py.strip(ScenarioData.text(row, "question", file, i)));
        String input = ScenarioData.text(row, "passage", file, i) + "\nQuestion: " + question + "?";
        JsonNode answer = row.get("answer");
        if (answer == null || !answer.isBoolean()) {
          throw ScenarioData.malformed(file, i + 1, "field 'answer' must be true or false");
        }
        String gold = answer.booleanValue() ? "Yes" : "No";
        result.add(
            Instance.of("id" + result.size(), input, List.of(Reference.correct(gold)), split));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", "Passage", "Answer", 5);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.withBias(HelmFormats.EXACT_MATCH);
  }

  @Override
  public String mainMetric() {
    return "quasi_exact_match";
  }
}
