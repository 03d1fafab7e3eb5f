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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * <p>Loading checks the whole YAML file and the existence of the instance files, collecting every
 * mistake with its {@code file:line}: {@link #validate} lists them all (and the instance files'
 * problems), {@link #fromYaml} fails with the first. Instances are read on each {@link #instances}
 * call. Immutable and thread-safe.
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
  private static final String ANSWER_SELECTORS =
      "'correct': the answer's text; 'answer_index': 0, 1, …; 'answer_letter': A, B, …";

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
   * Loads a scenario YAML file. Its metric names are not checked here (this module does not know
   * the metrics); {@link #validate(Path, Consumer)} checks them.
   *
   * @throws PrismUserException for the first problem by line, {@code file:line: what}, followed by
   *     {@code (and N more; run prism validate FILE)} when there are more: unknown keys (with "did
   *     you mean"), bad values, missing required keys, missing instance files, a bad column
   *     mapping; or for YAML syntax the parser cannot read
   */
  public static DeclarativeScenario fromYaml(Path yaml) {
    YamlLoader loader = new YamlLoader(yaml, name -> {});
    DeclarativeScenario scenario = loader.load();
    List<Problem> problems = loader.problems();
    if (problems.isEmpty()) {
      return scenario;
    }
    Problem first = problems.get(0);
    String more =
        problems.size() == 1
            ? ""
            : " (and " + (problems.size() - 1) + " more; run prism validate " + yaml + ")";
    throw new PrismUserException(first.where() + first.what() + more, first.hint());
  }

  /**
   * Every problem of a scenario YAML file, by line, then those of its instance files where the file
   * says which exist and how to read them: one line each, {@code file:line: what. what to do}.
   * Empty when the scenario is valid. YAML syntax the parser cannot read is one problem.
   *
   * @param metricCheck checks one name of the {@code metrics} list, throwing {@link
   *     PrismUserException} when it is unknown or malformed; reported at the name's line
   */
  public static List<String> validate(Path yaml, Consumer<String> metricCheck) {
    YamlLoader loader = new YamlLoader(yaml, metricCheck);
    try {
      loader.load();
    } catch (PrismUserException e) {
      return List.of(e.oneLine());
    }
    List<String> lines = new ArrayList<>(Problem.oneLines(loader.problems()));
    if (loader.readable != null) {
      lines.addAll(instanceProblems(loader.readable));
    }
    return lines;
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
    return instanceProblems(source);
  }

  private static List<String> instanceProblems(Source source) {
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

  /**
   * Turns the YAML tree into a scenario, collecting every mistake instead of stopping at the first;
   * both {@link #fromYaml} and {@link #validate} read a file through it. A check whose subject is
   * already wrong (a key with a bad value, a misspelt key) reports nothing more about it, so that
   * one mistake is one problem.
   */
  private static final class YamlLoader {
    private final Path file;
    private final Consumer<String> metricCheck;
    private final List<Problem> problems = new ArrayList<>();

    /** Keys (dotted, e.g. {@code columns.choices}) that a misspelt key probably meant. */
    private final Set<String> probablyMeant = new HashSet<>();

    /** The instance files that exist, and how to read them; {@code null} when that is unclear. */
    private Source readable;

    YamlLoader(Path file, Consumer<String> metricCheck) {
      this.file = file;
      this.metricCheck = metricCheck;
    }

    /** Every problem found, by line. */
    List<Problem> problems() {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Problem.BY_LINE);
      return sorted;
    }

    /**
     * Reads the file; {@link #problems()} and {@link #readable} say what was found.
     *
     * @return the scenario, or {@code null} when there are problems
     * @throws PrismUserException for YAML the parser cannot read (syntax, an empty file)
     */
    DeclarativeScenario load() {
      Node root = YamlTree.read(file, problems::add);
      if (!root.isMap()) {
        problem(root.line(), "expected a mapping of keys, got " + root.describe(), "");
        return null;
      }
      Map<String, Entry> top = root.map();
      checkKeys(top, TOP_KEYS, "scenario file", "");
      String id = name(top);
      String description = optionalText(top, "description");
      List<Path> files = instanceFiles(top);
      ColumnMapping columns = columns(top, files);
      PromptFormat format = promptFormat(top.get("prompt_format"));
      List<String> metrics = metrics(top.get("metrics"));
      String mainMetric = optionalText(top, "main_metric");
      List<Path> existing = files.stream().filter(Files::isRegularFile).toList();
      boolean allCsv = existing.stream().allMatch(CsvInstances::isCsv);
      boolean noCsv = existing.stream().noneMatch(CsvInstances::isCsv);
      if (!existing.isEmpty() && (allCsv ? columns != null : noCsv)) {
        readable = new Source(existing, noCsv ? null : columns, file);
      }
      if (!problems.isEmpty()) {
        return null;
      }
      return new DeclarativeScenario(
          id,
          description == null ? "Instances from " + files.get(0).getFileName() : description,
          new Source(files, columns, file),
          format,
          metrics,
          mainMetric == null ? "exact_match" : mainMetric);
    }

    private String name(Map<String, Entry> top) {
      Entry e = top.get("name");
      if (e == null) {
        missing("name", 1, "missing key 'name'", "Add 'name: ...' at the top level");
        return null;
      }
      String id = text("name", e);
      if (id == null) {
        return null;
      }
      int line = e.keyLine();
      if (id.isBlank()) {
        problem(e.value().line(), "'name' is blank", "");
      } else if (!ID.matcher(id).matches()) {
        problem(
            line,
            "name '" + id + "' must look like namespace/name",
            "Use for example 'acme/capitals'");
      } else if (id.startsWith("prism/")) {
        problem(
            line,
            "the namespace 'prism/' is reserved for built-in scenarios",
            "Choose your own namespace, for example 'acme/" + id.substring(6) + "'");
      }
      return id;
    }

    /** Every file named, resolved, whether or not it exists (a missing one is a problem). */
    private List<Path> instanceFiles(Map<String, Entry> top) {
      Entry entry = top.get("instances");
      if (entry == null) {
        missing(
            "instances",
            1,
            "missing key 'instances'",
            "Name the JSONL or CSV file(s), e.g. 'instances: data.jsonl'");
        return List.of();
      }
      List<Node> names = entry.value().isList() ? entry.value().list() : List.of(entry.value());
      if (names.isEmpty()) {
        problem(entry.keyLine(), "'instances' is empty", "Name at least one JSONL or CSV file");
      }
      Path folder = file.toAbsolutePath().getParent();
      List<Path> files = new ArrayList<>();
      for (Node name : names) {
        if (!(name.value() instanceof String s) || s.isBlank()) {
          problem(
              name.line(),
              "'instances' must be a file name or a list of file names, got " + name.describe(),
              "");
          continue;
        }
        Path path = folder.resolve(s).normalize();
        if (!Files.isRegularFile(path)) {
          problem(
              name.line(),
              "instances file '" + s + "' not found (looked for " + path + ")",
              "Paths are relative to the scenario file's folder");
        }
        files.add(path);
      }
      return files;
    }

    /**
     * The {@code columns} mapping, required exactly when the instance files are CSV; {@code null}
     * when there is none or it has a problem.
     */
    private ColumnMapping columns(Map<String, Entry> top, List<Path> files) {
      Entry instances = top.get("instances");
      Entry entry = top.get("columns");
      long csv = files.stream().filter(CsvInstances::isCsv).count();
      boolean mixed = csv > 0 && csv < files.size();
      if (mixed) {
        problem(
            instances.keyLine(),
            "'instances' mixes CSV and JSONL files",
            "Use one format per scenario file");
      }
      if (entry == null) {
        if (csv > 0 && !mixed) {
          missing(
              "columns",
              instances.keyLine(),
              "instances file '"
                  + files.get(0).getFileName()
                  + "' is CSV, but there is no 'columns'",
              "Map its columns, e.g. 'columns: {input: question, correct: answer}'");
        }
        return null;
      }
      if (!files.isEmpty() && csv == 0) {
        problem(
            entry.keyLine(),
            "'columns' maps the columns of CSV files, but no instances file ends in .csv or .tsv",
            "Remove 'columns', or point 'instances' at the CSV file");
        return null;
      }
      ColumnMapping mapping = mapping(entry);
      return mixed ? null : mapping;
    }

    /** The mapping's own problems: its keys, their values, and how the answer is found. */
    private ColumnMapping mapping(Entry entry) {
      if (!entry.value().isMap()) {
        problem(
            entry.keyLine(),
            "'columns' must be a mapping, got " + entry.value().describe(),
            "Write e.g. 'columns: {input: question, correct: answer}'");
        return null;
      }
      int before = problems.size();
      Map<String, Entry> map = entry.value().map();
      checkKeys(map, COLUMN_KEYS, "columns", "columns.");
      ColumnMapping.Column input = column(map, "input");
      ColumnMapping.Column messages = column(map, "messages");
      if (!map.containsKey("input") && !map.containsKey("messages")) {
        missing(
            "columns.input",
            entry.keyLine(),
            "'columns' has no 'input'",
            "Name the column holding the input text, e.g. 'input: question' (or 'messages' for"
                + " chat messages)");
      }
      List<ColumnMapping.Column> references = columnList(map, "references");
      ColumnMapping.Column correct = column(map, "correct");
      List<ColumnMapping.Column> choices = columnList(map, "choices");
      ColumnMapping.Column answerIndex = column(map, "answer_index");
      ColumnMapping.Column answerLetter = column(map, "answer_letter");
      ColumnMapping.Column split = column(map, "split");
      ColumnMapping.Column subSplit = column(map, "sub_split");
      ColumnMapping.Column id = column(map, "id");
      checkAnswer(map, entry.keyLine());
      if (problems.size() > before) {
        return null;
      }
      return new ColumnMapping(
          input,
          references,
          correct,
          choices,
          answerIndex,
          answerLetter,
          split,
          subSplit,
          id,
          messages);
    }

    /** Exactly one way to find the answer: free-text references, or choices with one selector. */
    private void checkAnswer(Map<String, Entry> map, int columnsLine) {
      List<String> selectors = new ArrayList<>();
      for (String key : List.of("correct", "answer_index", "answer_letter")) {
        if (map.containsKey(key)) {
          selectors.add(key);
        }
      }
      if (!map.containsKey("choices")) {
        if (probablyMeant.contains("columns.choices")) {
          return;
        }
        boolean picksAChoice = false;
        for (String key : List.of("answer_index", "answer_letter")) {
          if (map.containsKey(key)) {
            picksAChoice = true;
            problem(
                map.get(key).keyLine(),
                "'" + key + "' picks one of the 'choices', but no 'choices' are mapped",
                "Map the option columns, e.g. 'choices: [A, B, C, D]', or use 'correct'");
          }
        }
        if (!picksAChoice && !map.containsKey("references") && !map.containsKey("correct")) {
          missing(
              "columns.correct",
              columnsLine,
              "'columns' maps no answer",
              "Map the answer column as 'correct: answer' (several as 'references: [a, b]'), or"
                  + " the options as 'choices' for multiple choice");
        }
        return;
      }
      Node choices = map.get("choices").value();
      int choicesLine = map.get("choices").keyLine();
      if (map.containsKey("references")) {
        problem(
            map.get("references").keyLine(),
            "'references' and 'choices' exclude each other",
            "For multiple choice map the options as 'choices' and the answer as 'correct',"
                + " 'answer_index' or 'answer_letter'");
        return;
      }
      if (!choices.isList() || choices.list().size() == 1) {
        problem(choicesLine, "'choices' needs at least two columns", "");
      }
      if (selectors.size() > 1) {
        problem(
            map.get(selectors.get(1)).keyLine(),
            "map only one of " + String.join(", ", selectors),
            ANSWER_SELECTORS);
      } else if (selectors.isEmpty()) {
        missing(
            "columns.correct",
            choicesLine,
            "'choices' needs the correct one: map 'correct', 'answer_index' or 'answer_letter'",
            ANSWER_SELECTORS);
      }
    }

    /** The column a key maps; {@code null} when the key is absent or its value is a problem. */
    private ColumnMapping.Column column(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      if (e == null) {
        return null;
      }
      if (e.value().isList()) {
        problem(
            e.value().line(),
            "'columns." + key + "' must be one column name, got a list",
            "Only 'references' and 'choices' take a list");
        return null;
      }
      return columnName(e.value(), "columns." + key);
    }

    private List<ColumnMapping.Column> columnList(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      if (e == null) {
        return List.of();
      }
      if (!e.value().isList()) {
        ColumnMapping.Column one = columnName(e.value(), "columns." + key);
        return one == null ? List.of() : List.of(one);
      }
      List<Node> names = e.value().list();
      if (names.isEmpty()) {
        problem(e.keyLine(), "'columns." + key + "' is empty", "Name at least one column");
      }
      List<ColumnMapping.Column> columns = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        ColumnMapping.Column c = columnName(names.get(i), "columns." + key + "[" + i + "]");
        if (c != null) {
          columns.add(c);
        }
      }
      return columns;
    }

    private ColumnMapping.Column columnName(Node n, String key) {
      if (!(n.value() instanceof String name) || name.isBlank()) {
        problem(
            n.line(),
            "'" + key + "' must be a column name, got " + n.describe(),
            "Put the name in quotes if it looks like a number");
        return null;
      }
      return new ColumnMapping.Column(name, key, n.line());
    }

    private PromptFormat promptFormat(Entry entry) {
      PromptFormat.Builder b = PromptFormat.defaults().toBuilder();
      if (entry == null) {
        return b.build();
      }
      if (!entry.value().isMap()) {
        problem(
            entry.keyLine(),
            "'prompt_format' must be a mapping, got " + entry.value().describe(),
            "Indent its keys under it");
        return null;
      }
      Map<String, Entry> map = entry.value().map();
      checkKeys(map, FORMAT_KEYS, "prompt_format", "prompt_format.");
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        if (FORMAT_KEYS.contains(e.getKey())) {
          set(b, e.getKey(), e.getValue());
        }
      }
      try {
        return b.build();
      } catch (IllegalArgumentException ex) { // every range is checked in set(); kept as a guard
        problem(entry.keyLine(), ex.getMessage(), "");
        return null;
      }
    }

    /** Sets one field from a known key; a value that is a problem leaves the default. */
    private void set(PromptFormat.Builder b, String key, Entry e) {
      switch (key) {
        case "method" -> ifValid(method(e), b::method);
        case "global_prefix" -> ifValid(text(key, e), b::globalPrefix);
        case "global_suffix" -> ifValid(text(key, e), b::globalSuffix);
        case "instructions" -> ifValid(text(key, e), b::instructions);
        case "input_prefix" -> ifValid(text(key, e), b::inputPrefix);
        case "input_suffix" -> ifValid(text(key, e), b::inputSuffix);
        case "reference_prefix" -> ifValid(referencePrefix(e), b::referencePrefix);
        case "reference_suffix" -> ifValid(text(key, e), b::referenceSuffix);
        case "output_prefix" -> ifValid(text(key, e), b::outputPrefix);
        case "output_suffix" -> ifValid(text(key, e), b::outputSuffix);
        case "instance_prefix" -> ifValid(text(key, e), b::instancePrefix);
        case "max_train_instances" -> ifValid(integer(key, e, 0), b::maxTrainInstances);
        case "max_eval_instances" -> {
          if (e.value().value() == null) {
            b.maxEvalInstances(null); // null: every eval instance
          } else {
            ifValid(integer(key, e, 1), b::maxEvalInstances);
          }
        }
        case "num_outputs" -> ifValid(integer(key, e, 1), b::numOutputs);
        case "num_train_trials" -> ifValid(integer(key, e, 1), b::numTrainTrials);
        case "sample_train" -> ifValid(bool(key, e), b::sampleTrain);
        case "temperature" -> ifValid(temperature(e), b::temperature);
        case "max_tokens" -> ifValid(integer(key, e, 0), b::maxTokens);
        case "stop_sequences" -> ifValid(texts(textList(e)), b::stopSequences);
        case "multi_label" -> ifValid(bool(key, e), b::multiLabel);
        default -> throw new IllegalStateException("key list and switch disagree: " + key);
      }
    }

    private static <T> void ifValid(T value, Consumer<T> setter) {
      if (value != null) {
        setter.accept(value);
      }
    }

    private PromptMethod method(Entry e) {
      String name = text("method", e);
      if (name == null) {
        return null;
      }
      try {
        return PromptMethod.fromHelmName(name);
      } catch (IllegalArgumentException ex) {
        List<String> known =
            Arrays.stream(PromptMethod.values()).map(PromptMethod::helmName).toList();
        problem(
            e.value().line(),
            "unknown method '" + name + "'",
            didYouMean(name, known) + "Valid methods: " + String.join(", ", known));
        return null;
      }
    }

    private String referencePrefix(Entry e) {
      String prefix = text("reference_prefix", e);
      if (prefix != null && prefix.codePoints().noneMatch(Character::isLetterOrDigit)) {
        problem(
            e.value().line(),
            "reference_prefix '" + prefix + "' has no letter or digit to count up from",
            "Use for example 'A. ' or '(a) '");
        return null;
      }
      return prefix;
    }

    private Double temperature(Entry e) {
      Object v = e.value().value();
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
        problem(
            e.value().line(),
            "'temperature' must be a number >= 0, got " + e.value().describe(),
            "");
        return null;
      }
      return n.doubleValue();
    }

    private Integer integer(String key, Entry e, int min) {
      Object v = e.value().value();
      if (!(v instanceof Long n) || n < min || n > Integer.MAX_VALUE) {
        problem(
            e.value().line(),
            "'" + key + "' must be a whole number >= " + min + ", got " + e.value().describe(),
            "");
        return null;
      }
      return n.intValue();
    }

    private Boolean bool(String key, Entry e) {
      if (!(e.value().value() instanceof Boolean b)) {
        problem(
            e.value().line(),
            "'" + key + "' must be true or false, got " + e.value().describe(),
            "");
        return null;
      }
      return b;
    }

    private String text(String key, Entry e) {
      if (!(e.value().value() instanceof String s)) {
        problem(
            e.value().line(),
            "'" + key + "' must be text, got " + e.value().describe(),
            "Put the value in quotes");
        return null;
      }
      return s;
    }

    /** The items of a list of text, each with its line; {@code null} after any problem. */
    private List<Node> textList(Entry e) {
      if (!e.value().isList()) {
        problem(
            e.value().line(),
            "expected a list of text like [\"a\", \"b\"], got " + e.value().describe(),
            "");
        return null;
      }
      boolean ok = true;
      for (Node n : e.value().list()) {
        if (!(n.value() instanceof String)) {
          ok = false;
          problem(
              n.line(),
              "expected text in the list, got " + n.describe(),
              "Put the value in quotes");
        }
      }
      return ok ? e.value().list() : null;
    }

    private static List<String> texts(List<Node> nodes) {
      return nodes == null ? null : nodes.stream().map(n -> (String) n.value()).toList();
    }

    /** The metric names, each checked by {@link #metricCheck} at its line. */
    private List<String> metrics(Entry entry) {
      if (entry == null) {
        return List.of("accuracy");
      }
      List<Node> items = textList(entry);
      if (items == null) {
        return null;
      }
      if (items.isEmpty()) {
        problem(entry.keyLine(), "'metrics' is empty", "Name at least one metric");
      }
      for (Node item : items) {
        try {
          metricCheck.accept((String) item.value());
        } catch (PrismUserException ex) {
          problem(item.line(), ex.getMessage(), ex.hint());
        }
      }
      return texts(items);
    }

    private String optionalText(Map<String, Entry> map, String key) {
      Entry e = map.get(key);
      return e == null ? null : text(key, e);
    }

    /**
     * Reports the keys not in {@code known}, with "did you mean", and remembers what they probably
     * meant (prefixed with {@code path}) so that the key is not also reported missing.
     */
    private void checkKeys(Map<String, Entry> map, List<String> known, String where, String path) {
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        if (!known.contains(e.getKey())) {
          Names.suggestions(e.getKey(), known).forEach(k -> probablyMeant.add(path + k));
          problem(
              e.getValue().keyLine(),
              "unknown key '" + e.getKey() + "' in " + where,
              didYouMean(e.getKey(), known) + "Valid keys: " + String.join(", ", known));
        }
      }
    }

    /** A missing key, unless a misspelt key (already reported) probably meant it. */
    private void missing(String key, int line, String what, String hint) {
      if (!probablyMeant.contains(key)) {
        problem(line, what, hint);
      }
    }

    private void problem(int line, String what, String hint) {
      problems.add(new Problem(file, line, what, hint));
    }
  }
}
