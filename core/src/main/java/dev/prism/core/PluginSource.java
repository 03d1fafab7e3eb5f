package dev.prism.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Where plugin providers come from, besides Prism's own class path: typically one plugin jar. The
 * registries use its {@link #name()} to say which jar a scenario, adapter or metric came from, and
 * to name both sources when two provide the same id.
 *
 * <pre>{@code
 * PluginSource jar = new PluginSource("plugins/acme.jar", jarLoader);
 * PluginSource.Found<Scenario> found = jar.providers(Scenario.class);
 * }</pre>
 *
 * @param name how messages name the source, e.g. the jar's path; never blank
 * @param loader loads the source's classes; its {@code META-INF/services} lookups must return only
 *     the source's own files (not its parent's), or providers of the parent are found again
 */
public record PluginSource(String name, ClassLoader loader) {
  /** A broken loader can repeat one error forever; give up after this many in a row. */
  private static final int MAX_CONSECUTIVE_ERRORS = 100;

  public PluginSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(loader, "loader");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank plugin source name");
    }
  }

  /**
   * The providers of a service found and instantiated here, and what went wrong with the others.
   *
   * @param providers instantiated providers, in the order the service files list them
   * @param problems one sentence per provider that could not be loaded, naming its class and why
   *     (without the source's name, which the caller adds)
   */
  public record Found<T>(List<T> providers, List<String> problems) {
    public Found {
      providers = List.copyOf(providers);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Instantiates every provider of {@code service} this source declares. A provider whose class is
   * missing, does not implement the service, cannot be linked or throws in its constructor is left
   * out and described; the others are still loaded. Never throws for a bad provider.
   */
  public <T> Found<T> providers(Class<T> service) {
    List<T> providers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(service, loader).iterator();
    int errors = 0;
    while (errors < MAX_CONSECUTIVE_ERRORS) {
      try {
        if (!it.hasNext()) {
          break;
        }
        providers.add(it.next());
        errors = 0;
      } catch (ServiceConfigurationError | LinkageError e) {
        // LinkageError: a provider compiled for a newer Java, or needing a class the jar lacks.
        errors++;
        problems.add(describe(service, e));
      }
    }
    if (errors >= MAX_CONSECUTIVE_ERRORS) {
      problems.add("stopped after " + errors + " errors in a row");
    }
    return new Found<>(providers, problems);
  }

  /**
   * {@code "provider com.acme.X could not be instantiated (java.lang.IllegalStateException:
   * boom)"}: ServiceLoader's sentence without its {@code "dev.prism.core.Scenario: "} prefix, plus
   * the root cause.
   */
  private static String describe(Class<?> service, Throwable e) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
    String prefix = service.getName() + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    if (message.startsWith("Provider ")) {
      message = "provider " + message.substring("Provider ".length());
    }
    if (e instanceof LinkageError) {
      message = "cannot link a provider: " + e;
    }
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause == null ? message : message + " (" + cause + ")";
  }
}
