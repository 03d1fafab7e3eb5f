package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A metric's notes on each completion (code_eval's verdicts) appear under that completion. */
class InstanceVerdictTests {
  private static InstanceView view(Map<String, List<String>> annotations) {
    return new InstanceView(
        "HumanEval/0",
        "test",
        null,
        0,
        "def add(a, b):\n",
        List.of(new ReferenceView("    return a + b\n", true)),
        List.of("return a + b", "return a - b"),
        false,
        null,
        Map.of("pass", 0.5),
        annotations);
  }

  private static String page(InstanceView v) {
    RunReport run =
        new RunReport(
            "humaneval:model=a/b",
            "humaneval",
            "HumanEval",
            "a/b",
            "generation",
            "pass",
            List.of(),
            List.of(v),
            List.of());
    return RunPage.render("suite", run, "humaneval_a_b", null, Map.of(), 10).get(0);
  }

  @Test
  void eachCompletionIsFollowedByItsVerdictEscaped() {
    String html =
        page(
            view(
                Map.of(
                    "code_eval", List.of("passed", "failed: AssertionError: <b>expected</b> 5"))));
    assertThat(html)
        .contains(
            "<pre class=\"completion\">return a + b</pre><p class=\"verdict\">passed</p>"
                + "<pre class=\"completion\">return a - b</pre><p class=\"verdict\">failed:"
                + " AssertionError: &lt;b&gt;expected&lt;/b&gt; 5</p>");
  }

  @Test
  void severalMetricsAreNamedAndNoAnnotationsShowNothing() {
    InstanceView two =
        view(Map.of("code_eval", List.of("passed"), "lint", List.of("ok", "unused name")));
    assertThat(two.notesOn(0)).containsExactly("code_eval: passed", "lint: ok");
    assertThat(two.notesOn(1)).containsExactly("lint: unused name");
    assertThat(page(view(Map.of()))).doesNotContain("class=\"verdict\"");
  }
}
