package dev.prism.metrics.calibration;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.util.List;

/**
 * {@code max_prob}: the model's probability of its answer, HELM's {@code compute_reference_metrics}
 * for generation and joint multiple choice: {@code exp(logprob)} of the completion with the highest
 * log-probability (for joint multiple choice, {@code max_tokens = 1}, so the probability of the
 * answer letter, not renormalised over the options). Nothing for a failed request, one without
 * completions, or a per-reference (separate multiple choice) request, whose {@code max_prob} (the
 * largest softmax of the reference scores) {@link dev.prism.metrics.accuracy.SeparateChoiceMetric}
 * computes per instance.
 */
public final class MaxProb implements Metric {
  /** Called by {@link java.util.ServiceLoader}. */
  public MaxProb() {}

  @Override
  public String id() {
    return "max_prob";
  }

  @Override
  public String family() {
    return "calibration";
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    Double p = maxProb(outcome);
    return p == null ? List.of() : List.of(Stat.of("max_prob", p));
  }

  /** {@code exp} of the highest completion log-probability, or {@code null} as described above. */
  static Double maxProb(RequestOutcome outcome) {
    if (!outcome.result().success()
        || outcome.result().completions().isEmpty()
        || outcome.state().referenceIndex() != null) {
      return null;
    }
    double best = Double.NEGATIVE_INFINITY;
    boolean first = true;
    for (Completion c : outcome.result().completions()) {
      // The first of equal log-probabilities wins, as in HELM's stable sort.
      if (first || c.logprob() > best) {
        best = c.logprob();
        first = false;
      }
    }
    return Math.exp(best);
  }
}
