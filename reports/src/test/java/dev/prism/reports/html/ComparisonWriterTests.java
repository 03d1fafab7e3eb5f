package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import dev.prism.reports.ReportFixtures;
import dev.prism.reports.compare.SuiteComparison;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonWriterTests {
  private static final String IMG = "<img src=x onerror=alert(1)>";

  @TempDir Path tmp;

  private static String page(SuiteReport a, SuiteReport b) {
    return ComparisonPage.render(a.suite(), b.suite(), SuiteComparison.compare(a, b));
  }

  @Test
  void hostileCompletionsPromptsAndLabelsAppearOnlyEscaped() {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    String html = page(suites[0], suites[1]);
    assertThat(html)
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;b&gt;yes&lt;/b&gt;")
        .contains("after &lt;v2&gt;")
        .contains("Q: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;");
    String lower = html.toLowerCase(Locale.ROOT);
    assertThat(lower)
        .doesNotContain("<img")
        .doesNotContain("<script")
        .doesNotContain("<b>")
        .doesNotContain("<v2>");
    assertThat(html)
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'\">");
    // Only in-page links: nothing to load, nowhere to go.
    Matcher refs = Pattern.compile("\\s(?:href|src|action|srcset)=\"([^\"]*)\"").matcher(html);
    while (refs.find()) {
      assertThat(refs.group(1)).startsWith("#");
    }
  }

  @Test
  void showsDeltasSignificanceAndTheFlippedInstancesOnly() {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    String html = page(suites[0], suites[1]);
    // qa on alpha/m1: 0.4 → 0.6, two instances became correct and one wrong.
    assertThat(html)
        .contains(
            "<td class=\"num\">0.400</td><td class=\"num\">0.600</td><td class=\"num\">+0.200</td>"
                + "<td class=\"num\">5</td><td class=\"num\"><a href=\"#r2-up\">2</a></td>"
                + "<td class=\"num\"><a href=\"#r2-down\">1</a></td>")
        .contains("<details open id=\"r2-up\"><summary>0\u21921: correct in B only (2)</summary>")
        .contains(
            "<details open id=\"r2-down\"><summary>1\u21920: correct in A only (1)</summary>");
    // Unchanged instances are not listed; the long prompt shows its end only.
    assertThat(html).doesNotContain("Q: zero").doesNotContain("Q: four").contains("Q: is fire");
    assertThat(html).contains("<pre class=\"prompt excerpt\">\u2026");
    assertThat(html).doesNotContain("Example 1:").contains("Example 20:");
    // Several runs of one scenario and model are told apart by their arguments.
    assertThat(html)
        .contains("<td>mcq<br><span class=\"muted\">subject=x</span></td>")
        .contains("<td>mcq<br><span class=\"muted\">subject=y</span></td>");
    // The toxicity run is not 0/1: no flip counts.
    assertThat(html)
        .contains(
            "<td>toxicity</td><td>alpha/m1</td><td>toxicity</td><td class=\"num\">0.250</td>"
                + "<td class=\"num\">0.300</td><td class=\"num\">+0.050</td>"
                + "<td class=\"num\">6</td><td class=\"num\">-</td><td class=\"num\">-</td>");
  }

  @Test
  void significantDifferencesAreMarked() {
    List<InstanceView> a = new java.util.ArrayList<>();
    List<InstanceView> b = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      a.add(ReportFixtures.instance("id" + i, "Q", "no", "exact_match", 0));
      b.add(ReportFixtures.instance("id" + i, "Q", "yes", "exact_match", 1));
    }
    String html =
        page(new SuiteReport("a", List.of(run(a))), new SuiteReport("b", List.of(run(b))));
    assertThat(html)
        .contains("<td class=\"num sig\">0.0005</td><td>yes</td>")
        .contains("1 run pair compared: 1 significantly higher in B, 0 significantly lower in B");
  }

  @Test
  void writesOnePageAndReplacesItDeterministically() throws IOException {
    SuiteReport[] suites = ReportFixtures.comparisonSuites();
    List<SuiteComparison.RunDelta> deltas = SuiteComparison.compare(suites[0], suites[1]);
    Path dir = tmp.resolve("out");
    Path first = ComparisonWriter.write("before", "after", deltas, dir);
    byte[] bytes = Files.readAllBytes(first);
    Path second = ComparisonWriter.write("before", "after", deltas, dir);
    assertThat(second).isEqualTo(first);
    assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("before--vs--after.html");
    }
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThatThrownBy(() -> ComparisonWriter.write("a", "b", deltas, file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("it is a file");
  }

  private static RunReport run(List<InstanceView> instances) {
    return new RunReport(
        "qa:model=m",
        "qa",
        "QA",
        "m",
        "generation",
        "exact_match",
        List.of(),
        instances,
        List.of());
  }
}
