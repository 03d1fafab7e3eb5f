package dev.prism.scenarios.helm;

import java.util.List;

/**
 * A scenario that reads downloaded files. Lists them so that the runner's {@code prism download}
 * can fetch them into {@code <dataDir>/<dataName()>/} before {@link
 * dev.prism.core.Scenario#instances} is called; that method throws a {@link
 * dev.prism.core.PrismUserException} naming the first missing file, with the hint {@code Run: prism
 * download <dataName()>}.
 *
 * <pre>{@code
 * if (scenario instanceof DataRequirements needs) {
 *   Path folder = dataDir.resolve(needs.dataName());
 *   for (DataFile f : needs.dataFiles()) { download(f.url(), folder.resolve(f.relativePath())); }
 * }
 * }</pre>
 *
 * <p>Both methods are cheap, do no I/O, and return the same value on every call.
 */
public interface DataRequirements {
  /**
   * The folder under the data directory this scenario reads from, and the name {@code prism
   * download} takes (HELM's scenario name, e.g. {@code mmlu}).
   */
  String dataName();

  /** Every file any run of the scenario may need (all subjects/subsets), in download order. */
  List<DataFile> dataFiles();
}
