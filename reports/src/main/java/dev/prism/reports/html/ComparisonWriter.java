package dev.prism.reports.html;

import dev.prism.core.PrismUserException;
import dev.prism.reports.compare.SuiteComparison.RunDelta;
import dev.prism.reports.table.RunSlugs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the comparison of two suites (or two runs) as one self-contained HTML page, {@code
 * <A>--vs--<B>.html}, with the site's conventions: inline CSS, no scripts, nothing loaded from the
 * network, every model- or data-set-provided string escaped, and the same bytes for the same
 * comparison.
 *
 * <pre>{@code
 * Path page = ComparisonWriter.write("before", "after", SuiteComparison.compare(a, b), dir);
 * }</pre>
 */
public final class ComparisonWriter {
  private ComparisonWriter() {}

  /** The page's file name for labels {@code a} and {@code b}. */
  public static String fileName(String a, String b) {
    return RunSlugs.slug(a) + "--vs--" + RunSlugs.slug(b) + ".html";
  }

  /**
   * Writes the page into {@code outDir} (created if absent), replacing an earlier page for the same
   * labels. The page is written to a temporary file first and then moved into place, so a failed
   * write leaves the earlier page (or nothing).
   *
   * @param labelA what A is, e.g. a suite name
   * @param labelB what B is
   * @param deltas the compared run pairs, in display order
   * @return the written page
   * @throws PrismUserException when {@code outDir} is a file
   */
  public static Path write(String labelA, String labelB, List<RunDelta> deltas, Path outDir)
      throws IOException {
    Path dir = outDir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new PrismUserException(
          "Cannot write the comparison page into " + dir + ": it is a file",
          "Choose a folder, or remove the file");
    }
    Files.createDirectories(dir);
    Path page = dir.resolve(fileName(labelA, labelB));
    Path tmp = Files.createTempFile(dir, ".compare-", ".tmp");
    try {
      Files.writeString(tmp, ComparisonPage.render(labelA, labelB, deltas), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return page;
  }
}
