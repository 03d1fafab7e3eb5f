package dev.prism.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.RunReport;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSlugsTests {
  @Test
  void replacesUnsafeCharacters() {
    assertThat(RunSlugs.slug("mmlu:subject=anatomy,model=openai/gpt-4o-mini"))
        .isEqualTo("mmlu_subject_anatomy_model_openai_gpt-4o-mini");
    assertThat(RunSlugs.slug("a b\\c<d>\"e'f")).isEqualTo("a_b_c_d__e_f");
    // One replacement per code point, not per UTF-16 unit.
    assertThat(RunSlugs.slug("\u00e9\uD83D\uDE00v1.2")).isEqualTo("__v1.2");
  }

  @Test
  void neverDotsHiddenEmptyOrDeviceNames() {
    assertThat(RunSlugs.slug("")).isEqualTo("_");
    assertThat(RunSlugs.slug("..")).isEqualTo("_..");
    assertThat(RunSlugs.slug(".hidden")).isEqualTo("_.hidden");
    assertThat(RunSlugs.slug("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
    assertThat(RunSlugs.slug("CON")).isEqualTo("_CON");
    assertThat(RunSlugs.slug("lpt1.x")).isEqualTo("_lpt1.x");
    assertThat(RunSlugs.slug("console")).isEqualTo("console");
  }

  @Test
  void truncatesLongNames() {
    assertThat(RunSlugs.slug("x".repeat(500))).hasSize(120);
  }

  @Test
  void deduplicatesCaseInsensitivelyInRunNameOrder() {
    List<RunReport> runs =
        Arrays.asList(
            ReportFixtures.run("b", "m", "em"), // b:model=m
            ReportFixtures.run("a", "m", "em"), // a:model=m
            named("a_model=m"),
            named("A:model=m"),
            named("a:model=m"));
    // Run-name order: "A:model=m", "a:model=m" (index 1), "a:model=m" (index 4), "a_model=m", ...
    assertThat(RunSlugs.assign(runs))
        .containsExactly("b_model_m", "a_model_m-2", "a_model_m-4", "A_model_m", "a_model_m-3");
  }

  @Test
  void pagePathIsUnderRuns() {
    assertThat(RunSlugs.pagePath("x")).isEqualTo("runs/x.html");
  }

  private static RunReport named(String name) {
    RunReport r = ReportFixtures.run("a", "m", "em");
    return new RunReport(
        name,
        r.scenarioId(),
        r.scenarioDescription(),
        r.deployment(),
        r.promptMethod(),
        r.mainMetric(),
        r.stats(),
        r.instances(),
        r.warnings());
  }
}
