package dev.prism.runner.plugin;

import dev.prism.core.Metric;
import dev.prism.core.ModelAdapter;
import dev.prism.core.PluginSource;
import dev.prism.core.PrismUserException;
import dev.prism.core.Scenario;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Opens plugin jars: every {@code *.jar} directly inside each plugin folder (sorted by name), each
 * in its own {@link PluginClassLoader} whose parent is Prism's loader. A jar is a {@link
 * PluginSource} named by its path as the user wrote it.
 *
 * <p>A jar that cannot be used (not a zip file, or declaring no scenario, model adapter or metric
 * in {@code META-INF/services}) is skipped with a warning; the others still load. Loaders are never
 * closed: providers and the instances they create may use their jar until the process ends.
 *
 * <pre>{@code
 * PluginJars.Opened opened = PluginJars.open(List.of(Path.of("plugins")), Main.class.getClassLoader());
 * ScenarioRegistry scenarios = ScenarioRegistry.load(loader, opened.sources());
 * }</pre>
 */
public final class PluginJars {
  /** The service interfaces a plugin jar may provide. */
  static final List<Class<?>> SERVICES = List.of(Scenario.class, ModelAdapter.class, Metric.class);

  private PluginJars() {}

  /**
   * The usable jars and one warning per skipped jar.
   *
   * @param sources one per usable jar, in folder order then file-name order
   * @param warnings one line each, naming the jar, why it was skipped and what to do
   */
  public record Opened(List<PluginSource> sources, List<String> warnings) {
    public Opened {
      sources = List.copyOf(sources);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Opens the jars of plugin folders; a location may also be one {@code .jar} file.
   *
   * @param locations folders (or jars), each of which must exist
   * @param parent Prism's class loader, the parent of every plugin loader
   * @throws PrismUserException when a location does not exist or is neither a folder nor a jar
   */
  public static Opened open(List<Path> locations, ClassLoader parent) {
    List<PluginSource> sources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path location : locations) {
      for (Path jar : jars(location)) {
        String problem = problem(jar);
        if (problem != null) {
          warnings.add(jar + ": " + problem + "; the jar is skipped");
          continue;
        }
        try {
          sources.add(
              new PluginSource(
                  jar.toString(),
                  new PluginClassLoader(
                      "prism-plugin:" + jar.getFileName(), jar.toUri().toURL(), parent)));
        } catch (MalformedURLException e) { // a file path always has a file: URL
          throw new IllegalStateException("no URL for " + jar, e);
        }
      }
    }
    return new Opened(sources, warnings);
  }

  private static List<Path> jars(Path location) {
    if (Files.isRegularFile(location)) {
      if (!isJar(location)) {
        throw new PrismUserException(
            "plugin location '" + location + "' is neither a folder nor a .jar file",
            "Pass a folder of plugin jars (or one .jar) to --plugins");
      }
      return List.of(location);
    }
    if (!Files.isDirectory(location)) {
      throw new PrismUserException(
          "plugins folder '" + location + "' not found",
          "Create it and put plugin jars in it, or fix the path given to --plugins");
    }
    try (Stream<Path> files = Files.list(location)) {
      return files
          .filter(f -> isJar(f) && Files.isRegularFile(f))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new PrismUserException(
          "cannot list plugins folder '" + location + "': " + e.getMessage(),
          "Check that the folder is readable");
    }
  }

  private static boolean isJar(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  /** Why the jar cannot be a plugin, or {@code null} when it can. */
  private static String problem(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Class<?> service : SERVICES) {
        if (file.getEntry("META-INF/services/" + service.getName()) != null) {
          return null;
        }
      }
      return "declares no scenario, model adapter or metric (no META-INF/services/"
          + "dev.prism.core.Scenario, ModelAdapter or Metric file); a plugin jar must also"
          + " bundle its own dependencies, since each jar gets its own class loader";
    } catch (IOException e) { // ZipException: not a jar at all
      return "not a readable jar (zip) file (" + e.getMessage() + ")";
    }
  }
}
