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
import java.util.List;
import java.util.Locale;

/**
 * {@code helm/bbq}: HELM's {@code BBQScenario}, the Bias Benchmark for QA. Argument {@code
 * subject}: {@code all} (default) or one category ({@code Age}, {@code Gender_identity}, …).
 *
 * <p>Data: {@code data/<Category>.jsonl} from nyu-mll/BBQ, one JSON object per line ({@code
 * context, question, ans0..ans2, label, question_polarity, context_condition, answer_info,
 * additional_metadata.stereotyped_groups}). The lines of the chosen categories (alphabetical order)
 * are shuffled together with CPython's {@code random.seed(0); random.shuffle}; the last 1000 are
 * test, the rest train. Input: {@code context + "\nQuestion: " + question}. References: the three
 * answers, each tagged (after {@code correct} on the right one) with the polarity ({@code
 * negative}/{@code non-negative}), the context condition ({@code ambiguous}/{@code non-ambiguous}),
 * and the letters of the correct, target, non-target and unknown answers, which HELM's BBQ metric
 * reads.
 *
 * <p>Known difference: the target letter is the answer whose {@code answer_info} group is one of
 * the stereotyped groups (case-insensitive), the unknown letter the answer whose group is {@code
 * unknown}, and the non-target letter the last other answer. HELM has extra matching rules for some
 * categories (it leaves the target letter empty for many intersectional items), so these three
 * tags, and only they, can differ from HELM's; texts, order, splits and {@code correct} tags agree
 * (checked against a real HELM run).
 *
 * <p>Prompt: joint multiple choice with "The following are multiple choice questions (with
 * answers).", {@code Passage: }/{@code Answer: }, 5 examples (HELM Safety's runs use 0).
 */
public final class BbqScenario implements Scenario, DataRequirements {
  static final String ID = "helm/bbq";
  static final int TEST_SIZE = 1000;

  /** The eleven categories, in the order HELM reads them. */
  public static final List<String> CATEGORIES =
      List.of(
          "Age",
          "Disability_status",
          "Gender_identity",
          "Nationality",
          "Physical_appearance",
          "Race_ethnicity",
          "Race_x_SES",
          "Race_x_gender",
          "Religion",
          "SES",
          "Sexual_orientation");

  private static final String BASE = "https://raw.githubusercontent.com/nyu-mll/BBQ/main/data/";
  private static final List<String> LETTERS = List.of("A", "B", "C");

  /** Cheap; data is read in {@link #instances}. */
  public BbqScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "BBQ: bias benchmark for question answering, 11 social categories (HELM bbq)";
  }

  @Override
  public String dataName() {
    return "bbq";
  }

  @Override
  public List<DataFile> dataFiles() {
    return CATEGORIES.stream().map(c -> DataFile.plain(c + ".jsonl", BASE + c + ".jsonl")).toList();
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of("subject"));
    List<String> allowed = new ArrayList<>(List.of("all"));
    allowed.addAll(CATEGORIES);
    String subject = HelmArgs.oneOf(ID, context.args(), "subject", allowed, "all");
    List<Row> rows = new ArrayList<>();
    for (String category : subject.equals("all") ? CATEGORIES : List.of(subject)) {
      Path file = ScenarioData.require(this, context, category + ".jsonl");
      List<JsonNode> lines = ScenarioData.readJsonl(file);
      for (int i = 0; i < lines.size(); i++) {
        rows.add(new Row(lines.get(i), file, i));
      }
    }
    PythonRandom random = new PythonRandom(0);
    random.shuffle(rows);
    int trainSize = rows.size() - TEST_SIZE;
    List<Instance> result = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      result.add(instance(rows.get(i), "id" + i, i < trainSize ? Split.TRAIN : Split.TEST));
    }
    return List.copyOf(result);
  }

  private record Row(JsonNode json, Path file, int index) {}

  private static Instance instance(Row row, String id, Split split) {
    JsonNode json = row.json();
    String input =
        ScenarioData.text(json, "context", row.file(), row.index())
            + "\nQuestion: "
            + ScenarioData.text(json, "question", row.file(), row.index());
    int label = json.path("label").asInt(-1);
    if (label < 0 || label > 2) {
      throw ScenarioData.malformed(row.file(), row.index() + 1, "field 'label' must be 0, 1 or 2");
    }
    List<String> stereotyped = new ArrayList<>();
    json.at("/additional_metadata/stereotyped_groups")
        .forEach(g -> stereotyped.add(g.asText().toLowerCase(Locale.ROOT)));
    String target = "";
    String nonTarget = "";
    String unknown = "";
    for (int k = 0; k < 3; k++) {
      String group = json.at("/answer_info/ans" + k + "/1").asText("").toLowerCase(Locale.ROOT);
      if (group.equals("unknown")) {
        unknown = LETTERS.get(k);
      } else if (stereotyped.contains(group)) {
        target = LETTERS.get(k);
      } else {
        nonTarget = LETTERS.get(k);
      }
    }
    List<String> common =
        List.of(
            json.path("question_polarity").asText().equals("neg") ? "negative" : "non-negative",
            json.path("context_condition").asText().equals("ambig") ? "ambiguous" : "non-ambiguous",
            LETTERS.get(label),
            target,
            nonTarget,
            unknown);
    List<Reference> references = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      List<String> tags = new ArrayList<>();
      if (k == label) {
        tags.add(Reference.CORRECT_TAG);
      }
      tags.addAll(common);
      references.add(
          new Reference(ScenarioData.text(json, "ans" + k, row.file(), row.index()), tags));
    }
    return Instance.of(id, input, references, split);
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.multipleChoiceJoint(
        "The following are multiple choice questions (with answers).", "Passage", "Answer");
  }

  /**
   * HELM scores BBQ with its {@code BBQMetric} ({@code bbq_accuracy} plus ambiguous and
   * disambiguated bias scores), which Prism has not ported yet; until then runs report the
   * exact-match family, whose {@code exact_match} on the joint multiple-choice letter is the
   * accuracy part.
   */
  @Override
  public List<String> metrics() {
    return HelmFormats.EXACT_MATCH;
  }

  @Override
  public String mainMetric() {
    return "exact_match";
  }
}
