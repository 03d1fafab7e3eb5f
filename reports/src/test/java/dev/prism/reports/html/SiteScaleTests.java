package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.ReportFixtures;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page sizes for a large suite (sizes, not speed: speed is measured in {@code bench/}). The index
 * stays under 1 MB for 20 models × 30 scenarios whatever the number of instances, since instances
 * live on run and compare pages.
 */
class SiteScaleTests {
  @TempDir Path tmp;

  static SuiteReport suite(int models, int scenarios, int instances) {
    List<RunReport> runs = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      for (int s = 0; s < scenarios; s++) {
        List<InstanceView> views = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < instances; i++) {
          double v = (i * 7 + m * 3 + s) % 5 < 3 ? 1 : 0;
          sum += v;
          views.add(
              new InstanceView(
                  "id" + i,
                  "test",
                  null,
                  0,
                  "Question " + i + " of scenario " + s + "?",
                  List.of(new ReferenceView("answer " + i, true)),
                  List.of(v == 1 ? "answer " + i : "wrong"),
                  false,
                  null,
                  Map.of("exact_match", v, "inference_runtime", 0.1 + m * 0.01)));
        }
        String model = "org" + m + "/model-" + m;
        runs.add(
            new RunReport(
                "scenario" + s + ":model=" + model,
                "scenario" + s,
                "Scenario number " + s + ".",
                model,
                "generation",
                "exact_match",
                List.of(
                    ReportFixtures.stat("exact_match", "test", sum / instances),
                    ReportFixtures.robustness("exact_match", "test", sum / instances * 0.9),
                    ReportFixtures.stat("ece_10_bin", "test", 0.1 + 0.01 * s),
                    ReportFixtures.stat("inference_runtime", "test", 0.1 + m * 0.01),
                    ReportFixtures.stat("num_instances", "test", instances),
                    ReportFixtures.stat("num_prompt_tokens", "test", 100 + s)),
                views,
                List.of()));
      }
    }
    return new SuiteReport("scale", runs);
  }

  @Test
  void indexOfTwentyModelsTimesThirtyScenariosStaysUnderOneMegabyte() throws IOException {
    Path index = SiteWriter.write(suite(20, 30, 10), tmp.resolve("site"));
    assertThat(Files.size(index)).isLessThan(1_000_000L);
    assertThat(Files.readString(index)).contains("<label for=\"t0\">Accuracy</label>");
  }

  @Test
  void longRunsAreSplitSoNoPageHoldsMoreThanAPageOfInstances() throws IOException {
    SuiteReport suite = suite(2, 1, 1_200);
    Path site = SiteWriter.write(suite, tmp.resolve("site")).getParent();
    assertThat(site.resolve("runs/scenario0_model_org0_model-0~p3.html")).exists();
    assertThat(site.resolve("runs/scenario0_model_org0_model-0~p4.html")).doesNotExist();
    assertThat(site.resolve("compare/scenario0_~p3.html")).exists();
    String second = Files.readString(site.resolve("runs/scenario0_model_org0_model-0~p2.html"));
    assertThat(second.split("<article ", -1)).hasSize(501);
  }
}
