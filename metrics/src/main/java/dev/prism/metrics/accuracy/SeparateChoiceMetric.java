package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestState;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.ReferencesMetric;
import dev.prism.metrics.efficiency.EfficiencyMetric;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code BasicReferenceMetric}: scores separate multiple choice from the echoed prompt
 * log-probabilities of the per-reference requests. Per instance:
 *
 * <ul>
 *   <li>for each request, the reference's continuation is the last {@code n} echoed tokens, where
 *       {@code n} is the number of tokens of {@code " " + reference} (HELM prepends the space: the
 *       separate spec puts it before the reference); its log-probability {@code lp} is their sum;
 *   <li>score of reference i: {@code lp_i / n_i} with only {@code original} requests ({@code
 *       multiple_choice_separate_original}), or {@code lp_i(original) − lp_i(calibration)} when the
 *       instance has calibration requests ({@code multiple_choice_separate_calibrated});
 *   <li>{@code max_prob} = the largest softmax of the scores; {@code predicted_index} = the first
 *       reference with the highest score; {@code exact_match} = |correct ∩ highest| / |highest| (a
 *       tie between a right and a wrong reference scores 0.5).
 * </ul>
 *
 * <p>HELM counts {@code n} with the deployment's tokenizer ({@code window_service.tokenize}); Prism
 * takes the fewest trailing echoed tokens whose bytes (HELM's {@code get_num_bytes}) cover the
 * UTF-8 bytes of {@code " " + reference}. For the BPE tokenizers HELM's clients use, the reference
 * after a space is tokenized the same on its own as at the end of the prompt, so both give the same
 * tokens; Prism's count also holds when the local tokenizer is only an approximation of the
 * server's, and when re-scoring saved predictions without one.
 *
 * <p>No stats when a request failed, returned no tokens or a NaN log-probability, or a reference
 * lacks a request (HELM would stop the run). Stateless and thread-safe.
 */
public final class SeparateChoiceMetric implements ReferencesMetric, NamedStats {
  /** Called by {@link java.util.ServiceLoader}. */
  public SeparateChoiceMetric() {}

  @Override
  public String id() {
    return "multiple_choice_separate";
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<String> statNames() {
    return List.of("predicted_index");
  }

  /** The log-probability of a reference's continuation and its number of tokens. */
  record Continuation(double logprob, int numTokens) {}

  @Override
  public List<Stat> evaluateReferences(List<RequestOutcome> outcomes) {
    List<Reference> references = outcomes.get(0).state().instance().references();
    Map<String, Continuation> byKey = new HashMap<>();
    boolean calibrated = false;
    for (RequestOutcome outcome : outcomes) {
      RequestState state = outcome.state();
      Continuation c = continuation(outcome, references.get(state.referenceIndex()).text());
      if (c == null) {
        return List.of();
      }
      boolean calibration = "calibration".equals(state.requestMode());
      calibrated |= calibration;
      byKey.put(state.referenceIndex() + (calibration ? "/calibration" : "/original"), c);
    }
    double[] scores = new double[references.size()];
    for (int i = 0; i < scores.length; i++) {
      Continuation original = byKey.get(i + "/original");
      Continuation calibration = byKey.get(i + "/calibration");
      if (original == null || (calibrated && calibration == null)) {
        return List.of();
      }
      scores[i] =
          calibrated
              ? original.logprob() - calibration.logprob()
              : original.logprob() / original.numTokens();
    }
    return scores(scores, references);
  }

  /** max_prob, exact_match and predicted_index for these reference scores. */
  static List<Stat> scores(double[] scores, List<Reference> references) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (double s : scores) {
      sum += Math.exp(s - max);
    }
    List<Integer> best = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= max) {
        best.add(i);
      }
    }
    long correct = best.stream().filter(i -> references.get(i).isCorrect()).count();
    return List.of(
        Stat.of("max_prob", 1 / sum),
        Stat.of("exact_match", (double) correct / best.size()),
        Stat.of("predicted_index", best.get(0)));
  }

  /**
   * The continuation of {@code reference} at the end of the echoed prompt, or {@code null} when the
   * outcome cannot be scored.
   */
  static Continuation continuation(RequestOutcome outcome, String reference) {
    if (!outcome.result().success() || outcome.result().completions().isEmpty()) {
      return null;
    }
    Completion echoed = outcome.result().completions().get(0);
    List<Token> tokens = echoed.tokens();
    long wanted = (" " + reference).getBytes(StandardCharsets.UTF_8).length;
    long covered = 0;
    double logprob = 0;
    int n = 0;
    for (int i = tokens.size() - 1; i >= 0 && covered < wanted; i--) {
      Token t = tokens.get(i);
      covered += EfficiencyMetric.numBytes(List.of(t.text()));
      logprob += t.logprob();
      n++;
    }
    return n == 0 || Double.isNaN(logprob) ? null : new Continuation(logprob, n);
  }
}
