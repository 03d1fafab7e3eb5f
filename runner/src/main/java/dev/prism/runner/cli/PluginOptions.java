package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --plugins DIR}: folders of plugin jars. Without the option, {@code $PRISM_PLUGINS}
 * (folders separated like {@code PATH}) is used, else {@code ./plugins} when that folder exists.
 */
final class PluginOptions {
  static final String ENV = "PRISM_PLUGINS";
  static final Path DEFAULT_FOLDER = Path.of("plugins");

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "Folder of plugin jars (scenarios, model adapters, metrics); repeatable, or one .jar"
              + " file. Default: $PRISM_PLUGINS (folders separated like PATH), else the folder"
              + " 'plugins' in the current directory, if there is one.")
  List<Path> plugins = new ArrayList<>();

  /** The plugin folders to load, from the options, else the environment, else the default. */
  List<Path> folders() {
    return folders(System.getenv());
  }

  /**
   * @param env the environment ({@code $PRISM_PLUGINS})
   * @throws PrismUserException for a malformed {@code $PRISM_PLUGINS} entry
   */
  List<Path> folders(Map<String, String> env) {
    if (!plugins.isEmpty()) {
      return List.copyOf(plugins);
    }
    String value = env.get(ENV);
    if (value != null && !value.isBlank()) {
      List<Path> folders = new ArrayList<>();
      for (String part : value.split(File.pathSeparator)) {
        if (part.isBlank()) {
          continue;
        }
        try {
          folders.add(Path.of(part.strip()));
        } catch (InvalidPathException e) {
          throw new PrismUserException(
              "$" + ENV + " names an invalid path '" + part + "'", "Fix the variable");
        }
      }
      return folders;
    }
    return Files.isDirectory(DEFAULT_FOLDER) ? List.of(DEFAULT_FOLDER) : List.of();
  }
}
