package dev.prism.adapters;

import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.Names;
import dev.prism.core.PluginSource;
import dev.prism.core.PrismUserException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link ModelAdapter}s found with {@link ServiceLoader}, by kind. A provider that fails to
 * load is recorded in {@link #problems()} and does not hide the others.
 */
public final class AdapterRegistry {
  private final TreeMap<String, ModelAdapter> byKind = new TreeMap<>();
  private final Map<String, String> pluginSources = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private AdapterRegistry() {}

  /** Loads every adapter on the class path of {@code loader}. */
  public static AdapterRegistry load(ClassLoader loader) {
    AdapterRegistry registry = new AdapterRegistry();
    Iterator<ModelAdapter> it = ServiceLoader.load(ModelAdapter.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        registry.add(it.next());
      } catch (ServiceConfigurationError e) {
        registry.problems.add(e.getMessage());
      }
    }
    return registry;
  }

  /**
   * Loads every adapter on the class path of {@code builtIns}, then those of each plugin source in
   * order. A plugin provider that fails to load is described in {@link #problems()} with its
   * source.
   *
   * @throws PrismUserException when a plugin provides an adapter kind that is already taken, naming
   *     both sources
   */
  public static AdapterRegistry load(ClassLoader builtIns, List<PluginSource> plugins) {
    AdapterRegistry registry = load(builtIns);
    for (PluginSource plugin : plugins) {
      PluginSource.Found<ModelAdapter> found = plugin.providers(ModelAdapter.class);
      found.problems().forEach(p -> registry.problems.add(plugin.name() + ": " + p));
      for (ModelAdapter adapter : found.providers()) {
        registry.addPlugin(plugin.name(), adapter);
      }
    }
    return registry;
  }

  private void addPlugin(String source, ModelAdapter adapter) {
    String kind;
    try {
      kind = adapter.kind();
    } catch (RuntimeException e) {
      kind = null;
    }
    if (kind == null || kind.isBlank()) {
      problems.add(
          source + ": provider " + adapter.getClass().getName() + " skipped: no usable kind()");
      return;
    }
    ModelAdapter taken = byKind.get(kind);
    if (taken != null) {
      String first = pluginSources.getOrDefault(kind, "Prism's built-in adapters");
      throw new PrismUserException(
          "model adapter kind '"
              + kind
              + "' is provided twice: by "
              + first
              + " ("
              + taken.getClass().getName()
              + ") and by "
              + source
              + " ("
              + adapter.getClass().getName()
              + ")",
          "Remove one of the two from the plugins folder, or give one adapter another kind");
    }
    byKind.put(kind, adapter);
    pluginSources.put(kind, source);
  }

  /** Loads adapters visible to this class's loader. */
  public static AdapterRegistry load() {
    return load(AdapterRegistry.class.getClassLoader());
  }

  private void add(ModelAdapter adapter) {
    ModelAdapter previous = byKind.putIfAbsent(adapter.kind(), adapter);
    if (previous != null) {
      problems.add(
          "adapter kind '"
              + adapter.kind()
              + "' is provided by both "
              + previous.getClass().getName()
              + " and "
              + adapter.getClass().getName()
              + "; keeping the first");
    }
  }

  /** Adapters sorted by kind. */
  public List<ModelAdapter> all() {
    return List.copyOf(byKind.values());
  }

  /** The adapter of this kind, if installed. */
  public Optional<ModelAdapter> find(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** What the deployment provides, as declared by its adapter; see {@link AdapterCapabilities}. */
  public Set<Capability> capabilities(Deployment deployment) {
    return AdapterCapabilities.of(deployment, this);
  }

  /** Providers that failed to load, one message each. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Connects to a deployment with the adapter it names.
   *
   * @throws PrismUserException when no adapter of that kind exists
   */
  public ModelClient connect(Deployment deployment) {
    ModelAdapter adapter = byKind.get(deployment.adapter());
    if (adapter == null) {
      throw new PrismUserException(
          "deployment '"
              + deployment.name()
              + "' needs adapter '"
              + deployment.adapter()
              + "', which is not installed (tried: "
              + String.join(", ", byKind.keySet())
              + ")",
          Names.didYouMean(deployment.adapter(), byKind.keySet(), "prism list models"));
    }
    return adapter.connect(deployment);
  }
}
