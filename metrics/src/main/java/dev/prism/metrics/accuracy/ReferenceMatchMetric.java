package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.Stat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;

/**
 * HELM's {@code compute_reference_metrics} for one scoring function, as the package documentation
 * describes.
 */
abstract class ReferenceMatchMetric implements Metric {
  /** Log-probability descending; NaN last (CPython's order for NaN keys is undefined). */
  private static final Comparator<Completion> MOST_LIKELY_FIRST =
      (a, b) -> {
        double x = a.logprob();
        double y = b.logprob();
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        // Not Double.compare: CPython's sort treats -0.0 and 0.0 as equal, keeping input order.
        return x > y ? -1 : x < y ? 1 : 0;
      };

  private final String id;
  private final ToDoubleBiFunction<String, String> score;

  ReferenceMatchMetric(String id, ToDoubleBiFunction<String, String> score) {
    this.id = Objects.requireNonNull(id, "id");
    this.score = Objects.requireNonNull(score, "score");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String family() {
    return "accuracy";
  }

  @Override
  public final List<Stat> evaluate(RequestOutcome outcome) {
    List<Reference> golds = outcome.state().instance().correctReferences();
    // Per-reference requests are scored together by SeparateChoiceMetric, as in HELM.
    if (golds.isEmpty() || outcome.state().referenceIndex() != null) {
      return List.of();
    }
    List<String> preds = predictions(outcome);
    double first = Double.NEGATIVE_INFINITY;
    double any = Double.NEGATIVE_INFINITY;
    for (Reference gold : golds) {
      first = Math.max(first, score.applyAsDouble(gold.text(), preds.get(0)));
      for (String pred : preds) {
        any = Math.max(any, score.applyAsDouble(gold.text(), pred));
      }
    }
    int k = outcome.state().request().numCompletions();
    if (k == 1) {
      return List.of(Stat.of(id, first));
    }
    return List.of(Stat.of(id, first), Stat.of(id + "@" + k, any));
  }

  /**
   * The predictions HELM scores, best first; never empty. Elements are {@code null} where an output
   * mapping has no entry.
   */
  static List<String> predictions(RequestOutcome outcome) {
    RequestResult result = outcome.result();
    if (!result.success() || result.completions().isEmpty()) {
      return Arrays.asList((String) null);
    }
    Map<String, String> mapping = outcome.state().outputMapping();
    List<String> preds = new ArrayList<>(result.completions().size());
    for (int i : mostLikelyFirst(result.completions())) {
      String text = PythonText.strip(result.completions().get(i).text());
      preds.add(mapping.isEmpty() ? text : mapping.get(text));
    }
    return preds;
  }

  /**
   * The indices of {@code completions} in the order {@link #predictions} scores them: most likely
   * first, ties (and completions without a log-probability, last) in the order given.
   */
  static List<Integer> mostLikelyFirst(List<Completion> completions) {
    List<Integer> order = new ArrayList<>(completions.size());
    for (int i = 0; i < completions.size(); i++) {
      order.add(i);
    }
    // List.sort is stable, as CPython's sort is.
    order.sort((i, j) -> MOST_LIKELY_FIRST.compare(completions.get(i), completions.get(j)));
    return order;
  }
}
