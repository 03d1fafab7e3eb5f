package dev.prism.metrics.efficiency;

import dev.prism.core.Completion;
import dev.prism.core.RequestOutcome;

/**
 * HELM's token counts of one request (helm-notes §2.7).
 *
 * @param prompt tokens of the prompt (a chat's message contents), by the counter
 * @param completion Σ over completions of its token count: the backend's tokens when it returned
 *     any, else the counter's count of the text
 * @param output {@code completion}, minus {@code prompt} when the prompt was echoed (floored at 0)
 */
record TokenCounts(long prompt, long completion, long output) {
  static TokenCounts of(RequestOutcome outcome, TokenCounter counter) {
    long prompt = outcome.state().request().promptTokens(counter::count);
    long completion = 0;
    for (Completion c : outcome.result().completions()) {
      completion += c.tokens().isEmpty() ? counter.count(c.text()) : c.tokens().size();
    }
    long output =
        outcome.state().request().echoPrompt() ? Math.max(0, completion - prompt) : completion;
    return new TokenCounts(prompt, completion, output);
  }
}
