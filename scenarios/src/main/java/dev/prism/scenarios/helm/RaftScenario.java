package dev.prism.scenarios.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.random.NumpyGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code helm/raft}: HELM's {@code RAFTScenario}, the Real-world Annotated Few-shot Tasks. Argument
 * {@code subset} (required, one of {@link #SUBSETS}).
 *
 * <p>Data: the Hugging Face dataset {@code ought/raft} at HELM's pinned revision {@code 9ee50172…}
 * read from its own files, as its loading script {@code raft.py} does: {@code
 * data/<subset>/train.csv} (Python's {@code csv.reader} with {@code skipinitialspace}, a header
 * row), with the {@code Label} column cast to the class names {@code raft.py} declares ({@code
 * ["Unlabeled"] + label_columns["Label"]}; a label is a class name or its index, as {@code
 * ClassLabel} accepts). HELM's prompt settings ({@code prompt_construction_settings.json}, two JSON
 * lines: the field order and the instructions of each subset) give the input, {@code "\n".join(f"
 * {field}: {value}")}, and the instructions.
 *
 * <p>Splits: {@code Dataset.train_test_split(test_size=0.8, seed=42)}, i.e. numpy's {@code
 * default_rng(42).permutation(n)}: the first {@code ceil(0.8 n)} rows of the permutation are test,
 * the rest train; HELM lists train then test, each in permutation order. The one reference, the
 * class name, is correct.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(instructions=<subset instructions>,
 * output_noun="Label", max_tokens=30)}, no input prefix. Metrics: exact-match family, bias and
 * classification F1; main {@code quasi_exact_match}.
 */
public final class RaftScenario implements Scenario, DataRequirements {
  static final String ID = "helm/raft";
  static final String SETTINGS = "prompt_construction_settings.json";
  static final String SCRIPT = "raft.py";
  private static final String REVISION = "9ee50172ea9afda2f1033c6f1b986e568b862fb3";
  private static final String HUB =
      "https://huggingface.co/datasets/ought/raft/resolve/" + REVISION + "/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The eleven subsets, in HELM's order. */
  public static final List<String> SUBSETS =
      List.of(
          "ade_corpus_v2",
          "banking_77",
          "neurips_impact_statement_risks",
          "one_stop_english",
          "overruling",
          "semiconductor_org_types",
          "systematic_review_inclusion",
          "tai_safety_research",
          "terms_of_service",
          "tweet_eval_hate",
          "twitter_complaints");

  /** Cheap; data is read in {@link #instances}. */
  public RaftScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "RAFT: real-world few-shot text classification, 11 subsets (HELM raft; subset=…)";
  }

  @Override
  public String dataName() {
    return "raft";
  }

  /**
   * HELM's settings file (its Dropbox link with {@code dl=1}, the direct-download form of HELM's
   * {@code dl=0}), the loading script and every subset's {@code train.csv}.
   */
  @Override
  public List<DataFile> dataFiles() {
    List<DataFile> files = new ArrayList<>();
    files.add(
        DataFile.plain(
            SETTINGS,
            "https://www.dropbox.com/s/a5cyevryzw8rt4f/prompt_construction_settings.json?dl=1"));
    files.add(DataFile.plain(SCRIPT, HUB + SCRIPT));
    for (String subset : SUBSETS) {
      String path = "data/" + subset + "/train.csv";
      files.add(DataFile.plain(path, HUB + path));
    }
    return List.copyOf(files);
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    String subset = subset(context.args());
    Settings settings = settings(context, subset);
    List<String> labels = labels(context, subset);
    Path file = ScenarioData.require(this, context, "data/" + subset + "/train.csv");
    List<Map<String, String>> rows = ScenarioData.readDictCsv(file, true);
    int n = rows.size();
    int testSize = (int) Math.ceil(0.8 * n);
    if (n == 0 || testSize >= n) {
      throw ScenarioData.malformed(file, 0, "too few rows to split 80/20 (" + n + ")");
    }
    int[] order = new NumpyGenerator(42).permutation(n);
    List<Instance> result = new ArrayList<>(n);
    for (int k = testSize; k < n + testSize; k++) {
      int row = order[k % n]; // train (order[testSize:]) first, then test (order[:testSize])
      Split split = k < n ? Split.TRAIN : Split.TEST;
      List<String> lines = new ArrayList<>();
      for (String field : settings.fields()) {
        String value = rows.get(row).get(field);
        if (value == null) {
          throw ScenarioData.malformed(file, row + 2, "no field '" + field + "'");
        }
        lines.add(field + ": " + value);
      }
      String label = label(rows.get(row).get("Label"), labels, file, row + 2);
      result.add(
          Instance.of(
              "id" + result.size(),
              String.join("\n", lines),
              List.of(Reference.correct(label)),
              split));
    }
    return List.copyOf(result);
  }

  private static String subset(Map<String, String> args) {
    HelmArgs.checkKnown(ID, args, List.of("subset"));
    return HelmArgs.oneOf(ID, args, "subset", SUBSETS, null);
  }

  /** One subset's field order and instructions. */
  private record Settings(List<String> fields, String instructions) {}

  private Settings settings(ScenarioContext context, String subset) {
    Path file = ScenarioData.require(this, context, SETTINGS);
    String[] lines = Py.strip(Py.universalNewlines(ScenarioData.readString(file))).split("\n", -1);
    if (lines.length != 2) {
      throw ScenarioData.malformed(file, 0, "expected two JSON lines (field order, instructions)");
    }
    JsonNode fields;
    JsonNode instructions;
    try {
      fields = JSON.readTree(lines[0]).path(subset);
      instructions = JSON.readTree(lines[1]).path(subset);
    } catch (JsonProcessingException e) {
      throw ScenarioData.malformed(file, 0, "bad JSON (" + e.getOriginalMessage() + ")");
    }
    if (!fields.isArray() || !instructions.isTextual()) {
      throw ScenarioData.malformed(file, 0, "no settings for subset '" + subset + "'");
    }
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.asText()));
    return new Settings(List.copyOf(names), instructions.asText());
  }

  /**
   * {@code ["Unlabeled"] + TASKS[subset]["label_columns"]["Label"]} from {@code raft.py}: the
   * strings in the first {@code "Label": [...]} list after the subset's {@code "<subset>": {} key.
   */
  private List<String> labels(ScenarioContext context, String subset) {
    Path file = ScenarioData.require(this, context, SCRIPT);
    String script = ScenarioData.readString(file);
    Matcher task = Pattern.compile("\"" + Pattern.quote(subset) + "\"\\s*:\\s*\\{").matcher(script);
    Matcher list =
        Pattern.compile("\"Label\"\\s*:\\s*\\[([^\\]]*)\\]", Pattern.DOTALL).matcher(script);
    if (!task.find() || !list.find(task.end())) {
      throw ScenarioData.malformed(file, 0, "no label list for subset '" + subset + "'");
    }
    List<String> labels = new ArrayList<>(List.of("Unlabeled"));
    Matcher string = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(list.group(1));
    while (string.find()) {
      try {
        labels.add(JSON.readValue("\"" + string.group(1) + "\"", String.class));
      } catch (JsonProcessingException e) {
        throw ScenarioData.malformed(file, 0, "bad label " + string.group());
      }
    }
    return List.copyOf(labels);
  }

  /** {@code ClassLabel.str2int} then {@code int2str}: a class name, or an index into the names. */
  private static String label(String value, List<String> names, Path file, int line) {
    if (value != null) {
      if (names.contains(value)) {
        return value;
      }
      if (names.contains(Py.strip(value))) {
        return Py.strip(value);
      }
      try {
        int index = Integer.parseInt(Py.strip(value));
        if (index >= 0 && index < names.size()) {
          return names.get(index);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw ScenarioData.malformed(
        file, line, "invalid label '" + value + "'; expected one of " + names);
  }

  /**
   * HELM's prompt for the subset, with its instructions read from the settings file.
   *
   * @throws PrismUserException for a missing or unknown subset, or missing settings
   */
  @Override
  public PromptFormat promptFormat(ScenarioContext context) {
    String subset = subset(context.args());
    return format(settings(context, subset).instructions());
  }

  /** HELM's format without the subset's instructions, which live in a data file. */
  @Override
  public PromptFormat promptFormat() {
    return format("");
  }

  private static PromptFormat format(String instructions) {
    return HelmFormats.generation(instructions, null, "Label", 30);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.withClassification(HelmFormats.withBias(HelmFormats.EXACT_MATCH));
  }

  @Override
  public String mainMetric() {
    return "quasi_exact_match";
  }
}
