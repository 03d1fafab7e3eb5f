package dev.prism.bench;

import dev.prism.core.MetricKey;
import dev.prism.core.Stat;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** A seeded suite of the requested size for the report benchmark: realistic shapes, fake values. */
final class SyntheticSuite {
  private SyntheticSuite() {}

  static SuiteReport build(int models, int scenarios, int instances, long seed) {
    Random rng = new Random(seed);
    List<RunReport> runs = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      double skill = 0.3 + 0.6 * rng.nextDouble();
      for (int s = 0; s < scenarios; s++) {
        String scenario = String.format(Locale.ROOT, "bench/scenario_%02d", s);
        String model = String.format(Locale.ROOT, "org/model-%02d", m);
        List<InstanceView> views = new ArrayList<>(instances);
        Stat em = Stat.empty(new MetricKey("exact_match", "test", null, null));
        for (int i = 0; i < instances; i++) {
          double correct = rng.nextDouble() < skill ? 1 : 0;
          em = em.add(correct);
          views.add(
              new InstanceView(
                  "id" + i,
                  "test",
                  null,
                  0,
                  "Question "
                      + i
                      + " of "
                      + scenario
                      + ": what is "
                      + i
                      + " + "
                      + s
                      + "?\\nAnswer:",
                  List.of(new ReferenceView(Integer.toString(i + s), true)),
                  List.of(correct == 1 ? Integer.toString(i + s) : "unknown"),
                  false,
                  null,
                  Map.of("exact_match", correct)));
        }
        List<Stat> stats = List.of(em.takeMean());
        runs.add(
            new RunReport(
                scenario + ":model=" + model,
                scenario,
                "Synthetic scenario " + s,
                model,
                "generation",
                "exact_match",
                stats,
                views,
                List.of()));
      }
    }
    return new SuiteReport("bench", runs);
  }
}
