package dev.prism.scenarios.perturbation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import dev.prism.scenarios.helm.DataLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates, verifies and reads the data files HELM's perturbations download at run time, under
 * {@code <dataDir>/perturbations/}. Downloading is the runner's job ({@code prism download
 * perturbations}); this class only reads what is there and says exactly what is missing.
 *
 * <p>Files are read once per instance of this class and cached; thread-safe.
 *
 * <pre>{@code
 * PerturbationResources res = new PerturbationResources(Path.of("prism-data"));
 * Map<String, List<String>> aave = res.dialectMapping("SAE", "AAVE");
 * }</pre>
 */
public final class PerturbationResources {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The folder under the data directory, and the name {@code prism download} takes. */
  public static final String DATA_NAME = "perturbations";

  private static final String GCS =
      "https://storage.googleapis.com/crfm-helm-public/source_datasets/augmentations/";

  /**
   * One downloadable file: where it lives under {@code perturbations/} and where it comes from. Its
   * expected SHA-256, when pinned, is in the {@link DataLock data lockfile}.
   */
  public enum DataFile {
    /**
     * HELM's {@code correct_to_misspelling.json} (Wikipedia's common misspellings), shipped in
     * HELM's source tree rather than on GCS; pinned to the last HELM commit that changed it.
     */
    MISSPELLINGS(
        "misspellings/correct_to_misspelling.json",
        "https://raw.githubusercontent.com/stanford-crfm/helm/"
            + "c2ee966d79df97f5005d4352b13ddc1730c1f02f/"
            + "src/helm/benchmark/augmentations/correct_to_misspelling.json"),
    /** SAE → AAVE word mapping (Ziems et al. 2022, VALUE). */
    DIALECT_SAE_TO_AAVE(
        "dialect/SAE_to_AAVE_mapping.json", GCS + "dialect_perturbation/SAE_to_AAVE_mapping.json"),
    /** Person names by race and gender. */
    PERSON_NAMES("person_name/person_names.txt", GCS + "person_name_perturbation/person_names.txt"),
    /** WordNet synonyms keyed {@code lemma:pos}. */
    WORDNET_SYNONYMS(
        "synonym/wordnet_synonyms.json", GCS + "synonym_perturbation/wordnet_synonyms.json");

    private final String relativePath;
    private final String sourceUrl;

    DataFile(String relativePath, String sourceUrl) {
      this.relativePath = relativePath;
      this.sourceUrl = sourceUrl;
    }

    /** Path below {@code <dataDir>/perturbations/}, with {@code /} separators. */
    public String relativePath() {
      return relativePath;
    }

    /** Where {@code prism download perturbations} fetches it from. */
    public String sourceUrl() {
      return sourceUrl;
    }

    /** Its key in the data lockfile. */
    public String lockKey() {
      return DATA_NAME + "/" + relativePath;
    }
  }

  private final Path dataDir;
  private final Map<DataFile, Object> cache = new ConcurrentHashMap<>();

  /**
   * @param dataDir the data directory; files are looked up under {@code dataDir/perturbations/}
   */
  public PerturbationResources(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where {@code file} is expected, whether or not it exists. */
  public Path path(DataFile file) {
    return dataDir.resolve(DATA_NAME).resolve(file.relativePath());
  }

  /**
   * The path of {@code file}, checked to exist. Its checksum is checked by {@code prism download}
   * (and {@code prism download perturbations --verify}), not here, so files of one's own in the
   * same format also work.
   *
   * @throws PrismUserException when it is absent
   */
  public Path locate(DataFile file) {
    Path path = path(file);
    if (!Files.isRegularFile(path)) {
      throw new PrismUserException(
          "perturbation data file " + path + " is missing",
          "Run 'prism download perturbations' (it fetches " + file.sourceUrl() + ")");
    }
    return path;
  }

  /** {@code correct_to_misspelling.json}: correct word → misspellings, in file order. */
  public Map<String, List<String>> misspellings() {
    return wordLists(DataFile.MISSPELLINGS);
  }

  /**
   * The dialect mapping for {@code source → target}: word → replacements, in file order. Only SAE →
   * AAVE exists.
   *
   * @throws PrismUserException for another pair or a missing file
   */
  public Map<String, List<String>> dialectMapping(String source, String target) {
    if (!source.equalsIgnoreCase("SAE") || !target.equalsIgnoreCase("AAVE")) {
      throw new PrismUserException(
          "no dialect mapping from '" + source + "' to '" + target + "'",
          "The only mapping is source_class=SAE, target_class=AAVE");
    }
    return wordLists(DataFile.DIALECT_SAE_TO_AAVE);
  }

  /** {@code person_names.txt}. */
  public PersonNames personNames() {
    return (PersonNames)
        cache.computeIfAbsent(
            DataFile.PERSON_NAMES,
            f -> {
              Path path = locate(f);
              try {
                return PersonNames.parse(
                    Files.readString(path, StandardCharsets.UTF_8), path.toString());
              } catch (IOException | IllegalArgumentException e) {
                throw unreadable(path, e);
              }
            });
  }

  /** {@code wordnet_synonyms.json}: {@code lemma:pos} → synonyms, in file order. */
  public Map<String, List<String>> synonyms() {
    return wordLists(DataFile.WORDNET_SYNONYMS);
  }

  @SuppressWarnings("unchecked") // the cache holds what the loader below put there
  private Map<String, List<String>> wordLists(DataFile file) {
    return (Map<String, List<String>>)
        cache.computeIfAbsent(
            file,
            f -> {
              Path path = locate(f);
              try (InputStream in = Files.newInputStream(path)) {
                Map<String, List<String>> map =
                    JSON.readValue(in, new TypeReference<LinkedHashMap<String, List<String>>>() {});
                Map<String, List<String>> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                return java.util.Collections.unmodifiableMap(copy);
              } catch (IOException | RuntimeException e) {
                throw unreadable(path, e);
              }
            });
  }

  private static PrismUserException unreadable(Path path, Exception cause) {
    return new PrismUserException(
        "perturbation data file " + path + " cannot be read (" + cause.getMessage() + ")",
        "Delete it and run 'prism download perturbations' again",
        cause);
  }
}
