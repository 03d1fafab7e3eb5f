package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.compare.SuiteComparison;
import dev.prism.reports.model.SuiteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the generated pages byte for byte. After an intended change, regenerate with {@code mvn -pl
 * reports test -Dgolden.update=true} and review the diff.
 */
class IndexGoldenTests {
  /** Surefire runs in the module folder, so this is the source copy, not the classpath one. */
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @TempDir Path tmp;

  @Test
  void indexHtmlMatchesGolden() throws IOException {
    assertGolden("index.html", "index.html");
  }

  @Test
  void runPageMatchesGolden() throws IOException {
    assertGolden("runs/qa_model_alpha_m1.html", "run-qa_model_alpha_m1.html");
  }

  @Test
  void groupPageMatchesGolden() throws IOException {
    assertGolden("groups/qa.html", "group-qa.html");
  }

  @Test
  void markdownTableMatchesGolden() throws IOException {
    assertGolden("tables/accuracy.md", "accuracy.md");
  }

  @Test
  void leaderboardJsonMatchesGolden() throws IOException {
    assertGolden("leaderboard.json", "leaderboard.json");
  }

  @Test
  void comparisonPageMatchesGolden() throws IOException {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    Path page =
        ComparisonWriter.write(
            suites[0].suite(),
            suites[1].suite(),
            SuiteComparison.compare(suites[0], suites[1]),
            tmp.resolve("comparisons"));
    assertThat(page.getFileName()).hasToString("before--vs--after__v2_.html");
    assertMatchesGolden(Files.readString(page, StandardCharsets.UTF_8), "compare.html");
  }

  private void assertGolden(String sitePath, String goldenName) throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(ReportFixtures.smallSuite(), out, Map.of("toxic_frac", true));
    assertMatchesGolden(
        Files.readString(out.resolve(sitePath), StandardCharsets.UTF_8), goldenName);
  }

  private static void assertMatchesGolden(String actual, String goldenName) throws IOException {
    Path golden = GOLDEN.resolve(goldenName);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden)
        .as("golden file missing; run with -Dgolden.update=true and review the diff")
        .exists();
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    assertThat(actual).isEqualTo(expected);
  }
}
