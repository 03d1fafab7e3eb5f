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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm/imdb}: HELM's {@code IMDBScenario}, sentiment of movie reviews. Argument {@code
 * only_contrast} ({@code false} by default): {@code true} keeps, of the original test reviews, only
 * those that have a contrast version.
 *
 * <p>Data: Maas et al.'s {@code aclImdb_v1.tar.gz}, one review per file in {@code
 * aclImdb/{train,test}/{pos,neg}/}; HELM's pinned file order ({@code
 * imdb_scenario_pinned_file_order.json}, {@code {"train"|"valid": {"pos"|"neg": [file names]}}},
 * which reproduces the {@code os.listdir} order of HELM's official runs); and AllenAI's contrast
 * sets ({@code {dev,test}_{original,contrast}.tsv}, a header line then {@code label\ttext}).
 * Instances: train then test (→ valid), {@code pos} then {@code neg}, files in pinned order; the
 * input is the file's text, stripped; the one reference {@code Positive}/{@code Negative} is
 * correct. As in HELM, a train review whose text is the original of a contrast pair moves to the
 * valid split; with {@code only_contrast=true} the other test reviews are left out (train reviews
 * stay: they are the in-context examples). HELM's run entry for this is {@code
 * imdb:only_contrast=True,data_augmentation=contrast_sets}.
 *
 * <p>The contrast reviews and their labels themselves (HELM's {@code contrast_inputs} and {@code
 * contrast_references}) are checked but not kept: in HELM only the {@code contrast_sets}
 * perturbation reads them (it swaps each eval instance for its contrast version; no text metric
 * does), Prism has no such perturbation yet, and Prism's {@link Instance} has no field for them.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun="Passage", output_noun="Sentiment")}.
 * Metrics: exact-match family and classification F1; main {@code quasi_exact_match}.
 */
public final class ImdbScenario implements Scenario, DataRequirements {
  static final String ID = "helm/imdb";
  static final String PINNED_ORDER = "imdb_scenario_pinned_file_order.json";
  private static final String CONTRAST_BASE =
      "https://raw.githubusercontent.com/allenai/contrast-sets/main/IMDb/data/";
  private static final Map<String, String> CLASSES = Map.of("pos", "Positive", "neg", "Negative");

  /** Cheap; data is read in {@link #instances}. */
  public ImdbScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "IMDB: sentiment (Positive/Negative) of movie reviews (HELM imdb)";
  }

  @Override
  public String dataName() {
    return "imdb";
  }

  @Override
  public List<DataFile> dataFiles() {
    List<DataFile> files = new ArrayList<>();
    files.add(
        DataFile.unpacked(
            "aclImdb",
            "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
            DataFile.Archive.TAR_GZ));
    files.add(
        DataFile.plain(
            PINNED_ORDER,
            "https://worksheets.codalab.org/rest/bundles/0xa75fa6eb8dc24e23a73d3a5ecb674b32/"
                + "contents/blob/"));
    for (String mode : List.of("test", "dev")) {
      for (String kind : List.of("original", "contrast")) {
        String name = mode + "_" + kind + ".tsv";
        files.add(DataFile.plain(name, CONTRAST_BASE + name));
      }
    }
    return List.copyOf(files);
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    HelmArgs.checkKnown(ID, context.args(), List.of("only_contrast"));
    boolean onlyContrast =
        HelmArgs.oneOf(ID, context.args(), "only_contrast", List.of("false", "true"), "false")
            .equals("true");
    Set<String> contrastOriginals = new HashSet<>();
    for (String mode : List.of("test", "dev")) {
      contrastOriginals.addAll(contrastOriginals(context, mode));
    }
    Path orderFile = ScenarioData.require(this, context, PINNED_ORDER);
    JsonNode order = ScenarioData.readJson(orderFile);
    List<Instance> result = new ArrayList<>();
    for (Split split : List.of(Split.TRAIN, Split.VALID)) {
      String folder = split == Split.TRAIN ? "train" : "test";
      for (String label : List.of("pos", "neg")) {
        JsonNode files = order.path(split.helmName()).path(label);
        if (!files.isArray()) {
          throw ScenarioData.malformed(
              orderFile, 0, "no file list for " + split.helmName() + "/" + label);
        }
        for (JsonNode name : files) {
          String relative = "aclImdb/" + folder + "/" + label + "/" + name.asText();
          String text =
              Py.strip(Py.universalNewlines(ScenarioData.readString(require(context, relative))));
          Split instanceSplit = split;
          if (contrastOriginals.contains(text)) {
            instanceSplit = Split.VALID; // HELM evaluates every review that has a contrast version
          } else if (onlyContrast && split == Split.VALID) {
            continue;
          }
          result.add(
              Instance.of(
                  "id" + result.size(),
                  text,
                  List.of(Reference.correct(CLASSES.get(label))),
                  instanceSplit));
        }
      }
    }
    return List.copyOf(result);
  }

  private Path require(ScenarioContext context, String relative) {
    return ScenarioData.require(this, context, relative);
  }

  /**
   * The original texts of one contrast-set pair of files, as HELM's {@code get_contrast_map} reads
   * them: the lines after each file's header, paired as Python's {@code zip} does (lines without a
   * partner are ignored), each line {@code strip()}ped and split at its one tab into a label and a
   * text. HELM fails on a malformed line of either file and on an original text that appears twice
   * in one pair of files; so does Prism, naming the line.
   */
  private List<String> contrastOriginals(ScenarioContext context, String mode) {
    Path original = require(context, mode + "_original.tsv");
    Path contrast = require(context, mode + "_contrast.tsv");
    List<String> originals =
        Py.universalNewlines(ScenarioData.readString(original)).lines().toList();
    List<String> contrasts =
        Py.universalNewlines(ScenarioData.readString(contrast)).lines().toList();
    int pairs = Math.min(originals.size(), contrasts.size());
    Set<String> texts = new LinkedHashSet<>();
    for (int i = 1; i < pairs; i++) {
      String text = contrastText(original, i, originals.get(i));
      contrastText(contrast, i, contrasts.get(i));
      if (!texts.add(text)) {
        throw ScenarioData.malformed(
            original, i + 1, "this original review appears twice in the contrast set");
      }
    }
    return List.copyOf(texts);
  }

  /** The text of line {@code index} (0-based) of a contrast-set file, its label checked. */
  private static String contrastText(Path file, int index, String line) {
    String[] parts = Py.strip(line).split("\t", -1);
    if (parts.length != 2 || !CLASSES.containsValue(parts[0])) {
      throw ScenarioData.malformed(file, index + 1, "expected 'Positive|Negative<TAB>text'");
    }
    return parts[1];
  }

  @Override
  public PromptFormat promptFormat() {
    return HelmFormats.generation("", "Passage", "Sentiment", 5);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.withClassification(HelmFormats.EXACT_MATCH);
  }

  @Override
  public String mainMetric() {
    return "quasi_exact_match";
  }
}
