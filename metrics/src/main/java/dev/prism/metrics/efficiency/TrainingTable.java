package dev.prism.metrics.efficiency;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * HELM's {@code training_efficiency.json} (helm-notes §2.7): per HELM deployment, the estimated CO2
 * emitted ({@code carbon}, metric tons) and energy used ({@code energy}, MWh) to train the model,
 * each {@code {"value": x, "description": "…provenance…"}}. {@code prism download
 * efficiency_tables} fetches it beside the runtime tables ({@link EfficiencyTables}).
 *
 * <pre>{@code
 * TrainingTable table = TrainingTable.read(dataDir);   // null when not downloaded
 * TrainingCosts costs = table.costs("openai/davinci"); // null when HELM has neither value
 * }</pre>
 *
 * @param carbon tons of CO2 by HELM deployment name; copied
 * @param energy MWh by HELM deployment name; copied
 */
public record TrainingTable(Map<String, Double> carbon, Map<String, Double> energy) {
  /** The file's name, as in HELM. */
  public static final String FILE = "training_efficiency.json";

  public TrainingTable {
    carbon = Collections.unmodifiableMap(new TreeMap<>(carbon));
    energy = Collections.unmodifiableMap(new TreeMap<>(energy));
  }

  /**
   * Reads {@link #FILE} from {@link EfficiencyTables#location}; {@code null} when it is not there
   * (not downloaded, or downloaded before Prism fetched it). The checksum is checked by the
   * download, not here.
   *
   * @throws dev.prism.core.PrismUserException when the file is not in HELM's format, naming the
   *     file and entry, with the hint to download again
   */
  public static TrainingTable read(Path dataDir) {
    Path file = location(dataDir);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    JsonNode root = EfficiencyTables.readObject(file, "'carbon' and 'energy' tables");
    return new TrainingTable(values(file, root, "carbon"), values(file, root, "energy"));
  }

  /** {@code <dataDir>/efficiency_tables/training_efficiency.json}, whether or not it exists. */
  public static Path location(Path dataDir) {
    return EfficiencyTables.location(dataDir).resolve(FILE);
  }

  private static Map<String, Double> values(Path file, JsonNode root, String table) {
    JsonNode entries = root.get(table);
    if (entries == null || !entries.isObject()) {
      throw EfficiencyTables.broken(file + ": no '" + table + "' object", null);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries.properties()) {
      String where = file + ": " + table + " entry '" + e.getKey() + "'";
      if (!e.getValue().isObject()) {
        throw EfficiencyTables.broken(where + ": expected an object with a value", null);
      }
      try {
        double value = EfficiencyTables.number(e.getValue().get("value"), "value");
        out.put(e.getKey(), TrainingCosts.check(table, value));
      } catch (IllegalArgumentException ex) {
        throw EfficiencyTables.broken(where + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  /**
   * HELM's training costs of deployment {@code helmName}, as HELM looks them up (each table by the
   * deployment name); {@code null} when neither table has it.
   */
  public TrainingCosts costs(String helmName) {
    Objects.requireNonNull(helmName, "helmName");
    Double co2 = carbon.get(helmName);
    Double mwh = energy.get(helmName);
    if (co2 == null && mwh == null) {
      return null;
    }
    return new TrainingCosts(co2, mwh);
  }
}
