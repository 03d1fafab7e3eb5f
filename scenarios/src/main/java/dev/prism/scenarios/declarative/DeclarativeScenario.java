package dev.prism.scenarios.declarative;

import dev.prism.core.Instance;
import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.declarative.YamlTree.Entry;
import dev.prism.scenarios.declarative.YamlTree.Node;
import dev.prism.scenarios.io.InstanceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scenario defined by a file instead of code: a YAML file naming instance files in HELM's
 * Instance JSON shape (see {@link InstanceJson}) or CSV files with a column mapping, or a bare
 * {@code .jsonl} file.
 *
 * <pre>{@code
 * name: acme/capitals            # id, namespace/name
 * description: Capital cities
 * instances: capitals.jsonl      # relative to this file; or a list of files
 * prompt_format:                 # any PromptFormat field in HELM's snake_case
 *   method: generation
 *   max_tokens: 10
 * metrics: [accuracy]            # optional, default [accuracy]
 * main_metric: exact_match       # optional, default exact_match
 * }</pre>
 *
 * <p><b>CSV instance files</b> ({@code .csv}, RFC 4180: a header row, fields quoted with {@code "}
 * when they hold commas, quotes or line breaks; {@code .tsv}: the same split at tabs) need a {@code
 * columns} mapping from instance fields to header names. One scenario's files are all CSV or all
 * JSONL.
 *
 * <pre>{@code
 * instances: [dev.csv, test.csv]
 * columns:
 *   input: question              # required: the input text
 *   # free-text answers: every non-empty cell is a correct reference
 *   correct: answer              # and/or references: [answer, alias_1, alias_2]
 *   # or multiple choice: the options in order, and exactly one way to pick the right one:
 *   # choices: [A, B, C, D]
 *   # correct: answer            (the right option's text)
 *   # answer_index: label        (0, 1, 2, …)
 *   # answer_letter: answer      (A, B, C, … ; case-insensitive)
 *   split: split                 # optional: train, valid (or validation), test; default test
 *   sub_split: subject           # optional
 *   id: id                       # optional; default id0, id1, … by row across the files
 *   messages: chat               # optional: chat messages as a JSON array of {role, content},
 *                                # for prompt method chat; 'input' may then be left out
 * }</pre>
 *
 * <p>Empty choice cells are left out (rows may have fewer options). Mistakes in a CSV file are
 * reported as {@code file.csv:line} (the line a record starts on); a column name missing from the
 * header also names the YAML line that maps it and the closest header names.
 *
 * <p>Loading checks the whole YAML file and the existence of the instance files; every mistake is a
 * {@link PrismUserException} naming {@code file:line}. Instances are read on each {@link
 * #instances} call. Immutable and thread-safe.
 */
public final class DeclarativeScenario implements Scenario {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");
  private static final List<String> TOP_KEYS =
      List.of(
          "name", "description", "instances", "columns", "prompt_format", "metrics", "main_metric");
  private static final List<String> COLUMN_KEYS =
      List.of(
          "input",
          "references",
          "correct",
          "choices",
          "answer_index",
          "answer_letter",
          "split",
          "sub_split",
          "id",
          "messages");
  private static final List<String> FORMAT_KEYS =
      List.of(
          "method",
          "global_prefix",
          "global_suffix",
          "instructions",
          "input_prefix",
          "input_suffix",
          "reference_prefix",
          "reference_suffix",
          "output_prefix",
          "output_suffix",
          "instance_prefix",
          "max_train_instances",
          "max_eval_instances",
          "num_outputs",
          "num_train_trials",
          "sample_train",
          "temperature",
          "max_tokens",
          "stop_sequences",
          "multi_label");

  private final String id;
  private final String description;
  private final Source source;
  private final PromptFormat promptFormat;
  private final List<String> metrics;
  private final String mainMetric;

  /**
   * Where the instances are.
   *
   * @param files instance files, resolved, in reading order
   * @param columns for CSV files, how columns map to instance fields; {@code null} for JSONL
   * @param definition the scenario YAML file, named in CSV column errors; {@code null} for a bare
   *     JSONL file
   */
  private record Source(List<Path> files, ColumnMapping columns, Path definition) {
    Source {
      files = List.copyOf(files);
    }
  }

  private DeclarativeScenario(
      String id,
      String description,
      Source source,
      PromptFormat promptFormat,
      List<String> metrics,
      String mainMetric) {
    this.id = id;
    this.description = description;
    this.source = source;
    this.promptFormat = promptFormat;
    this.metrics = List.copyOf(metrics);
    this.mainMetric = mainMetric;
  }

  /**
   * Loads a scenario YAML file.
   *
   * @throws PrismUserException naming {@code file:line} for unknown keys (with "did you mean"), bad
   *     values, missing required keys and missing instance files
   */
  public static DeclarativeScenario fromYaml(Path yaml) {
    return new YamlLoader(yaml).load();
  }

  /**
   * A bare instances file as a scenario: the id is the file name without extension, the prompt
   * format {@link PromptFormat#defaults()}.
   *
   * @throws PrismUserException when the file does not exist
   */
  public static DeclarativeScenario fromJsonl(Path jsonl) {
    if (!Files.isRegularFile(jsonl)) {
      throw new PrismUserException(
          "scenario file '" + jsonl + "' not found", "Check the path and run again");
    }
    String fileName = jsonl.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String name = dot > 0 ? fileName.substring(0, dot) : fileName;
    return new DeclarativeScenario(
        name,
        "Instances from " + fileName,
        new Source(List.of(jsonl), null, null),
        PromptFormat.defaults(),
        List.of("accuracy"),
        "exact_match");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  /** The instance files, resolved against the YAML file's folder, in reading order. */
  public List<Path> instanceFiles() {
    return source.files();
  }

  /**
   * Every problem in the instance files, each as {@code <file>:<line>: <what>}; empty when all are
   * valid. CSV files are checked against the {@code columns} mapping.
   */
  public List<String> validateInstances() {
    if (source.columns() != null) {
      return CsvInstances.validate(source.files(), source.columns(), source.definition());
    }
    List<String> problems = new ArrayList<>();
    for (Path file : source.files()) {
      problems.addAll(InstanceJson.validate(file));
    }
    return problems;
  }

  /**
   * Reads the instance files.
   *
   * @throws PrismUserException for scenario arguments (a file scenario takes none) and for the
   *     first problem in an instance file
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    if (!context.args().isEmpty()) {
      throw new PrismUserException(
          "scenario '" + id + "' takes no arguments, got " + context.args().keySet(),
          "Remove the arguments; a scenario file is configured in the file itself");
    }
    if (source.columns() != null) {
      return CsvInstances.read(source.files(), source.columns(), source.definition());
    }
    return InstanceJson.readJsonl(source.files());
  }

  @Override
  public PromptFormat promptFormat() {
    return promptFormat;
  }

  @Override
  public List<String> metrics() {
    return metrics;
  }

  @Override
  public String mainMetric() {
    return mainMetric;
  }

  @Override
  public String toString() {
    return "DeclarativeScenario[" + id + " from " + source.files() + "]";
  }

  /** {@code "Did you mean 'x'? "} (with the trailing space), or empty when nothing is close. */
  static String didYouMean(String unknown, Collection<String> known) {
    List<String> close = Names.suggestions(unknown, known);
    if (close.isEmpty()) {
      return "";
    }
    return "Did you mean "
        + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
        + "? ";
  }

  /** Turns the YAML tree into a scenario, failing at the first mistake. */
  private static final class YamlLoader {
    private final Path file;

    YamlLoader(Path file) {
      this.file = file;
    }

    DeclarativeScenario load() {
      Node root = YamlTree.read(file);
      if (!root.isMap()) {
        throw error(root.line(), "expected a mapping of keys, got " + root.describe(), "");
      }
      Map<String, Entry> top = root.map();
      checkKeys(top, TOP_KEYS, "scenario file");
      String id = requiredText(top, "name");
      int nameLine = top.get("name").keyLine();
      if (!ID.matcher(id).matches()) {
        throw error(
            nameLine,
            "name '" + id + "' must look like namespace/name",
            "Use for example 'acme/capitals'");
      }
      if (id.startsWith("prism/")) {
        throw error(
            nameLine,
            "the namespace 'prism/' is reserved for built-in scenarios",
            "Choose your own namespace, for example 'acme/" + id.substring(6) + "'");
      }
      String description = optionalText(top, "description");
      List<Path> files = instanceFiles(top);
      ColumnMapping columns = columns(top, files);
      PromptFormat format = promptFormat(top.get("prompt_format"));
      List<String> metrics =
          top.containsKey("metrics") ? textList(top.get("metrics")) : List.of("accuracy");
      if (metrics.isEmpty()) {
        throw error(top.get("metrics").keyLine(), "'metrics' is empty", "Name at least one metric");
      }
      String mainMetric = optionalText(top, "main_metric");
      return new DeclarativeScenario(
          id,
          description == null ? "Instances from " + files.get(0).getFileName() : description,
          new Source(files, columns, file),
          format,
          metrics,
          mainMetric == null ? "exact_match" : mainMetric);
    }

    private List<Path> instanceFiles(Map<String, Entry> top) {
      Entry entry = top.get("instances");
      if (entry == null) {
        throw error(
            1,
            "missing key 'instances'",
            "Name the JSONL or CSV file(s), e.g. 'instances: data.jsonl'");
      }
      List<Node> names = entry.value().isList() ? entry.value().list() : List.of(entry.value());
      if (names.isEmpty()) {
        throw error(entry.keyLine(), "'instances' is empty", "Name at least one JSONL or CSV file");
      }
      Path folder = file.toAbsolutePath().getParent();
      List<Path> files = new ArrayList<>();
      for (Node name : names) {
        if (!(name.value() instanceof String s) || s.isBlank()) {
          throw error(
              name.line(),
              "'instances' must be a file name or a list of file names, got " + name.describe(),
              "");
        }
        Path path = folder.resolve(s).normalize();
        if (!Files.isRegularFile(path)) {
          throw error(
              name.line(),
              "instances file '" + s + "' not found (looked for " + path + ")",
              "Paths are relative to the scenario file's folder");
        }
        files.add(path);
      }
      return files;
    }

    /** The {@code columns} mapping, required exactly when the instance files are CSV. */
    private ColumnMapping columns(Map<String, Entry> top, List<Path> files) {
      Entry instances = top.get("instances");
      Entry entry = top.get("columns");
      long csv = files.stream().filter(CsvInstances::isCsv).count();
      if (csv > 0 && csv < files.size()) {
        throw error(
            instances.keyLine(),
            "'instances' mixes CSV and JSONL files",
            "Use one format per scenario file");
      }
      if (csv == 0) {
        if (entry != null) {
          throw error(
              entry.keyLine(),
              "'columns' maps the columns of CSV files, but no instances file ends in .csv or .tsv",
              "Remove 'columns', or point 'instances' at the CSV file");
        }
        return null;
      }
      if (entry == null) {
        throw error(
            instances.keyLine(),
            "instances file '" + files.get(0).getFileName() + "' is CSV, but there is no 'columns'",
            "Map its columns, e.g. 'columns: {input: question, correct: answer}'");
      }
      if (!entry.value().isMap()) {
        throw error(
            entry.keyLine(),
            "'columns' must be a mapping, got " + entry.value().describe(),
            "Write e.g. 'columns: {input: question, correct: answer}'");
      }
      Map<String, Entry> map = entry.value().map();
      checkKeys(map, COLUMN_KEYS, "columns");
      ColumnMapping.Column input = column(map, "input");
      ColumnMapping.Column messages = column(map, "messages");
      if (input == null && messages == null) {
        throw error(
            entry.keyLine(),
            "'columns' has no 'input'",
            "Name the column holding the input text, e.g. 'input: question' (or 'messages' for"
                + " chat messages)");
      }
      ColumnMapping mapping =
          new ColumnMapping(
              input,
              columnList(map, "references"),
              column(map, "correct"),
              columnList(map, "choices"),
              column(map, "answer_index"),
              column(map, "answer_letter"),
              column(map, "split"),
              column(map, "sub_split"),
              column(map, "id"),
              messages);
      checkAnswer(mapping, map, entry.keyLine());
      return mapping;
    }

    /** Exactly one way to find the answer: free-text references, or choices with one selector. */
    private void checkAnswer(ColumnMapping m, Map<String, Entry> map, int columnsLine) {
      List<String> selectors = new ArrayList<>();
      for (String key : List.of("correct", "answer_index", "answer_letter")) {
        if (map.containsKey(key)) {
          selectors.add(key);
        }
      }
      if (m.choices().isEmpty()) {
        for (String key : List.of("answer_index", "answer_letter")) {
          if (map.containsKey(key)) {
            throw error(
                map.get(key).keyLine(),
                "'" + key + "' picks one of the 'choices', but no 'choices' are mapped",
                "Map the option columns, e.g. 'choices: [A, B, C, D]', or use 'correct'");
          }
        }
        if (m.references().isEmpty() && m.correct() == null) {
          throw error(
              columnsLine,
              "'columns' maps no answer",
              "Map the answer column as 'correct: answer' (several as 'references: [a, b]'), or"
                  + " the options as 'choices' for multiple choice");
        }
        return;
      }
      int choicesLine = map.get("choices").keyLine();
      if (!m.references().isEmpty()) {
        throw error(
            map.get("references").keyLine(),
            "'references' and 'choices' exclude each other",
            "For multiple choice map the options as 'choices' and the answer as 'correct',"
                + " 'answer_index' or 'answer_letter'");
      }
      if (m.choices().size() < 2) {
        throw error(choicesLine, "'choices' needs at least two columns", "");
      }
      if (selectors.size() != 1) {
        throw error(
            selectors.size() > 1 ? map.get(selectors.get(1)).keyLine() : choicesLine,
            selectors.isEmpty()
                ? "'choices' needs the correct one: map 'correct', 'answer_index' or"
                    + " 'answer_letter'"
                : "map only one of " + String.join(", ", selectors),
            "'correct': the answer's text; 'answer_index': 0, 1, …; 'answer_letter': A, B, …");
      }
    }

    private ColumnMapping.Column column(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      if (e == null) {
        return null;
      }
      if (!(e.value().value() instanceof String name) || name.isBlank()) {
        throw error(
            e.value().line(),
            "'columns." + key + "' must be a column name, got " + e.value().describe(),
            "Put the name in quotes if it looks like a number");
      }
      return new ColumnMapping.Column(name, "columns." + key, e.value().line());
    }

    private List<ColumnMapping.Column> columnList(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      if (e == null) {
        return List.of();
      }
      if (!e.value().isList()) {
        return List.of(column(map, key));
      }
      if (e.value().list().isEmpty()) {
        throw error(e.keyLine(), "'columns." + key + "' is empty", "Name at least one column");
      }
      List<ColumnMapping.Column> columns = new ArrayList<>();
      List<Node> names = e.value().list();
      for (int i = 0; i < names.size(); i++) {
        Node n = names.get(i);
        if (!(n.value() instanceof String name) || name.isBlank()) {
          throw error(
              n.line(),
              "'columns." + key + "' must list column names, got " + n.describe(),
              "Put the name in quotes if it looks like a number");
        }
        columns.add(new ColumnMapping.Column(name, "columns." + key + "[" + i + "]", n.line()));
      }
      return columns;
    }

    private PromptFormat promptFormat(Entry entry) {
      PromptFormat.Builder b = PromptFormat.defaults().toBuilder();
      if (entry == null) {
        return b.build();
      }
      if (!entry.value().isMap()) {
        throw error(
            entry.keyLine(),
            "'prompt_format' must be a mapping, got " + entry.value().describe(),
            "Indent its keys under it");
      }
      Map<String, Entry> map = entry.value().map();
      checkKeys(map, FORMAT_KEYS, "prompt_format");
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        set(b, e.getKey(), e.getValue());
      }
      try {
        return b.build();
      } catch (IllegalArgumentException ex) { // every range is checked in set(); kept as a guard
        throw error(entry.keyLine(), ex.getMessage(), "");
      }
    }

    private void set(PromptFormat.Builder b, String key, Entry e) {
      switch (key) {
        case "method" -> b.method(method(e));
        case "global_prefix" -> b.globalPrefix(text(key, e));
        case "global_suffix" -> b.globalSuffix(text(key, e));
        case "instructions" -> b.instructions(text(key, e));
        case "input_prefix" -> b.inputPrefix(text(key, e));
        case "input_suffix" -> b.inputSuffix(text(key, e));
        case "reference_prefix" -> b.referencePrefix(referencePrefix(e));
        case "reference_suffix" -> b.referenceSuffix(text(key, e));
        case "output_prefix" -> b.outputPrefix(text(key, e));
        case "output_suffix" -> b.outputSuffix(text(key, e));
        case "instance_prefix" -> b.instancePrefix(text(key, e));
        case "max_train_instances" -> b.maxTrainInstances(integer(key, e, 0));
        case "max_eval_instances" ->
            b.maxEvalInstances(e.value().value() == null ? null : integer(key, e, 1));
        case "num_outputs" -> b.numOutputs(integer(key, e, 1));
        case "num_train_trials" -> b.numTrainTrials(integer(key, e, 1));
        case "sample_train" -> b.sampleTrain(bool(key, e));
        case "temperature" -> b.temperature(temperature(e));
        case "max_tokens" -> b.maxTokens(integer(key, e, 0));
        case "stop_sequences" -> b.stopSequences(textList(e));
        case "multi_label" -> b.multiLabel(bool(key, e));
        default -> throw new IllegalStateException("key list and switch disagree: " + key);
      }
    }

    private PromptMethod method(Entry e) {
      String name = text("method", e);
      try {
        return PromptMethod.fromHelmName(name);
      } catch (IllegalArgumentException ex) {
        List<String> known =
            Arrays.stream(PromptMethod.values()).map(PromptMethod::helmName).toList();
        throw error(
            e.value().line(),
            "unknown method '" + name + "'",
            didYouMean(name, known) + "Valid methods: " + String.join(", ", known));
      }
    }

    private String referencePrefix(Entry e) {
      String prefix = text("reference_prefix", e);
      if (prefix.codePoints().noneMatch(Character::isLetterOrDigit)) {
        throw error(
            e.value().line(),
            "reference_prefix '" + prefix + "' has no letter or digit to count up from",
            "Use for example 'A. ' or '(a) '");
      }
      return prefix;
    }

    private double temperature(Entry e) {
      Object v = e.value().value();
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
        throw error(
            e.value().line(),
            "'temperature' must be a number >= 0, got " + e.value().describe(),
            "");
      }
      return n.doubleValue();
    }

    private int integer(String key, Entry e, int min) {
      Object v = e.value().value();
      if (!(v instanceof Long n) || n < min || n > Integer.MAX_VALUE) {
        throw error(
            e.value().line(),
            "'" + key + "' must be a whole number >= " + min + ", got " + e.value().describe(),
            "");
      }
      return n.intValue();
    }

    private boolean bool(String key, Entry e) {
      if (!(e.value().value() instanceof Boolean b)) {
        throw error(
            e.value().line(),
            "'" + key + "' must be true or false, got " + e.value().describe(),
            "");
      }
      return b;
    }

    private String text(String key, Entry e) {
      if (!(e.value().value() instanceof String s)) {
        throw error(
            e.value().line(),
            "'" + key + "' must be text, got " + e.value().describe(),
            "Put the value in quotes");
      }
      return s;
    }

    private List<String> textList(Entry e) {
      if (!e.value().isList()) {
        throw error(
            e.value().line(),
            "expected a list of text like [\"a\", \"b\"], got " + e.value().describe(),
            "");
      }
      List<String> result = new ArrayList<>();
      for (Node n : e.value().list()) {
        if (!(n.value() instanceof String s)) {
          throw error(
              n.line(),
              "expected text in the list, got " + n.describe(),
              "Put the value in quotes");
        }
        result.add(s);
      }
      return result;
    }

    private String requiredText(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      if (e == null) {
        throw error(1, "missing key '" + key + "'", "Add '" + key + ": ...' at the top level");
      }
      String s = text(key, e);
      if (s.isBlank()) {
        throw error(e.value().line(), "'" + key + "' is blank", "");
      }
      return s;
    }

    private String optionalText(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      return e == null ? null : text(key, e);
    }

    private void checkKeys(Map<String, Entry> map, List<String> known, String where) {
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        if (!known.contains(e.getKey())) {
          throw error(
              e.getValue().keyLine(),
              "unknown key '" + e.getKey() + "' in " + where,
              didYouMean(e.getKey(), known) + "Valid keys: " + String.join(", ", known));
        }
      }
    }

    private PrismUserException error(int line, String what, String hint) {
      Objects.requireNonNull(what);
      return new PrismUserException(file + ":" + line + ": " + what, hint);
    }
  }
}
