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
 * {@code helm/hellaswag}: HELM's {@code HellaSwagScenario} ({@code commonsense:dataset=hellaswag}),
 * choosing the most plausible continuation. No arguments.
 *
 * <p>Data: {@code hellaswag_{train,val}.jsonl} from rowanz/hellaswag, JSON lines {@code
 * {activity_label, ctx_a, ctx_b, endings[4], label}}. train → train, val → valid, in file order.
 * Input {@code "<activity_label>: <ctx_a> <ctx_b.capitalize()>"} (Python's {@code capitalize});
 * references are the four endings, the one at {@code label} correct.
 *
 * <p>Prompt: joint multiple choice with "The following are multiple choice questions (with answers)
 * about common sense.", as in the HELM runs with {@code method=multiple_choice_joint}. HELM Classic
 * ran HellaSwag with {@code multiple_choice_separate_original} (per-option log-probabilities),
 * which the run entry {@code method=multiple_choice_separate_original} selects. Metrics:
 * exact-match family, main {@code exact_match}.
 */
public final class HellaSwagScenario implements Scenario, DataRequirements {
  static final String ID = "helm/hellaswag";
  private static final String BASE =
      "https://raw.githubusercontent.com/rowanz/hellaswag/master/data/";

  /** Cheap; data is read in {@link #instances}. */
  public HellaSwagScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "HellaSwag: pick the most plausible continuation (HELM commonsense:dataset=hellaswag)";
  }

  @Override
  public String dataName() {
    return "hellaswag";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("hellaswag_train.jsonl", BASE + "hellaswag_train.jsonl"),
        DataFile.plain("hellaswag_val.jsonl", BASE + "hellaswag_val.jsonl"));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    List<Instance> result = new ArrayList<>();
    for (String name : List.of("train", "val")) {
      Path file = ScenarioData.require(this, context, "hellaswag_" + name + ".jsonl");
      Split split = name.equals("train") ? Split.TRAIN : Split.VALID;
      List<JsonNode> rows = ScenarioData.readJsonl(file);
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        String input =
            ScenarioData.text(row, "activity_label", file, i)
                + ": "
                + ScenarioData.text(row, "ctx_a", file, i)
                + " "
                + Py.capitalize(ScenarioData.text(row, "ctx_b", file, i));
        JsonNode endings = ScenarioData.node(row, "endings", file, i);
        int label = row.path("label").asInt(-1);
        if (label < 0 || label >= endings.size()) {
          throw ScenarioData.malformed(file, i + 1, "field 'label' must index 'endings'");
        }
        List<Reference> references = new ArrayList<>();
        for (int e = 0; e < endings.size(); e++) {
          String ending = endings.get(e).asText();
          references.add(e == label ? Reference.correct(ending) : Reference.wrong(ending));
        }
        result.add(Instance.of("id" + result.size(), input, references, split));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public PromptFormat promptFormat() {
    return commonSense();
  }

  static PromptFormat commonSense() {
    return HelmFormats.multipleChoiceJoint(
        "The following are multiple choice questions (with answers) about common sense.",
        "Question",
        "Answer");
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.EXACT_MATCH;
  }

  @Override
  public String mainMetric() {
    return "exact_match";
  }
}
