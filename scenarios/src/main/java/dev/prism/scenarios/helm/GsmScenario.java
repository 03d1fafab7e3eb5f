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
import java.util.regex.Pattern;

/**
 * {@code helm/gsm}: HELM's {@code GSM8KScenario} (grade-school math word problems). No arguments.
 *
 * <p>Data: {@code grade_school_math/data/{train,test}.jsonl} from openai/grade-school-math, JSON
 * lines {@code {question, answer}}. train → train, test → test, in file order. Input: the question.
 * The one correct reference is the worked answer with the calculator annotations {@code <<…>>}
 * removed, the final {@code "\n#### N"} turned into {@code " The answer is N"}, line breaks turned
 * into spaces, and a final {@code "."}: {@code "Natalia sold 48/2 = 24 clips in May. … The answer
 * is 72."}.
 *
 * <p>Prompt: HELM Lite's {@code gsm} run spec, {@code Q: }/{@code A: }, 5 examples, 400 tokens,
 * stop at a blank line. Metrics {@code exact_match_indicator}, {@code final_number_exact_match}
 * (main).
 */
public final class GsmScenario implements Scenario, DataRequirements {
  static final String ID = "helm/gsm";
  private static final String BASE =
      "https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/";
  private static final Pattern CALCULATOR = Pattern.compile("<<[^>]*>>");

  /** Cheap; data is read in {@link #instances}. */
  public GsmScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "GSM8K: grade-school math word problems with worked answers (HELM gsm)";
  }

  @Override
  public String dataName() {
    return "gsm";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("train.jsonl", BASE + "train.jsonl"),
        DataFile.plain("test.jsonl", BASE + "test.jsonl"));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of());
    List<Instance> result = new ArrayList<>();
    for (String name : List.of("train", "test")) {
      Path file = ScenarioData.require(this, context, name + ".jsonl");
      Split split = name.equals("train") ? Split.TRAIN : Split.TEST;
      List<JsonNode> rows = ScenarioData.readJsonl(file);
      for (int i = 0; i < rows.size(); i++) {
        String question = ScenarioData.text(rows.get(i), "question", file, i);
        String answer = gold(ScenarioData.text(rows.get(i), "answer", file, i));
        result.add(
            Instance.of("id" + result.size(), question, List.of(Reference.correct(answer)), split));
      }
    }
    return List.copyOf(result);
  }

  static String gold(String answer) {
    String text = CALCULATOR.matcher(answer).replaceAll("");
    return text.replace("\n#### ", " The answer is ").replace("\n", " ") + ".";
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", "Q", "A", 400).toBuilder()
        .stopSequences(List.of("\n\n"))
        .build();
  }

  @Override
  public List<String> metrics() {
    return List.of("exact_match_indicator", "final_number_exact_match");
  }

  @Override
  public String mainMetric() {
    return "final_number_exact_match";
  }
}
