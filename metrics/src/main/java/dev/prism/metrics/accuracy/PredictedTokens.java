package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Token;
import java.util.List;

/**
 * The tokens HELM's {@code compute_language_modeling_metrics} scores: the first completion's tokens
 * after the request's conditioning tokens (for an echoed language-modelling window, the prompt
 * tokens that only condition; 0 for any other request). An empty first token is dropped first when
 * there are conditioning tokens (some tokenizers emit one for a leading space).
 */
public final class PredictedTokens {
  private PredictedTokens() {}

  /**
   * The scored tokens, or {@code null} for an outcome HELM's language-modelling stats do not cover:
   * a failed request, one without completions, or a per-reference (separate multiple choice) one.
   */
  public static List<Token> of(RequestOutcome outcome) {
    if (!outcome.result().success()
        || outcome.result().completions().isEmpty()
        || outcome.state().referenceIndex() != null) {
      return null;
    }
    Completion first = outcome.result().completions().get(0);
    List<Token> tokens = first.tokens();
    int conditioning = outcome.state().numConditioningTokens();
    if (conditioning > 0 && !tokens.isEmpty() && tokens.get(0).text().isEmpty()) {
      tokens = tokens.subList(1, tokens.size());
    }
    return tokens.subList(Math.min(conditioning, tokens.size()), tokens.size());
  }

  /** Σ log-probability of {@code tokens}. */
  public static double logprob(List<Token> tokens) {
    double sum = 0;
    for (Token t : tokens) {
      sum += t.logprob();
    }
    return sum;
  }
}
