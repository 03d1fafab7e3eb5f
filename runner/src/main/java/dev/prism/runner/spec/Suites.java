package dev.prism.runner.spec;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.util.List;
import java.util.Map;

/** Named sets of run entries that {@code prism run --suite NAME} runs when no entries are given. */
public final class Suites {
  private static final List<String> OFFLINE_MODELS =
      List.of("simple/calculator", "simple/echo", "simple/random");
  private static final List<String> OFFLINE_SCENARIOS =
      List.of("prism/arithmetic", "prism/mini_mcqa");

  /**
   * Every built-in offline scenario against every built-in offline model, with Prism's {@code
   * offline} data augmentation (typos for robustness, gendered pronouns for fairness; no download).
   */
  private static final Map<String, List<String>> BUILT_IN =
      Map.of(
          "quickstart",
          OFFLINE_SCENARIOS.stream()
              .flatMap(
                  s ->
                      OFFLINE_MODELS.stream()
                          .map(m -> s + ":model=" + m + ",data_augmentation=offline"))
              .toList());

  private Suites() {}

  /** Whether {@code name} is a built-in suite. */
  public static boolean isBuiltIn(String name) {
    return BUILT_IN.containsKey(name);
  }

  /**
   * The entries of a built-in suite.
   *
   * @throws PrismUserException for an unknown suite
   */
  public static List<RunEntry> entries(String name) {
    List<String> entries = BUILT_IN.get(name);
    if (entries == null) {
      throw new PrismUserException(
          "suite '" + name + "' has no built-in run entries and none were given",
          "Pass run entries (prism run SCENARIO:model=ORG/NAME --suite "
              + name
              + ") or use a built-in suite. "
              + Names.didYouMean(name, BUILT_IN.keySet(), "prism run --help"));
    }
    return entries.stream().map(RunEntry::parse).toList();
  }
}
