package dev.prism.runner.spec;

import dev.prism.core.PrismUserException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run entry in HELM's syntax, {@code scenario:key=value,key=value}, e.g. {@code
 * prism/arithmetic:seed=1,model=simple/calculator}. The scenario may be a built-in id or the path
 * of a scenario YAML or instances JSONL file.
 *
 * @param scenario scenario id or path
 * @param args arguments in the order given; copied
 */
public record RunEntry(String scenario, Map<String, String> args) {
  public RunEntry {
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /**
   * Parses one entry.
   *
   * @throws PrismUserException naming the entry when it is malformed
   */
  public static RunEntry parse(String text) {
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    String scenario = colon < 0 ? trimmed : trimmed.substring(0, colon);
    if (scenario.isEmpty()) {
      throw new PrismUserException(
          "run entry '" + text + "' names no scenario",
          "Write entries as scenario:key=value,…, e.g. prism/arithmetic:model=simple/calculator");
    }
    Map<String, String> args = new LinkedHashMap<>();
    if (colon >= 0 && colon + 1 < trimmed.length()) {
      for (String part : trimmed.substring(colon + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new PrismUserException(
              "run entry '" + text + "': argument '" + part + "' is not key=value",
              "Write entries as scenario:key=value,key=value");
        }
        String key = part.substring(0, eq).strip();
        if (args.put(key, part.substring(eq + 1).strip()) != null) {
          throw new PrismUserException(
              "run entry '" + text + "' sets '" + key + "' twice", "Keep one value per key");
        }
      }
    }
    return new RunEntry(scenario, args);
  }
}
