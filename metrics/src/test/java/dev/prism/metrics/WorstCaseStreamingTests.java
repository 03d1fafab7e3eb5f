package dev.prism.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming fold gives the batch definition's stats on random trials with perturbed copies: bit
 * for bit when each instance's copies are listed together (as runs list them), and equal up to
 * summation order when they are shuffled.
 */
class WorstCaseStreamingTests {
  @Test
  void streamingFoldEqualsTheBatchDefinition() {
    for (int seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      PerturbationDescription[] ps = {
        null,
        new PerturbationDescription("typos", true, false, "perturbed"),
        new PerturbationDescription("dialect", false, true, "perturbed"),
        new PerturbationDescription("lower", true, false, "perturbed")
      };
      List<PerInstanceStats> list = new ArrayList<>();
      int n = 1 + r.nextInt(30);
      for (int i = 0; i < n; i++) {
        for (PerturbationDescription p : ps) {
          if (p != null && r.nextInt(3) == 0) continue;
          if (p == null && r.nextInt(5) == 0) continue;
          List<Stat> stats = new ArrayList<>();
          for (String name : List.of("a", "b", "c")) {
            if (r.nextInt(6) == 0) continue;
            MetricKey k = new MetricKey(name, r.nextInt(8) == 0 ? "valid" : "test", null, p);
            Stat s = Stat.empty(k);
            int m = r.nextInt(3);
            for (int j = 0; j < m; j++) s = s.add(r.nextDouble());
            stats.add(s);
          }
          list.add(
              new PerInstanceStats("id" + i, p == null ? null : p.withComputedOn(null), 0, stats));
        }
      }
      boolean shuffle = seed % 2 == 1;
      if (shuffle) Collections.shuffle(list, r);
      Map<MetricKey, Stat> a = new HashMap<>();
      BatchWorstCase.compute(list).forEach(s -> a.put(s.key(), s));
      Map<MetricKey, Stat> b = new HashMap<>();
      WorstCase.compute(list).forEach(s -> b.put(s.key(), s));
      assertThat(b.keySet()).isEqualTo(a.keySet());
      for (MetricKey k : a.keySet()) {
        Stat x = a.get(k), y = b.get(k);
        assertThat(y.count()).isEqualTo(x.count());
        if (!shuffle) assertThat(y.sum()).as(k + " seed " + seed).isEqualTo(x.sum());
        else assertThat(y.sum()).isCloseTo(x.sum(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.compare(y.min(), x.min())).isZero();
      }
    }
  }
}
