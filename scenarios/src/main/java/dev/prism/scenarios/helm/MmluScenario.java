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
import java.util.Map;

/**
 * {@code helm/mmlu}: HELM's {@code MMLUScenario} (Hendrycks et al., 57 subjects). Argument {@code
 * subject} (required, e.g. {@code philosophy}).
 *
 * <p>Data: {@code data.tar} from Hendrycks' site, unpacked to {@code mmlu/data/}; headerless CSV
 * files {@code data/<split>/<subject>_<split>.csv} with rows {@code question, A, B, C, D, answer
 * letter}. Instances are read dev (→ train), val (→ valid), test (→ test), in file order, as HELM
 * does ({@code auxiliary_train} has no per-subject file and is skipped). Every option whose text
 * equals the text of the answer letter's option is tagged {@code correct}, as in HELM.
 *
 * <p>Prompt: HELM's {@code mmlu} run spec, joint multiple choice with the instructions "The
 * following are multiple choice questions (with answers) about {subject}." ({@code _} shown as a
 * space), {@code Question: }/{@code Answer: }, 5 examples, 1 token.
 */
public final class MmluScenario implements Scenario, DataRequirements {
  static final String ID = "helm/mmlu";

  /** The 57 subjects, in HELM's order. */
  public static final List<String> SUBJECTS =
      List.of(
          "abstract_algebra",
          "anatomy",
          "astronomy",
          "business_ethics",
          "clinical_knowledge",
          "college_biology",
          "college_chemistry",
          "college_computer_science",
          "college_mathematics",
          "college_medicine",
          "college_physics",
          "computer_security",
          "conceptual_physics",
          "econometrics",
          "electrical_engineering",
          "elementary_mathematics",
          "formal_logic",
          "global_facts",
          "high_school_biology",
          "high_school_chemistry",
          "high_school_computer_science",
          "high_school_european_history",
          "high_school_geography",
          "high_school_government_and_politics",
          "high_school_macroeconomics",
          "high_school_mathematics",
          "high_school_microeconomics",
          "high_school_physics",
          "high_school_psychology",
          "high_school_statistics",
          "high_school_us_history",
          "high_school_world_history",
          "human_aging",
          "human_sexuality",
          "international_law",
          "jurisprudence",
          "logical_fallacies",
          "machine_learning",
          "management",
          "marketing",
          "medical_genetics",
          "miscellaneous",
          "moral_disputes",
          "moral_scenarios",
          "nutrition",
          "philosophy",
          "prehistory",
          "professional_accounting",
          "professional_law",
          "professional_medicine",
          "professional_psychology",
          "public_relations",
          "security_studies",
          "sociology",
          "us_foreign_policy",
          "virology",
          "world_religions");

  private static final List<String> LETTERS = List.of("A", "B", "C", "D");
  private static final Map<String, Split> SPLITS =
      Map.of("dev", Split.TRAIN, "val", Split.VALID, "test", Split.TEST);

  /** Cheap; data is read in {@link #instances}. */
  public MmluScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "MMLU: multiple-choice questions in 57 subjects (HELM mmlu; subject=…)";
  }

  @Override
  public String dataName() {
    return "mmlu";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.unpacked(
            "data", "https://people.eecs.berkeley.edu/~hendrycks/data.tar", DataFile.Archive.TAR));
  }

  /**
   * @throws PrismUserException for a missing or unknown subject, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of("subject"));
    String subject = HelmArgs.oneOf(ID, context.args(), "subject", SUBJECTS, null);
    List<Instance> result = new ArrayList<>();
    for (String split : List.of("dev", "val", "test")) {
      Path csv =
          ScenarioData.require(
              this, context, "data/" + split + "/" + subject + "_" + split + ".csv");
      int line = 0;
      for (List<String> row : ScenarioData.readCsv(csv)) {
        line++;
        if (row.size() != 6 || !LETTERS.contains(row.get(5))) {
          throw ScenarioData.malformed(
              csv, line, "expected question, 4 options and an answer letter A-D");
        }
        List<String> options = row.subList(1, 5);
        String answer = options.get(LETTERS.indexOf(row.get(5)));
        List<Reference> references = new ArrayList<>();
        for (String option : options) {
          references.add(
              option.equals(answer) ? Reference.correct(option) : Reference.wrong(option));
        }
        result.add(Instance.of("id" + result.size(), row.get(0), references, SPLITS.get(split)));
      }
    }
    return List.copyOf(result);
  }

  /**
   * HELM's prompt for the {@code subject} argument.
   *
   * @throws PrismUserException for a missing or unknown subject
   */
  @Override
  public PromptFormat promptFormat(Map<String, String> args) {
    String subject = HelmArgs.oneOf(ID, args, "subject", SUBJECTS, null);
    return HelmFormats.multipleChoiceJoint(
        "The following are multiple choice questions (with answers) about "
            + subject.replace('_', ' ')
            + ".",
        "Question",
        "Answer");
  }

  /**
   * HELM's format with the subject left out of the instructions, for callers that do not know the
   * arguments; prefer {@link #promptFormat(Map)}.
   */
  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.multipleChoiceJoint(
        "The following are multiple choice questions (with answers).", "Question", "Answer");
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
