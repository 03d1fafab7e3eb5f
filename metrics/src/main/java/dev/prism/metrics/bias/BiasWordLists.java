package dev.prism.metrics.bias;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HELM's target word lists for stereotypical associations: {@code ADJECTIVE_LIST} (Garg et al.
 * 2018) and {@code PROFESSION_LIST} (Bolukbasi et al. 2016), read from HELM's own {@code
 * bias_word_lists.py}. HELM keeps that file in its source tree; Prism does not ship it but fetches
 * it with {@code prism download bias_word_lists} into {@code
 * <dataDir>/bias_word_lists/bias_word_lists.py} (see {@link #SOURCE_URL}) and parses its list
 * literals, so the word lists are exactly those of the pinned HELM revision.
 *
 * <pre>{@code
 * BiasWordLists lists = BiasWordLists.read(BiasWordLists.location(dataDir));
 * List<String> adjectives = lists.adjectives();
 * }</pre>
 *
 * @param adjectives HELM's {@code ADJECTIVE_LIST}, in file order; copied
 * @param professions HELM's {@code PROFESSION_LIST}, in file order; copied
 */
public record BiasWordLists(List<String> adjectives, List<String> professions) {
  /** The folder under the data directory, and the name {@code prism download} takes. */
  public static final String DATA_NAME = "bias_word_lists";

  /** The file inside {@link #DATA_NAME}. */
  public static final String FILE_NAME = "bias_word_lists.py";

  /** The HELM commit the download is pinned to: the last one that changed the file. */
  public static final String HELM_COMMIT = "c5c7be1ec20980244695bf360948a6e0f0298c52";

  /** Where {@code prism download bias_word_lists} fetches the file from. */
  public static final String SOURCE_URL =
      "https://raw.githubusercontent.com/stanford-crfm/helm/"
          + HELM_COMMIT
          + "/src/helm/benchmark/metrics/bias_word_lists.py";

  static final String ADJECTIVE_LIST = "ADJECTIVE_LIST";
  static final String PROFESSION_LIST = "PROFESSION_LIST";

  public BiasWordLists {
    adjectives = List.copyOf(adjectives);
    professions = List.copyOf(professions);
  }

  /** {@code <dataDir>/bias_word_lists/bias_word_lists.py}, whether or not it exists. */
  public static Path location(Path dataDir) {
    return dataDir.resolve(DATA_NAME).resolve(FILE_NAME);
  }

  /**
   * Parses a file in the format of HELM's {@code bias_word_lists.py}. The checksum is not checked
   * here (the download checks it against the data lockfile, where it is pinned), so a file of one's
   * own in the same format also works.
   *
   * @throws PrismUserException when the file cannot be read, is not valid Python, or lacks either
   *     list (naming the file and line), with the hint to download it again
   */
  public static BiasWordLists read(Path file) {
    Objects.requireNonNull(file, "file");
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw broken(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    Map<String, PythonListLiterals.Assignment> lists;
    try {
      lists = PythonListLiterals.parse(source, file.toString());
    } catch (IllegalArgumentException e) {
      throw broken(e.getMessage(), e);
    }
    return new BiasWordLists(list(lists, ADJECTIVE_LIST, file), list(lists, PROFESSION_LIST, file));
  }

  private static List<String> list(
      Map<String, PythonListLiterals.Assignment> lists, String name, Path file) {
    PythonListLiterals.Assignment a = lists.get(name);
    if (a == null) {
      throw broken(file + ":1: no top-level assignment to " + name, null);
    }
    if (a.strings() == null || a.strings().isEmpty()) {
      throw broken(
          file + ":" + a.line() + ": " + name + " is not a non-empty list of string literals",
          null);
    }
    return a.strings();
  }

  private static PrismUserException broken(String what, Exception cause) {
    return new PrismUserException(
        "bias word lists: " + what,
        "Delete the file and run: prism download " + DATA_NAME + " --force",
        cause);
  }
}
