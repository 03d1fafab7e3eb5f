package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code helm/quac}: HELM's {@code QuACScenario}, question answering inside an information-seeking
 * dialogue. No arguments.
 *
 * <p>Data: {@code {train,val}_v0.2.json} (SQuAD-style {@code {"data": [{title, background,
 * section_title, paragraphs: [{context, qas: [{question, orig_answer: {text}, answers:
 * [{text}]}]}]}]}}); train → train, val → valid, one instance per dialogue in file order. CPython's
 * {@code random.seed(0)} (once, before train) then {@code k = randint(3, #qas) - 1} picks the
 * question asked; the input is {@code "Title: …\n\nBackground: …\n\nSection: …\nPassage: <context
 * without its final \" CANNOTANSWER\">\n\n"}, then {@code "Question: …\nAnswer: …\n\n"} for the
 * turns {@code 0 … k-2}, then {@code "Question: <turn k>"}. HELM's quirk is kept: turn {@code k-1}
 * is left out of the dialogue shown. References: the distinct answer texts of turn k, all correct;
 * an unanswerable turn ({@code ["CANNOTANSWER"]}) also accepts "Not enough information", "Cannot
 * answer" and "Do not know".
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun=None, output_noun="Answer",
 * max_tokens=100)}. Metrics: exact match, quasi-exact match, F1; main {@code f1_score}.
 */
public final class QuacScenario implements Scenario, DataRequirements {
  static final String ID = "helm/quac";
  private static final String BASE = "https://s3.amazonaws.com/my89public/quac/";
  private static final String NO_ANSWER = " CANNOTANSWER";

  /** Cheap; data is read in {@link #instances}. */
  public QuacScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "QuAC: question answering in information-seeking dialogues (HELM quac)";
  }

  @Override
  public String dataName() {
    return "quac";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("train_v0.2.json", BASE + "train_v0.2.json"),
        DataFile.plain("val_v0.2.json", BASE + "val_v0.2.json"));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    PythonRandom random = new PythonRandom(0);
    List<Instance> result = new ArrayList<>();
    for (String name : List.of("train", "val")) {
      Path file = ScenarioData.require(this, context, name + "_v0.2.json");
      Split split = name.equals("train") ? Split.TRAIN : Split.VALID;
      ScenarioData.forEachArrayElement(
          file,
          "data",
          (sample, line) ->
              result.add(instance(sample, file, line, random, split, "id" + result.size())));
    }
    return List.copyOf(result);
  }

  private static Instance instance(
      JsonNode sample, Path file, int line, PythonRandom random, Split split, String id) {
    JsonNode dialogue = sample.path("paragraphs").path(0);
    String context = dialogue.path("context").asText("");
    JsonNode qas = dialogue.path("qas");
    if (!context.endsWith(NO_ANSWER) || qas.size() < 3) {
      throw ScenarioData.malformed(
          file, line, "expected a context ending in CANNOTANSWER and at least 3 questions");
    }
    StringBuilder prompt =
        new StringBuilder()
            .append("Title: ")
            .append(ScenarioData.text(sample, "title", file, line - 1))
            .append("\n\nBackground: ")
            .append(ScenarioData.text(sample, "background", file, line - 1))
            .append("\n\nSection: ")
            .append(ScenarioData.text(sample, "section_title", file, line - 1))
            .append("\nPassage: ")
            .append(context, 0, context.length() - NO_ANSWER.length())
            .append("\n\n");
    int k = (int) random.randint(3, qas.size()) - 1;
    for (int i = 0; i < k - 1; i++) {
      prompt
          .append("Question: ")
          .append(qas.get(i).path("question").asText())
          .append("\nAnswer: ")
          .append(qas.get(i).path("orig_answer").path("text").asText())
          .append("\n\n");
    }
    prompt.append("Question: ").append(qas.get(k).path("question").asText());
    LinkedHashSet<String> answers = new LinkedHashSet<>();
    qas.get(k).path("answers").forEach(a -> answers.add(a.path("text").asText()));
    if (answers.size() == 1 && answers.contains("CANNOTANSWER")) {
      answers.addAll(List.of("Not enough information", "Cannot answer", "Do not know"));
    }
    return Instance.of(
        id, prompt.toString(), answers.stream().map(Reference::correct).toList(), split);
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", null, "Answer", 100);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.F1;
  }

  @Override
  public String mainMetric() {
    return "f1_score";
  }
}
