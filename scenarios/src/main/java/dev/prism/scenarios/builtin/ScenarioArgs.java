package dev.prism.scenarios.builtin;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.util.List;
import java.util.Map;

/** Checks and reads the {@code key=value} arguments a run entry passes to a built-in scenario. */
final class ScenarioArgs {
  private ScenarioArgs() {}

  /**
   * @throws PrismUserException for the first argument not in {@code valid}, listing the valid ones
   */
  static void checkKnown(String scenarioId, Map<String, String> args, List<String> valid) {
    for (String key : args.keySet().stream().sorted().toList()) {
      if (!valid.contains(key)) {
        String validList = valid.isEmpty() ? "none" : String.join(", ", valid);
        List<String> close = Names.suggestions(key, valid);
        String mean =
            close.isEmpty()
                ? ""
                : "Did you mean "
                    + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
                    + "? ";
        throw new PrismUserException(
            "scenario '" + scenarioId + "' has no argument '" + key + "'",
            mean + "Valid arguments: " + validList);
      }
    }
  }

  /**
   * The integer argument {@code key}, or {@code fallback} when absent.
   *
   * @throws PrismUserException when the value is not a whole number in [min, max]
   */
  static long integer(
      String scenarioId, Map<String, String> args, String key, long fallback, long min, long max) {
    String raw = args.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new PrismUserException(
        "scenario '"
            + scenarioId
            + "': argument '"
            + key
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + raw
            + "'",
        "For example " + key + "=" + fallback);
  }
}
