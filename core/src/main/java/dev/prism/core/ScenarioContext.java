package dev.prism.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Scenario} gets when asked for instances.
 *
 * @param args scenario arguments from the run entry ({@code mmlu:subject=anatomy} → {@code
 *     subject=anatomy}); copied
 * @param dataDir folder where downloaded scenario data lives
 */
public record ScenarioContext(Map<String, String> args, Path dataDir) {
  public ScenarioContext {
    args = Map.copyOf(args);
    Objects.requireNonNull(dataDir, "dataDir");
  }
}
