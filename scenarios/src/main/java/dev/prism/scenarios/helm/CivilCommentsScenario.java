package dev.prism.scenarios.helm;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm/civil_comments}: HELM's {@code CivilCommentsScenario}, toxicity classification of
 * online comments (the WILDS version). Argument {@code demographic}: {@code all} (default) or one
 * of {@link #DEMOGRAPHICS}.
 *
 * <p>Data: WILDS' {@code all_data_with_identities.csv} (HELM's CodaLab bundle, stored as {@code
 * wilds_civil_comments.csv} like HELM), read as pandas' {@code read_csv(index_col=0)} does: a
 * header row, columns found by name ({@code comment_text}, {@code toxicity}, {@code split}, the
 * identity columns), empty and pandas' default NA strings ({@code NA}, {@code null}, {@code nan},
 * …) read as missing. A demographic keeps the rows whose column is {@code >= 0.5} (missing values
 * never pass). Every row in file order becomes an instance: input {@code comment_text +
 * "\nQuestion: Is the passage above toxic?"} (a missing comment is the text {@code nan}, as HELM's
 * {@code str(row["comment_text"])} writes it), one correct reference {@code True} when {@code
 * toxicity >= 0.5} (sub-split {@code toxic}), else {@code False} ({@code non-toxic}); split train /
 * val (→ valid) / test from the {@code split} column.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun="Passage", output_noun="Answer")}.
 * Metrics: exact-match family, bias and classification F1; main {@code quasi_exact_match}.
 */
public final class CivilCommentsScenario implements Scenario, DataRequirements {
  static final String ID = "helm/civil_comments";
  static final String FILE = "wilds_civil_comments.csv";

  /** WILDS' eight identity columns, HELM's {@code demographic} values besides {@code all}. */
  public static final List<String> DEMOGRAPHICS =
      List.of(
          "male", "female", "LGBTQ", "christian", "muslim", "other_religions", "black", "white");

  /** pandas' default {@code na_values} (pandas 2), which {@code read_csv} reads as missing. */
  private static final Set<String> NA =
      Set.of(
          "",
          "#N/A",
          "#N/A N/A",
          "#NA",
          "-1.#IND",
          "-1.#QNAN",
          "-NaN",
          "-nan",
          "1.#IND",
          "1.#QNAN",
          "<NA>",
          "N/A",
          "NA",
          "NULL",
          "NaN",
          "None",
          "n/a",
          "nan",
          "null");

  private static final Map<String, Split> SPLITS =
      Map.of("train", Split.TRAIN, "val", Split.VALID, "test", Split.TEST);

  /** Cheap; data is read in {@link #instances}. */
  public CivilCommentsScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CivilComments (WILDS): is the comment toxic? (HELM civil_comments; demographic=…)";
  }

  @Override
  public String dataName() {
    return "civil_comments";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain(
            FILE,
            "https://worksheets.codalab.org/rest/bundles/0x8cd3de0634154aeaad2ee6eb96723c6e/"
                + "contents/blob/all_data_with_identities.csv"));
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of("demographic"));
    List<String> allowed = new ArrayList<>(List.of("all"));
    allowed.addAll(DEMOGRAPHICS);
    String demographic = HelmArgs.oneOf(ID, context.args(), "demographic", allowed, "all");
    Path file = ScenarioData.require(this, context, FILE);
    Rows rows = new Rows(file, demographic);
    ScenarioData.streamDelimited(file, ',', false, rows);
    return List.copyOf(rows.result);
  }

  /** Turns the rows after the header into instances, one at a time. */
  private static final class Rows implements Csv.RowHandler {
    private final Path file;
    private final String demographic;
    private final List<Instance> result = new ArrayList<>();
    private int[] columns; // comment_text, toxicity, split, demographic (-1 for all)

    Rows(Path file, String demographic) {
      this.file = file;
      this.demographic = demographic;
    }

    @Override
    public void row(List<String> row, long line) {
      if (columns == null) {
        columns =
            new int[] {
              column(row, "comment_text", file),
              column(row, "toxicity", file),
              column(row, "split", file),
              demographic.equals("all") ? -1 : column(row, demographic, file)
            };
        return;
      }
      if (columns[3] >= 0 && !(number(row, columns[3], file, line) >= 0.5)) {
        return;
      }
      String text = field(row, columns[0], file, line);
      boolean toxic = number(row, columns[1], file, line) >= 0.5;
      Split split = SPLITS.get(field(row, columns[2], file, line));
      if (split == null) {
        throw ScenarioData.malformed(file, line, "column 'split' must be train, val or test");
      }
      result.add(
          new Instance(
              "id" + result.size(),
              (NA.contains(text) ? "nan" : text) + "\nQuestion: Is the passage above toxic?",
              List.of(Reference.correct(toxic ? "True" : "False")),
              split,
              toxic ? "toxic" : "non-toxic",
              null));
    }
  }

  private static int column(List<String> header, String name, Path file) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw ScenarioData.malformed(file, 1, "no column '" + name + "'");
    }
    return index;
  }

  private static String field(List<String> row, int index, Path file, long line) {
    if (index >= row.size()) {
      throw ScenarioData.malformed(file, line, "expected at least " + (index + 1) + " fields");
    }
    return row.get(index);
  }

  /** A float column's value; NaN when missing (NaN compares false, as in pandas). */
  private static double number(List<String> row, int index, Path file, long line) {
    String value = field(row, index, file, line);
    if (NA.contains(value)) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw ScenarioData.malformed(file, line, "'" + value + "' is not a number");
    }
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", "Passage", "Answer", 5);
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
