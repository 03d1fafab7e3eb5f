package dev.prism.scenarios.perturbation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
  private static final String GCS =
      "https://storage.googleapis.com/crfm-helm-public/source_datasets/augmentations/";

  /** One downloadable file: where it lives under {@code perturbations/} and where it comes from. */
  public enum DataFile {
    /**
     * HELM's {@code correct_to_misspelling.json} (Wikipedia's common misspellings), shipped in
     * HELM's source tree rather than on GCS. The URL follows HELM's main branch (not pinned to a
     * commit) and its SHA-256 is not known here.
     */
    MISSPELLINGS(
        "misspellings/correct_to_misspelling.json",
        "https://raw.githubusercontent.com/stanford-crfm/helm/main/"
            + "src/helm/benchmark/augmentations/correct_to_misspelling.json",
        null),
    /** SAE → AAVE word mapping (Ziems et al. 2022, VALUE); SHA-256 not known here. */
    DIALECT_SAE_TO_AAVE(
        "dialect/SAE_to_AAVE_mapping.json",
        GCS + "dialect_perturbation/SAE_to_AAVE_mapping.json",
        null),
    /** Person names by race and gender; SHA-256 not known here. */
    PERSON_NAMES(
        "person_name/person_names.txt", GCS + "person_name_perturbation/person_names.txt", null),
    /** WordNet synonyms keyed {@code lemma:pos}; SHA-256 not known here. */
    WORDNET_SYNONYMS(
        "synonym/wordnet_synonyms.json", GCS + "synonym_perturbation/wordnet_synonyms.json", null);

    private final String relativePath;
    private final String sourceUrl;
    private final String sha256;

    DataFile(String relativePath, String sourceUrl, String sha256) {
      this.relativePath = relativePath;
      this.sourceUrl = sourceUrl;
      this.sha256 = sha256;
    }

    /** Path below {@code <dataDir>/perturbations/}, with {@code /} separators. */
    public String relativePath() {
      return relativePath;
    }

    /** Where {@code prism download perturbations} fetches it from. */
    public String sourceUrl() {
      return sourceUrl;
    }

    /** Expected SHA-256 (lower-case hex), or {@code null} when not pinned yet. */
    public String sha256() {
      return sha256;
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
    return dataDir.resolve("perturbations").resolve(file.relativePath());
  }

  /**
   * The path of {@code file}, checked to exist and, when its SHA-256 is pinned, to match it.
   *
   * @throws PrismUserException when it is absent or its checksum differs
   */
  public Path locate(DataFile file) {
    Path path = path(file);
    if (!Files.isRegularFile(path)) {
      throw new PrismUserException(
          "perturbation data file " + path + " is missing",
          "Run 'prism download perturbations' (it fetches " + file.sourceUrl() + ")");
    }
    if (file.sha256() != null) {
      String actual = sha256(path);
      if (!actual.equals(file.sha256())) {
        throw new PrismUserException(
            "perturbation data file "
                + path
                + " has SHA-256 "
                + actual
                + ", expected "
                + file.sha256(),
            "Delete it and run 'prism download perturbations' again");
      }
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

  static String sha256(Path path) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw unreadable(path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
