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
 * {@code helm/openbookqa}: HELM's {@code OpenBookQA} ({@code commonsense:dataset=openbookqa}),
 * elementary science questions with four options. No arguments.
 *
 * <p>Data: AI2's {@code OpenBookQA-V1-Sep2018.zip}, unpacked to {@code
 * openbookqa/OpenBookQA-V1-Sep2018/}; {@code Data/Main/{train,test}.jsonl}, JSON lines {@code
 * {question: {stem, choices: [{text, label}]}, answerKey}}. train → train, test → test, in file
 * order. Input: the stem; references: the choices in order, the one whose label is the answer key
 * correct.
 *
 * <p>Prompt: HELM Lite's joint multiple choice, "… about common sense." (Classic used {@code
 * multiple_choice_separate_calibrated}). Metrics: exact-match family, main {@code exact_match}.
 */
public final class OpenBookQaScenario implements Scenario, DataRequirements {
  static final String ID = "helm/openbookqa";
  private static final String FOLDER = "OpenBookQA-V1-Sep2018";

  /** Cheap; data is read in {@link #instances}. */
  public OpenBookQaScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "OpenBookQA: elementary science multiple choice (HELM commonsense:dataset=openbookqa)";
  }

  @Override
  public String dataName() {
    return "openbookqa";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.unpacked(
            FOLDER,
            "https://ai2-public-datasets.s3.amazonaws.com/open-book-qa/OpenBookQA-V1-Sep2018.zip",
            DataFile.Archive.ZIP));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    List<Instance> result = new ArrayList<>();
    for (String name : List.of("train", "test")) {
      Path file = ScenarioData.require(this, context, FOLDER + "/Data/Main/" + name + ".jsonl");
      Split split = name.equals("train") ? Split.TRAIN : Split.TEST;
      List<JsonNode> rows = ScenarioData.readJsonl(file);
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        JsonNode question = ScenarioData.node(row, "question", file, i);
        String answerKey = ScenarioData.text(row, "answerKey", file, i);
        List<Reference> references = new ArrayList<>();
        for (JsonNode choice : ScenarioData.node(question, "choices", file, i)) {
          String text = ScenarioData.text(choice, "text", file, i);
          boolean correct = ScenarioData.text(choice, "label", file, i).equals(answerKey);
          references.add(correct ? Reference.correct(text) : Reference.wrong(text));
        }
        String stem = ScenarioData.text(question, "stem", file, i);
        result.add(Instance.of("id" + result.size(), stem, references, split));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public PromptFormat promptFormat() {
    return HellaSwagScenario.commonSense();
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
