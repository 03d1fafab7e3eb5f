package dev.prism.metrics.efficiency;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * HELM's runtime tables, {@code inference_idealized_runtimes.json} and {@code
 * inference_denoised_runtimes.json} (helm-notes §2.7): per HELM deployment, a {@code
 * runtime_for_prompt_tokens} map (prompt size → seconds), {@code runtime_per_output_token} and an
 * optional {@code overhead}. Prism does not ship them; {@code prism download efficiency_tables}
 * fetches them at {@link #HELM_COMMIT} into {@code <dataDir>/efficiency_tables/}.
 *
 * <pre>{@code
 * EfficiencyTables tables = EfficiencyTables.read(dataDir);   // null when not downloaded
 * EfficiencyProfile p = tables.profile("openai/davinci", "local/my-davinci");
 * }</pre>
 *
 * @param idealized coefficients by HELM deployment name; copied
 * @param denoised coefficients by HELM deployment name; copied
 */
public record EfficiencyTables(
    Map<String, EfficiencyProfile.Coefficients> idealized,
    Map<String, EfficiencyProfile.Coefficients> denoised) {
  /** The folder under the data directory, and the name {@code prism download} takes. */
  public static final String DATA_NAME = "efficiency_tables";

  /** The idealized runtime table's file name, as in HELM. */
  public static final String IDEALIZED_FILE = "inference_idealized_runtimes.json";

  /** The denoised runtime table's file name, as in HELM. */
  public static final String DENOISED_FILE = "inference_denoised_runtimes.json";

  /** The HELM commit the download is pinned to: the last one that changed the tables. */
  public static final String HELM_COMMIT = "c2ee966d79df97f5005d4352b13ddc1730c1f02f";

  private static final ObjectMapper JSON = new ObjectMapper();

  public EfficiencyTables {
    idealized = Collections.unmodifiableMap(new TreeMap<>(idealized));
    denoised = Collections.unmodifiableMap(new TreeMap<>(denoised));
  }

  /** Where {@code prism download efficiency_tables} fetches {@code fileName} from. */
  public static String sourceUrl(String fileName) {
    return "https://raw.githubusercontent.com/stanford-crfm/helm/"
        + HELM_COMMIT
        + "/src/helm/benchmark/efficiency_data/"
        + fileName;
  }

  /** {@code <dataDir>/efficiency_tables}, whether or not it exists. */
  public static Path location(Path dataDir) {
    return dataDir.resolve(DATA_NAME);
  }

  /**
   * Reads both tables from {@link #location}; {@code null} when neither file is there (not
   * downloaded). The checksum is not checked here (the download checks it against the data
   * lockfile), so tables of one's own in HELM's format also work.
   *
   * @throws PrismUserException when only one table is there, or a file is not in HELM's format
   *     (naming the file and line), with the hint to download again
   */
  public static EfficiencyTables read(Path dataDir) {
    Path folder = location(dataDir);
    Path idealizedFile = folder.resolve(IDEALIZED_FILE);
    Path denoisedFile = folder.resolve(DENOISED_FILE);
    boolean hasIdealized = Files.isRegularFile(idealizedFile);
    boolean hasDenoised = Files.isRegularFile(denoisedFile);
    if (!hasIdealized && !hasDenoised) {
      return null;
    }
    if (!hasIdealized || !hasDenoised) {
      throw broken((hasIdealized ? denoisedFile : idealizedFile) + " is missing", null);
    }
    return new EfficiencyTables(table(idealizedFile), table(denoisedFile));
  }

  /** Parses one table file in HELM's format. */
  static Map<String, EfficiencyProfile.Coefficients> table(Path file) {
    JsonNode root = readObject(file, "deployments");
    Map<String, EfficiencyProfile.Coefficients> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      try {
        out.put(e.getKey(), coefficients(e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw broken(file + ": entry '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static EfficiencyProfile.Coefficients coefficients(JsonNode entry) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("expected an object");
    }
    JsonNode table = entry.get("runtime_for_prompt_tokens");
    if (table == null || !table.isObject()) {
      throw new IllegalArgumentException("no runtime_for_prompt_tokens object");
    }
    TreeMap<Integer, Double> runtimes = new TreeMap<>();
    for (Map.Entry<String, JsonNode> cell : table.properties()) {
      try {
        runtimes.put(Integer.valueOf(cell.getKey()), number(cell.getValue(), cell.getKey()));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            "prompt size '" + cell.getKey() + "' is not a whole number", ex);
      }
    }
    double perToken = number(entry.get("runtime_per_output_token"), "runtime_per_output_token");
    JsonNode overhead = entry.get("overhead");
    return new EfficiencyProfile.Coefficients(
        runtimes, perToken, overhead == null ? 0.0 : number(overhead, "overhead"));
  }

  /**
   * The JSON object in {@code file}, one of the files under {@link #location}.
   *
   * @param what what the object holds, for the message when it is not an object
   * @throws PrismUserException when the file is missing, unreadable, not JSON or not an object,
   *     naming the file and line, with the hint to download again
   */
  static JsonNode readObject(Path file, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      throw broken(
          file + ":" + at.getLineNr() + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (NoSuchFileException e) {
      throw broken(file + " is missing", e);
    } catch (IOException e) {
      throw broken(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw broken(file + ":1: expected an object of " + what, null);
    }
    return root;
  }

  static double number(JsonNode node, String what) {
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException(what + " is not a number");
    }
    return node.doubleValue();
  }

  /** Every HELM deployment with an entry in either table, sorted. */
  public Set<String> deployments() {
    Set<String> all = new TreeSet<>(idealized.keySet());
    all.addAll(denoised.keySet());
    return all;
  }

  /**
   * The profile of HELM's deployment {@code helmName}, for the run's deployment {@code deployment};
   * {@code null} when neither table has it. A table without the entry leaves that estimator out, as
   * HELM omits the stat.
   */
  public EfficiencyProfile profile(String helmName, String deployment) {
    Objects.requireNonNull(helmName, "helmName");
    if (!idealized.containsKey(helmName) && !denoised.containsKey(helmName)) {
      return null;
    }
    return new EfficiencyProfile(deployment, idealized.get(helmName), denoised.get(helmName));
  }

  static PrismUserException broken(String what, Exception cause) {
    return new PrismUserException(
        "efficiency tables: " + what, "Run: prism download " + DATA_NAME + " --force", cause);
  }
}
