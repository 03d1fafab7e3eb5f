package dev.prism.scenarios.helm;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.util.List;
import java.util.Map;

/** Checks the {@code key=value} arguments of a HELM scenario. */
final class HelmArgs {
  private HelmArgs() {}

  /**
   * @throws PrismUserException for the first argument not in {@code valid}
   */
  static void checkKnown(String scenarioId, Map<String, String> args, List<String> valid) {
    for (String key : args.keySet().stream().sorted().toList()) {
      if (!valid.contains(key)) {
        throw new PrismUserException(
            "scenario '" + scenarioId + "' has no argument '" + key + "'",
            mean(key, valid)
                + "Valid arguments: "
                + (valid.isEmpty() ? "none" : String.join(", ", valid)));
      }
    }
  }

  /**
   * The value of {@code key}, which must be one of {@code allowed}; {@code fallback} when absent
   * ({@code null} fallback: the argument is required).
   *
   * @throws PrismUserException when required and absent, or not allowed
   */
  static String oneOf(
      String scenarioId,
      Map<String, String> args,
      String key,
      List<String> allowed,
      String fallback) {
    String value = args.get(key);
    if (value == null) {
      if (fallback != null) {
        return fallback;
      }
      throw new PrismUserException(
          "scenario '" + scenarioId + "' needs argument '" + key + "'",
          "For example " + scenarioId + ":" + key + "=" + allowed.get(0));
    }
    if (!allowed.contains(value)) {
      throw new PrismUserException(
          "scenario '" + scenarioId + "': unknown " + key + " '" + value + "'",
          mean(value, allowed) + "Valid values: " + String.join(", ", allowed));
    }
    return value;
  }

  private static String mean(String typed, List<String> valid) {
    List<String> close = Names.suggestions(typed, valid);
    return close.isEmpty()
        ? ""
        : "Did you mean "
            + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
            + "? ";
  }
}
