package dev.prism.runner;

import dev.prism.core.Instance;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataRequirements;
import java.util.List;

/**
 * A scenario whose data comes from the test's loopback server: one plain file and one zip archive.
 * {@link DownloadLockTests} makes it visible to the CLI through the context class loader.
 */
public final class LockDemoScenario implements Scenario, DataRequirements {
  /** The loopback server's base URL, ending in {@code /}; set by the test before each run. */
  static volatile String base = "http://127.0.0.1:1/";

  @Override
  public String id() {
    return "test/lockdemo";
  }

  @Override
  public String description() {
    return "test data for prism download";
  }

  @Override
  public List<Instance> instances(ScenarioContext context) {
    return List.of();
  }

  @Override
  public String dataName() {
    return "lockdemo";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("a.txt", base + "a.txt"),
        DataFile.unpacked("pack", base + "pack.zip", DataFile.Archive.ZIP));
  }
}
