package dev.prism.scenarios.helm;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code helm/narrative_qa}: HELM's {@code NarrativeQAScenario}, questions about summaries of books
 * and movie scripts. No arguments.
 *
 * <p>Data: the deepmind/narrativeqa repository archive, unpacked to {@code narrativeqa-master/};
 * {@code third_party/wikipedia/summaries.csv} ({@code document_id, set, summary, …}) and {@code
 * qaps.csv} ({@code document_id, set, question, answer1, answer2, …}), with {@code set} one of
 * train, valid, test. For each split in that order, the documents with questions in that split, in
 * order of their first question, each give one instance: a question picked with CPython's {@code
 * random.choice} ({@code random.seed(0)} once, before the train split). Input {@code
 * summary.strip() + "\nQuestion: " + question.strip()} with {@code "?"} appended when missing; both
 * answers are correct references.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun="Passage", output_noun="Answer",
 * max_tokens=100)}. Metrics: exact match, quasi-exact match, F1, ROUGE-L, BLEU-1, BLEU-4 ({@code
 * get_open_ended_generation_metric_specs}); main {@code f1_score}. HELM's run spec adds no bias or
 * toxicity metrics ({@code get_generative_harms_metric_specs()} is empty by default).
 */
public final class NarrativeQaScenario implements Scenario, DataRequirements {
  static final String ID = "helm/narrative_qa";
  private static final String REPO = "narrativeqa-master";

  /** Cheap; data is read in {@link #instances}. */
  public NarrativeQaScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "NarrativeQA: questions about book and movie summaries (HELM narrative_qa)";
  }

  @Override
  public String dataName() {
    return "narrative_qa";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.unpacked(
            REPO,
            "https://github.com/deepmind/narrativeqa/archive/master.zip",
            DataFile.Archive.ZIP));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    Path summariesFile =
        ScenarioData.require(this, context, REPO + "/third_party/wikipedia/summaries.csv");
    Path qapsFile = ScenarioData.require(this, context, REPO + "/qaps.csv");
    List<Map<String, String>> summaries = ScenarioData.readDictCsv(summariesFile, false);
    List<Map<String, String>> qaps = ScenarioData.readDictCsv(qapsFile, false);
    PythonRandom random = new PythonRandom(0);
    List<Instance> result = new ArrayList<>();
    for (Split split : Split.values()) {
      Map<String, String> summaryOf = new HashMap<>();
      for (Map<String, String> row : summaries) {
        if (split.helmName().equals(row.get("set"))) {
          summaryOf.put(row.get("document_id"), value(row, "summary", summariesFile));
        }
      }
      Map<String, List<Map<String, String>>> questionsOf = new LinkedHashMap<>();
      for (Map<String, String> row : qaps) {
        if (split.helmName().equals(row.get("set"))) {
          questionsOf.computeIfAbsent(row.get("document_id"), k -> new ArrayList<>()).add(row);
        }
      }
      for (Map.Entry<String, List<Map<String, String>>> e : questionsOf.entrySet()) {
        Map<String, String> row = random.choice(e.getValue());
        String summary = summaryOf.get(e.getKey());
        if (summary == null) {
          throw ScenarioData.malformed(
              summariesFile, 0, "no " + split.helmName() + " summary for document " + e.getKey());
        }
        String question = Py.strip(value(row, "question", qapsFile));
        if (!question.endsWith("?")) {
          question += "?";
        }
        result.add(
            Instance.of(
                "id" + result.size(),
                Py.strip(summary) + "\nQuestion: " + question,
                List.of(
                    Reference.correct(value(row, "answer1", qapsFile)),
                    Reference.correct(value(row, "answer2", qapsFile))),
                split));
      }
    }
    return List.copyOf(result);
  }

  private static String value(Map<String, String> row, String column, Path file) {
    String value = row.get(column);
    if (value == null) {
      throw ScenarioData.malformed(file, 0, "a row has no column '" + column + "'");
    }
    return value;
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", "Passage", "Answer", 100);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.OPEN_ENDED;
  }

  @Override
  public String mainMetric() {
    return "f1_score";
  }
}
