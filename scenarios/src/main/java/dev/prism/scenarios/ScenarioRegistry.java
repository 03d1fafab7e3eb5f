package dev.prism.scenarios;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import dev.prism.core.Scenario;
import dev.prism.scenarios.declarative.DeclarativeScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The scenarios Prism knows: providers of {@link Scenario} found with {@link ServiceLoader}, plus
 * scenario files named by path.
 *
 * <pre>{@code
 * ScenarioRegistry registry = ScenarioRegistry.load();
 * Scenario a = registry.resolve("arithmetic");            // short name of prism/arithmetic
 * Scenario b = registry.resolve("data/capitals.yaml");    // declarative scenario file
 * }</pre>
 *
 * <p>Loading never fails because of one bad provider: a provider that cannot be instantiated, has a
 * blank id, or repeats an id already taken is left out and described in {@link #problems()} (naming
 * its class), as is a provider outside Prism that uses the reserved {@code prism/} namespace (that
 * one is kept). Immutable after loading; thread-safe.
 */
public final class ScenarioRegistry {
  private static final String RESERVED = "prism/";
  private static final String LIST_COMMAND = "prism list scenarios";
  private static final int MAX_PROVIDER_ERRORS = 100;

  private final Map<String, Scenario> byId;
  private final List<String> problems;

  private ScenarioRegistry(Map<String, Scenario> byId, List<String> problems) {
    this.byId = byId;
    this.problems = List.copyOf(problems);
  }

  /** Discovers providers with the context class loader (or this class's loader if none). */
  public static ScenarioRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : ScenarioRegistry.class.getClassLoader());
  }

  /** Discovers providers visible to {@code loader}. */
  public static ScenarioRegistry load(ClassLoader loader) {
    Map<String, Scenario> byId = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Iterator<Scenario> it = ServiceLoader.load(Scenario.class, loader).iterator();
    int errors = 0;
    while (true) {
      Scenario scenario;
      try {
        if (!it.hasNext()) {
          break;
        }
        scenario = it.next();
      } catch (ServiceConfigurationError e) {
        problems.add("scenario provider skipped: " + e.getMessage());
        if (++errors >= MAX_PROVIDER_ERRORS) {
          problems.add("stopped looking for scenario providers after " + errors + " errors");
          break;
        }
        continue;
      }
      add(scenario, byId, problems);
    }
    return new ScenarioRegistry(byId, problems);
  }

  private static void add(Scenario scenario, Map<String, Scenario> byId, List<String> problems) {
    String className = scenario.getClass().getName();
    String id;
    try {
      id = scenario.id();
    } catch (RuntimeException e) {
      problems.add("scenario provider " + className + " skipped: id() failed: " + e);
      return;
    }
    if (id == null || id.isBlank()) {
      problems.add("scenario provider " + className + " skipped: blank id");
      return;
    }
    Scenario taken = byId.get(id);
    if (taken != null) {
      problems.add(
          "scenario provider "
              + className
              + " skipped: id '"
              + id
              + "' is already taken by "
              + taken.getClass().getName());
      return;
    }
    if (id.startsWith(RESERVED) && !className.startsWith("dev.prism.")) {
      problems.add(
          "scenario provider "
              + className
              + " uses the reserved namespace '"
              + RESERVED
              + "' (id '"
              + id
              + "'); choose your own namespace");
    }
    byId.put(id, scenario);
  }

  /** The discovered scenarios, sorted by id. */
  public List<Scenario> builtIns() {
    return byId.values().stream().sorted(Comparator.comparing(Scenario::id)).toList();
  }

  /** What went wrong while discovering providers, one sentence each; empty when nothing did. */
  public List<String> problems() {
    return problems;
  }

  /**
   * The scenario named by an id ({@code prism/arithmetic}), a unique short name ({@code
   * arithmetic}), or a path to a {@code .yaml}/{@code .yml} scenario file or a {@code .jsonl}
   * instances file.
   *
   * @throws PrismUserException for unknown or ambiguous names (with "did you mean"), missing files
   *     and malformed scenario files
   */
  public Scenario resolve(String nameOrPath) {
    Scenario exact = byId.get(nameOrPath);
    if (exact != null) {
      return exact;
    }
    String lower = nameOrPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return DeclarativeScenario.fromYaml(Path.of(nameOrPath));
    }
    if (lower.endsWith(".jsonl")) {
      return DeclarativeScenario.fromJsonl(Path.of(nameOrPath));
    }
    if (!nameOrPath.contains("/")) {
      List<Scenario> matches =
          builtIns().stream().filter(s -> s.id().endsWith("/" + nameOrPath)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new PrismUserException(
            "scenario name '" + nameOrPath + "' is ambiguous",
            "Use the full id: " + String.join(", ", matches.stream().map(Scenario::id).toList()));
      }
    }
    if (looksLikeFile(nameOrPath)) {
      throw new PrismUserException(
          "'" + nameOrPath + "' is not a scenario file",
          "Scenario files end in .yaml or .yml (a scenario definition) or .jsonl (instances)");
    }
    throw new PrismUserException("unknown scenario '" + nameOrPath + "'", suggest(nameOrPath));
  }

  /**
   * "Did you mean" over ids and short names; failing a close spelling, the ids whose short name
   * starts with what was typed ({@code mini} → {@code prism/mini_mcqa}).
   */
  private String suggest(String unknown) {
    List<String> candidates = new ArrayList<>(byId.keySet());
    byId.keySet().stream().map(ScenarioRegistry::shortName).distinct().forEach(candidates::add);
    List<String> close = Names.suggestions(unknown, candidates);
    if (close.isEmpty()) {
      String lower = unknown.toLowerCase(Locale.ROOT);
      close =
          byId.keySet().stream()
              .filter(id -> shortName(id).toLowerCase(Locale.ROOT).startsWith(lower))
              .sorted()
              .limit(3)
              .toList();
    }
    if (close.isEmpty()) {
      return "Run '" + LIST_COMMAND + "' to see the valid names";
    }
    return "Did you mean "
        + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
        + "?";
  }

  private static String shortName(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private static boolean looksLikeFile(String nameOrPath) {
    try {
      return Files.isRegularFile(Path.of(nameOrPath));
    } catch (RuntimeException e) { // InvalidPathException: not a path at all
      return false;
    }
  }
}
