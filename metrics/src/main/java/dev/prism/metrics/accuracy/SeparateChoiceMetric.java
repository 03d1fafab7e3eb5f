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
import dev.prism.metrics.efficiency.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HELM's {@code BasicReferenceMetric}: scores the per-reference requests of separate multiple
 * choice (echoed prompts) and of {@code ranking_binary} (one generated Yes/No answer per candidate
 * document), which HELM's MS MARCO run specs also give this metric. Per instance:
 *
 * <ul>
 *   <li>for each request, the reference's continuation is the last {@code n} tokens of the first
 *       completion, where {@code n} is the number of tokens of {@code " " + reference} (HELM
 *       prepends the space: the separate spec puts it before the reference); its log-probability
 *       {@code lp} is their sum. For a ranking request the completion is the model's short answer,
 *       not the document, so (as in HELM) {@code lp} is the sum over all the answer's tokens while
 *       {@code n} stays the document's token count;
 *   <li>score of reference i: {@code lp_i / n_i} with only {@code original} requests ({@code
 *       multiple_choice_separate_original}), or {@code lp_i(original) − lp_i(calibration)} when the
 *       instance has calibration requests ({@code multiple_choice_separate_calibrated});
 *   <li>{@code max_prob} = the largest softmax of the scores; {@code predicted_index} = the first
 *       reference with the highest score; {@code exact_match} = |correct ∩ highest| / |highest| (a
 *       tie between a right and a wrong reference scores 0.5).
 * </ul>
 *
 * <p>HELM counts {@code n} with the deployment's tokenizer ({@code window_service.tokenize}); Prism
 * takes, for an echoed request, the fewest trailing echoed tokens whose bytes (HELM's {@code
 * get_num_bytes}) cover the UTF-8 bytes of {@code " " + reference}. For the BPE tokenizers HELM's
 * clients use, the reference after a space is tokenized the same on its own as at the end of the
 * prompt, so both give the same tokens; Prism's count also holds when the local tokenizer is only
 * an approximation of the server's, and when re-scoring saved predictions without one. A request
 * that was not echoed (a ranking request) has no such tokens: {@code n} is then the {@link
 * TokenCounter}'s count, the deployment's tokenizer when the runner configures the metric ({@link
 * dev.prism.metrics.efficiency.EfficiencyContext#configure}), else {@link TokenCounter#fallback()}.
 *
 * <p>No stats when a request failed, returned no tokens or a NaN log-probability, or a reference
 * lacks a request (HELM would stop the run); a ranking answer without tokens has {@code lp} 0, as
 * HELM's sum over no tokens. Immutable and thread-safe.
 */
public final class SeparateChoiceMetric implements ReferencesMetric, NamedStats {
  private final TokenCounter counter;

  /** Called by {@link java.util.ServiceLoader}: counts ranking documents with the fallback. */
  public SeparateChoiceMetric() {
    this(TokenCounter.fallback());
  }

  private SeparateChoiceMetric(TokenCounter counter) {
    this.counter = Objects.requireNonNull(counter, "counter");
  }

  /** The metric counting the documents of ranking requests with {@code counter}. */
  public static SeparateChoiceMetric withTokenCounter(TokenCounter counter) {
    return new SeparateChoiceMetric(counter);
  }

  /** The token counter for the documents of ranking requests. */
  public TokenCounter tokenCounter() {
    return counter;
  }

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
      String reference = references.get(state.referenceIndex()).text();
      Continuation c =
          state.request().echoPrompt()
              ? continuation(outcome, reference)
              : answer(outcome, counter.count(" " + reference));
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
   * HELM's continuation of a request that was not echoed: the sum of the last {@code numTokens}
   * log-probabilities of the first completion (all of them when it has fewer) and {@code
   * numTokens}, or {@code null} when the outcome cannot be scored.
   */
  static Continuation answer(RequestOutcome outcome, int numTokens) {
    if (!outcome.result().success() || outcome.result().completions().isEmpty() || numTokens < 1) {
      return null;
    }
    List<Token> tokens = outcome.result().completions().get(0).tokens();
    double logprob = 0;
    for (Token t : tokens.subList(Math.max(0, tokens.size() - numTokens), tokens.size())) {
      logprob += t.logprob();
    }
    return Double.isNaN(logprob) ? null : new Continuation(logprob, numTokens);
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
