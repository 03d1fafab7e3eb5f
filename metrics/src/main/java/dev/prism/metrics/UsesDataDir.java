package dev.prism.metrics;

import dev.prism.core.Metric;
import java.nio.file.Path;

/**
 * Implemented by a {@link Metric} that reads files from Prism's data folder at evaluation time
 * (e.g. word lists HELM keeps in its source, fetched by {@code prism download}). {@link
 * MetricRegistry#withDataDir} binds every such metric to the folder the user chose; an unbound one
 * uses {@link #defaultDataDir()}.
 */
public interface UsesDataDir {
  /** This metric reading from {@code dataDir}; cheap, does no I/O. */
  Metric withDataDir(Path dataDir);

  /** {@code $PRISM_DATA_DIR} when set, else {@code ~/.prism/data}: the CLI's default. */
  static Path defaultDataDir() {
    String env = System.getenv("PRISM_DATA_DIR");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".prism", "data");
  }
}
