package dev.prism.scenarios;

import dev.prism.core.Names;
import dev.prism.core.PluginSource;
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
import java.util.Optional;
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
 * one is kept). Plugin jars ({@link #load(ClassLoader, List)}) are stricter about ids: an id taken
 * twice is an error naming both jars, since silently keeping one would run the wrong scenario.
 * Immutable after loading; thread-safe.
 */
public final class ScenarioRegistry {
  private static final String RESERVED = "prism/";
  private static final String LIST_COMMAND = "prism list scenarios";
  private static final int MAX_PROVIDER_ERRORS = 100;

  private final Map<String, Scenario> byId;
  private final Map<String, String> pluginSources;
  private final List<String> problems;
  private final List<String> pluginFailures;

  private ScenarioRegistry(Loading loading) {
    this.byId = loading.byId;
    this.pluginSources = Map.copyOf(loading.pluginSources);
    this.problems = List.copyOf(loading.problems);
    this.pluginFailures = List.copyOf(loading.pluginFailures);
  }

  /** Discovers providers with the context class loader (or this class's loader if none). */
  public static ScenarioRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : ScenarioRegistry.class.getClassLoader());
  }

  /** Discovers providers visible to {@code loader}. */
  public static ScenarioRegistry load(ClassLoader loader) {
    return load(loader, List.of());
  }

  /**
   * Discovers the built-in providers visible to {@code builtIns}, then those of each plugin source
   * in order. A plugin provider that cannot be loaded is left out and described in {@link
   * #problems()} (naming the source and the provider class); {@link #resolve} mentions it when the
   * scenario asked for is not found.
   *
   * @throws PrismUserException when a plugin provides an id already taken by a built-in or by an
   *     earlier plugin, naming both sources
   */
  public static ScenarioRegistry load(ClassLoader builtIns, List<PluginSource> plugins) {
    Loading loading = new Loading();
    Iterator<Scenario> it = ServiceLoader.load(Scenario.class, builtIns).iterator();
    int errors = 0;
    while (true) {
      Scenario scenario;
      try {
        if (!it.hasNext()) {
          break;
        }
        scenario = it.next();
      } catch (ServiceConfigurationError e) {
        loading.problems.add("scenario provider skipped: " + e.getMessage());
        if (++errors >= MAX_PROVIDER_ERRORS) {
          loading.problems.add(
              "stopped looking for scenario providers after " + errors + " errors");
          break;
        }
        continue;
      }
      loading.addBuiltIn(scenario);
    }
    for (PluginSource plugin : plugins) {
      PluginSource.Found<Scenario> found = plugin.providers(Scenario.class);
      found.problems().forEach(p -> loading.pluginFailure(plugin, p));
      found.providers().forEach(s -> loading.addPlugin(plugin, s));
    }
    return new ScenarioRegistry(loading);
  }

  /** The registry under construction. */
  private static final class Loading {
    final Map<String, Scenario> byId = new LinkedHashMap<>();
    final Map<String, String> pluginSources = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> pluginFailures = new ArrayList<>();

    /** Class-path providers: a clash is a warning and the first one stays, as before plugins. */
    void addBuiltIn(Scenario scenario) {
      String id = validId(scenario, problems, "scenario ");
      if (id == null) {
        return;
      }
      Scenario taken = byId.get(id);
      if (taken != null) {
        problems.add(
            "scenario provider "
                + scenario.getClass().getName()
                + " skipped: id '"
                + id
                + "' is already taken by "
                + taken.getClass().getName());
        return;
      }
      warnIfReserved(scenario, id, "scenario provider ");
      byId.put(id, scenario);
    }

    /** Plugin providers: a clash is the user's to resolve, so it stops the command. */
    void addPlugin(PluginSource plugin, Scenario scenario) {
      List<String> invalid = new ArrayList<>();
      String id = validId(scenario, invalid, "");
      if (id == null) {
        invalid.forEach(p -> pluginFailure(plugin, p));
        return;
      }
      Scenario taken = byId.get(id);
      if (taken != null) {
        String first = pluginSources.getOrDefault(id, "Prism's built-in scenarios");
        throw new PrismUserException(
            "scenario id '"
                + id
                + "' is provided twice: by "
                + describe(first, taken)
                + " and by "
                + describe(plugin.name(), scenario),
            first.equals(plugin.name())
                ? "Remove one of the two providers from the jar's META-INF/services file"
                : "Remove one of the two from the plugins folder, or give one scenario another id");
      }
      warnIfReserved(scenario, id, plugin.name() + ": provider ");
      byId.put(id, scenario);
      pluginSources.put(id, plugin.name());
    }

    void pluginFailure(PluginSource plugin, String problem) {
      String line = plugin.name() + ": " + problem;
      problems.add(line);
      pluginFailures.add(line);
    }

    private static String describe(String source, Scenario scenario) {
      return source + " (" + scenario.getClass().getName() + ")";
    }

    /** The scenario's id, or {@code null} after describing why it has none. */
    private static String validId(Scenario scenario, List<String> problems, String prefix) {
      String className = scenario.getClass().getName();
      String id;
      try {
        id = scenario.id();
      } catch (RuntimeException e) {
        problems.add(prefix + "provider " + className + " skipped: id() failed: " + e);
        return null;
      }
      if (id == null || id.isBlank()) {
        problems.add(prefix + "provider " + className + " skipped: blank id");
        return null;
      }
      return id;
    }

    private void warnIfReserved(Scenario scenario, String id, String prefix) {
      String className = scenario.getClass().getName();
      if (id.startsWith(RESERVED) && !className.startsWith("dev.prism.")) {
        problems.add(
            prefix
                + className
                + " uses the reserved namespace '"
                + RESERVED
                + "' (id '"
                + id
                + "'); choose your own namespace");
      }
    }
  }

  /** The discovered scenarios, built-in and from plugins, sorted by id. */
  public List<Scenario> builtIns() {
    return byId.values().stream().sorted(Comparator.comparing(Scenario::id)).toList();
  }

  /**
   * The {@link PluginSource#name()} (e.g. the jar) that provided the scenario with this id; empty
   * for Prism's built-in scenarios and unknown ids.
   */
  public Optional<String> pluginSource(String id) {
    return Optional.ofNullable(pluginSources.get(id));
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
          "Scenario files end in .yaml or .yml (a scenario definition) or .jsonl (instances);"
              + " a .csv file needs a scenario .yaml that maps its columns");
    }
    throw new PrismUserException(
        "unknown scenario '" + nameOrPath + "'", suggest(nameOrPath) + pluginFailureNote());
  }

  /**
   * Why a plugin scenario may be missing: the plugin providers that failed to load (their ids are
   * unknown, since a provider that cannot be built cannot say its id).
   */
  private String pluginFailureNote() {
    if (pluginFailures.isEmpty()) {
      return "";
    }
    return ". Note: "
        + (pluginFailures.size() == 1
            ? "a scenario plugin failed to load: "
            : pluginFailures.size() + " scenario plugins failed to load: ")
        + String.join("; ", pluginFailures);
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
