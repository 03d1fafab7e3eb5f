package dev.prism.runner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where scenario data and perturbation resources live. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data folder (default: $PRISM_DATA_DIR or ~/.prism/data).")
  Path dataDir;

  /** The folder given, else {@code $PRISM_DATA_DIR}, else {@code ~/.prism/data}. */
  Path dir() {
    if (dataDir != null) {
      return dataDir;
    }
    String env = System.getenv("PRISM_DATA_DIR");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".prism", "data");
  }
}
