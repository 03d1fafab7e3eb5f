package dev.prism.scenarios.helm;

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
 * {@code helm/truthful_qa}: HELM's {@code TruthfulQAScenario(task=mc_single)}, questions that some
 * humans answer falsely. Argument {@code task}: only {@code mc_single} (the default) is supported.
 *
 * <p>Data: {@code TruthfulQA.csv} from sylinrl/TruthfulQA at commit {@code d71c1108…}, with a
 * header row (Type, Category, Question, Best Answer, Correct Answers, Incorrect Answers, Source).
 * Answers are stripped and get a final {@code "."} when they lack one; the incorrect answers are
 * split at {@code ;} (empty parts dropped). References: the incorrect answers, then the best answer
 * (correct), rotated left by {@code ord(best[0]) % n}. The first {@code int(0.2 * rows)} rows are
 * train, the rest valid, in file order.
 *
 * <p>Prompt: joint multiple choice, no instructions, {@code Question: }/{@code Answer: }. Metrics:
 * exact-match family, main {@code exact_match}.
 */
public final class TruthfulQaScenario implements Scenario, DataRequirements {
  static final String ID = "helm/truthful_qa";
  private static final String URL =
      "https://raw.githubusercontent.com/sylinrl/TruthfulQA/"
          + "d71c110897f5d31c5d7f309e7bc316c152f6f031/data/v1/TruthfulQA.csv";
  private static final List<String> COLUMNS =
      List.of("Question", "Best Answer", "Incorrect Answers");

  /** Cheap; data is read in {@link #instances}. */
  public TruthfulQaScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "TruthfulQA: single-answer multiple choice on common misconceptions (HELM truthful_qa)";
  }

  @Override
  public String dataName() {
    return "truthful_qa";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(DataFile.plain("TruthfulQA.csv", URL));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of("task"));
    HelmArgs.oneOf(ID, context.args(), "task", List.of("mc_single"), "mc_single");
    Path file = ScenarioData.require(this, context, "TruthfulQA.csv");
    List<List<String>> rows = ScenarioData.readCsv(file);
    if (rows.isEmpty()) {
      throw ScenarioData.malformed(file, 1, "no header row");
    }
    int[] columns = new int[COLUMNS.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = rows.get(0).indexOf(COLUMNS.get(c));
      if (columns[c] < 0) {
        throw ScenarioData.malformed(file, 1, "no column '" + COLUMNS.get(c) + "'");
      }
    }
    List<List<String>> data = rows.subList(1, rows.size());
    int trainSize = (int) (data.size() * 0.2);
    List<Instance> result = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      List<String> row = data.get(i);
      if (row.size() != rows.get(0).size()) {
        throw ScenarioData.malformed(file, i + 2, "expected " + rows.get(0).size() + " fields");
      }
      String best = answer(row.get(columns[1]));
      if (best.isEmpty()) {
        throw ScenarioData.malformed(file, i + 2, "empty best answer");
      }
      List<Reference> references = new ArrayList<>();
      for (String part : row.get(columns[2]).split(";", -1)) {
        if (!Py.strip(part).isEmpty()) {
          references.add(Reference.wrong(answer(part)));
        }
      }
      references.add(Reference.correct(best));
      int k = best.codePointAt(0) % references.size();
      List<Reference> rotated = new ArrayList<>(references.subList(k, references.size()));
      rotated.addAll(references.subList(0, k));
      Split split = i < trainSize ? Split.TRAIN : Split.VALID;
      result.add(Instance.of("id" + i, Py.strip(row.get(columns[0])), rotated, split));
    }
    return List.copyOf(result);
  }

  /** HELM's {@code format_str}: stripped, with a final {@code "."} added when missing. */
  private static String answer(String raw) {
    String text = Py.strip(raw);
    return text.isEmpty() || text.endsWith(".") ? text : text + ".";
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.multipleChoiceJoint("", "Question", "Answer");
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
