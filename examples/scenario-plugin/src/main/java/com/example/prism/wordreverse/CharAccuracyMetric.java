package com.example.prism.wordreverse;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;

/**
 * {@code char_accuracy}: the share of character positions where the first completion (stripped)
 * agrees with the first correct reference, over the longer of the two; partial credit that {@code
 * exact_match} does not give. Stateless.
 */
public final class CharAccuracyMetric implements Metric {
  static final String ID = "char_accuracy";

  /** Called by {@link java.util.ServiceLoader}. */
  public CharAccuracyMetric() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    Instance instance = outcome.state().instance();
    if (!outcome.result().success()
        || outcome.result().completions().isEmpty()
        || instance.firstCorrectReference().isEmpty()) {
      return List.of();
    }
    String gold = instance.firstCorrectReference().get().text().strip();
    String pred = outcome.result().completions().get(0).text().strip();
    return List.of(Stat.of(ID, score(gold, pred)));
  }

  static double score(String gold, String pred) {
    int longer = Math.max(gold.length(), pred.length());
    if (longer == 0) {
      return 1.0;
    }
    int same = 0;
    for (int i = 0; i < Math.min(gold.length(), pred.length()); i++) {
      if (gold.charAt(i) == pred.charAt(i)) {
        same++;
      }
    }
    return (double) same / longer;
  }
}
