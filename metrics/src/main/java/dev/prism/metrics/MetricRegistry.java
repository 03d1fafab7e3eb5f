package dev.prism.metrics;

import dev.prism.core.Metric;
import dev.prism.core.Names;
import dev.prism.core.PluginSource;
import dev.prism.core.PrismUserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@link Metric}s available to a run, found with {@link ServiceLoader}, and the resolution of
 * user-given metric and family names. Immutable and thread-safe once built.
 *
 * <p>A provider that cannot be loaded or instantiated is left out and described in {@link
 * #problems()}; the others stay usable. Two providers with the same {@link Metric#id()} are an
 * error that names both classes.
 *
 * <pre>{@code
 * MetricRegistry registry = MetricRegistry.load();
 * List<Metric> metrics = registry.resolve(List.of("accuracy", "rouge_l"));
 * }</pre>
 */
public final class MetricRegistry {
  /** HELM's seven metric families, in the order leaderboards show them. */
  public static final List<String> STANDARD_FAMILIES =
      List.of(
          "accuracy", "calibration", "robustness", "fairness", "bias", "toxicity", "efficiency");

  /** Stop after this many consecutive loader errors, in case a broken loader repeats one. */
  private static final int MAX_CONSECUTIVE_ERRORS = 100;

  private final List<Metric> metrics;
  private final List<String> families;
  private final List<String> problems;

  private MetricRegistry(List<Metric> metrics, List<String> problems) {
    Map<String, Metric> byId = new HashMap<>();
    for (Metric metric : metrics) {
      Metric previous = byId.putIfAbsent(metric.id(), metric);
      if (previous != null) {
        throw new PrismUserException(
            "duplicate metric id '"
                + metric.id()
                + "': provided by both "
                + previous.getClass().getName()
                + " and "
                + metric.getClass().getName(),
            "Remove one of the two plugins from the classpath");
      }
    }
    this.metrics = metrics.stream().sorted(Comparator.comparing(Metric::id)).toList();
    Set<String> extra = new TreeSet<>();
    for (Metric metric : metrics) {
      extra.add(metric.family());
    }
    STANDARD_FAMILIES.forEach(extra::remove);
    List<String> all = new ArrayList<>(STANDARD_FAMILIES);
    all.addAll(extra);
    this.families = List.copyOf(all);
    this.problems = List.copyOf(problems);
  }

  /** The metrics on the thread context class loader's classpath. */
  public static MetricRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /**
   * The metrics {@code loader} provides.
   *
   * @throws PrismUserException if two providers share an id
   */
  public static MetricRegistry load(ClassLoader loader) {
    List<Metric> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<Metric> it = ServiceLoader.load(Metric.class, loader).iterator();
    int consecutiveErrors = 0;
    while (consecutiveErrors < MAX_CONSECUTIVE_ERRORS) {
      try {
        if (!it.hasNext()) {
          break;
        }
        Metric metric = it.next();
        consecutiveErrors = 0;
        String invalid = invalidReason(metric);
        if (invalid == null) {
          found.add(metric);
        } else {
          problems.add(metric.getClass().getName() + ": " + invalid);
        }
      } catch (ServiceConfigurationError e) {
        consecutiveErrors++;
        problems.add(describe(e));
      }
    }
    return new MetricRegistry(found, problems);
  }

  /**
   * The metrics {@code builtIns} provides, then those of each plugin source in order. A plugin
   * provider that cannot be loaded is described in {@link #problems()} with its source.
   *
   * @throws PrismUserException if two providers share an id, naming both sources
   */
  public static MetricRegistry load(ClassLoader builtIns, List<PluginSource> plugins) {
    MetricRegistry base = load(builtIns);
    if (plugins.isEmpty()) {
      return base;
    }
    List<Metric> all = new ArrayList<>(base.metrics);
    List<String> problems = new ArrayList<>(base.problems);
    Map<String, String> sources = new HashMap<>();
    base.metrics.forEach(m -> sources.put(m.id(), "Prism's built-in metrics"));
    for (PluginSource plugin : plugins) {
      PluginSource.Found<Metric> found = plugin.providers(Metric.class);
      found.problems().forEach(p -> problems.add(plugin.name() + ": " + p));
      for (Metric metric : found.providers()) {
        String invalid = invalidReason(metric);
        if (invalid != null) {
          problems.add(plugin.name() + ": " + metric.getClass().getName() + ": " + invalid);
          continue;
        }
        String first = sources.putIfAbsent(metric.id(), plugin.name());
        if (first != null) {
          Metric taken = all.stream().filter(m -> m.id().equals(metric.id())).findFirst().get();
          throw new PrismUserException(
              "metric id '"
                  + metric.id()
                  + "' is provided twice: by "
                  + first
                  + " ("
                  + taken.getClass().getName()
                  + ") and by "
                  + plugin.name()
                  + " ("
                  + metric.getClass().getName()
                  + ")",
              "Remove one of the two from the plugins folder, or give one metric another id");
        }
        all.add(metric);
      }
    }
    return new MetricRegistry(all, problems);
  }

  /**
   * A registry of exactly {@code metrics}, for tests and embedding.
   *
   * @throws PrismUserException if two metrics share an id
   * @throws IllegalArgumentException if a metric has a blank id or family
   */
  public static MetricRegistry of(List<? extends Metric> metrics) {
    for (Metric metric : metrics) {
      String invalid = invalidReason(metric);
      if (invalid != null) {
        throw new IllegalArgumentException(metric.getClass().getName() + ": " + invalid);
      }
    }
    return new MetricRegistry(List.copyOf(metrics), List.of());
  }

  /**
   * This registry with every {@link UsesDataDir} metric reading from {@code dataDir}, so that the
   * metrics it resolves (including their configured variants) find downloaded files there.
   */
  public MetricRegistry withDataDir(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    List<Metric> bound = new ArrayList<>(metrics.size());
    for (Metric metric : metrics) {
      bound.add(metric instanceof UsesDataDir d ? d.withDataDir(dataDir) : metric);
    }
    return new MetricRegistry(bound, problems);
  }

  /** Every metric, sorted by id. */
  public List<Metric> all() {
    return metrics;
  }

  /** {@link #STANDARD_FAMILIES}, followed by any other family a metric declares (sorted). */
  public List<String> families() {
    return families;
  }

  /** The metric with this id. */
  public Optional<Metric> find(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * One line per provider that could not be loaded (naming its class and why); empty when all
   * loaded.
   */
  public List<String> problems() {
    return problems;
  }

  /** A comma-separated piece that continues a {@code name:k=v,…} group: {@code key=…}. */
  private static final Pattern ARGUMENT = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_.-]*=.*");

  /**
   * Splits a comma-separated list of names for {@link #resolve}, keeping a parameterized metric's
   * arguments together: a piece of the form {@code key=value} that follows a piece with arguments
   * ({@code name:k=v}) continues it. So {@code accuracy,ranking_metric:track=trec,valid_topk=30}
   * gives {@code accuracy} and {@code ranking_metric:track=trec,valid_topk=30}. Empty pieces are
   * dropped.
   */
  public static List<String> splitNames(String list) {
    List<String> out = new ArrayList<>();
    for (String piece : list.split(",", -1)) {
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).contains(":") && ARGUMENT.matcher(piece).matches()) {
        out.set(last, out.get(last) + "," + piece.strip());
      } else if (!piece.isBlank()) {
        out.add(piece.strip());
      }
    }
    return out;
  }

  /**
   * The metrics the names select, in order, without duplicates. A family name (see {@link
   * #families()}) selects every metric of that family, sorted by id (a {@link ParameterizedMetric}
   * contributes its {@link ParameterizedMetric#defaultVariants()}), and nothing when no metric of
   * it exists yet. Any other name is a metric id, a stat name a {@link NamedStats} metric declares
   * (selecting that metric), or {@code id:key=value,…} for a {@link ParameterizedMetric}. Leading
   * and trailing spaces are ignored.
   *
   * @throws PrismUserException for a name that is none of these, with a "did you mean" hint, or for
   *     arguments the metric rejects
   */
  public List<Metric> resolve(List<String> namesOrFamilies) {
    Set<Metric> selected = new LinkedHashSet<>();
    for (String raw : namesOrFamilies) {
      String name = raw.strip();
      if (families.contains(name)) {
        for (Metric m : metrics) {
          if (m.family().equals(name)) {
            if (m instanceof ParameterizedMetric p) {
              selected.addAll(p.defaultVariants());
            } else {
              selected.add(m);
            }
          }
        }
        continue;
      }
      selected.add(resolveOne(name));
    }
    return List.copyOf(selected);
  }

  private Metric resolveOne(String name) {
    Optional<Metric> metric = find(name);
    if (metric.isPresent()) {
      return metric.get();
    }
    for (Metric m : metrics) {
      if (m instanceof NamedStats named && named.statNames().contains(name)) {
        return m;
      }
    }
    int colon = name.indexOf(':');
    if (colon > 0) {
      String base = name.substring(0, colon);
      Optional<Metric> parameterized = find(base);
      if (parameterized.isPresent() && parameterized.get() instanceof ParameterizedMetric p) {
        return p.withArguments(parseArguments(name, name.substring(colon + 1)));
      }
    }
    Set<String> known = new TreeSet<>(families);
    for (Metric m : metrics) {
      known.add(m.id());
      if (m instanceof NamedStats named) {
        known.addAll(named.statNames());
      }
    }
    throw new PrismUserException(
        "unknown metric '" + name + "'", Names.didYouMean(name, known, "prism list metrics"));
  }

  /** {@code key=value,key=value}, HELM's run-entry argument syntax; keys kept in order. */
  private static Map<String, String> parseArguments(String name, String text) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new PrismUserException(
            "malformed metric arguments in '" + name + "': '" + part + "' is not key=value",
            "Write arguments as id:key=value,key=value");
      }
      String key = part.substring(0, eq).strip();
      if (arguments.put(key, part.substring(eq + 1).strip()) != null) {
        throw new PrismUserException(
            "metric argument '" + key + "' given twice in '" + name + "'",
            "Give each argument once");
      }
    }
    return arguments;
  }

  /** Why {@code metric} cannot be registered, or {@code null} when it can. */
  private static String invalidReason(Metric metric) {
    String id;
    String family;
    try {
      id = metric.id();
      family = metric.family();
    } catch (RuntimeException e) {
      return "id() or family() failed: " + e;
    }
    if (id == null || id.isBlank()) {
      return "blank metric id";
    }
    if (family == null || family.isBlank()) {
      return "metric '" + id + "' has a blank family";
    }
    return null;
  }

  private static String describe(ServiceConfigurationError e) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
    Throwable cause = e.getCause();
    return cause == null ? message : message + " (" + cause + ")";
  }
}
