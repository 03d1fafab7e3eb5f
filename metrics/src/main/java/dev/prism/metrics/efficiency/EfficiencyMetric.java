package dev.prism.metrics.efficiency;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.accuracy.PredictedTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * HELM's per-request efficiency and generation stats (helm-notes §1.8, §2.7), for each successful
 * request (a failed one yields nothing):
 *
 * <ul>
 *   <li>{@code num_prompt_tokens}: the {@link TokenCounter}'s count of the prompt;
 *   <li>{@code num_completion_tokens}: Σ over completions of the backend's token count, or of the
 *       counter's count of the text when the backend returned no tokens;
 *   <li>{@code num_output_tokens}: the same, minus the prompt tokens when the prompt was echoed
 *       (floored at 0);
 *   <li>{@code num_completions}: completions returned;
 *   <li>{@code inference_runtime}: {@link RequestResult#requestTimeSeconds()}, the original call's
 *       time also for a cached result, as HELM keeps it;
 *   <li>{@code finish_reason_length}, {@code _stop}, {@code _endoftext}, {@code _unknown}: 1 for
 *       the first completion's reason and 0 for the others; a missing or other reason (or no
 *       completion) is {@code unknown};
 *   <li>{@code num_bytes}: HELM's {@code get_num_bytes} of the first completion's scored tokens
 *       ({@link PredictedTokens}: after the conditioning tokens of a language-modelling window; a
 *       token {@code bytes:\xNN…} counts one byte per {@code \x}, any other its UTF-8 length); when
 *       the backend returned no tokens, the UTF-8 length of the text (HELM would report 0); none
 *       for a per-reference request (HELM computes none there);
 *   <li>{@code estimated_cost_usd}: only with {@link Prices}: prompt tokens × input price + output
 *       tokens × output price, per million tokens;
 *   <li>{@code time_to_first_token}: only when the response was streamed, the earliest {@link
 *       Completion#ttftSeconds()} over the completions, i.e. when the request's first content token
 *       arrived (HELM has no such stat; the name is ours);
 *   <li>{@code num_reported_prompt_tokens}, {@code num_reported_output_tokens}: only when the
 *       backend reported {@link Usage}, its counts summed over the request's calls. They sit beside
 *       HELM's {@code num_prompt_tokens}/{@code num_output_tokens}, which keep HELM's definitions
 *       (tokenizer counts), so the two can be compared; a reported output count includes reasoning
 *       tokens that the text does not show.
 * </ul>
 *
 * The registered instance counts with {@link TokenCounter#fallback()} and has no prices; the runner
 * configures one per run with {@link EfficiencyContext#configure} or {@link #withContext}.
 * Immutable and thread-safe.
 */
public final class EfficiencyMetric implements Metric, NamedStats {
  static final String ID = "efficiency_metric";

  /** The finish reasons HELM names stats after, in its order. */
  static final List<String> FINISH_REASONS = List.of("length", "stop", "endoftext", "unknown");

  private static final List<String> STAT_NAMES =
      List.of(
          "num_prompt_tokens",
          "num_completion_tokens",
          "num_output_tokens",
          "num_completions",
          "inference_runtime",
          "finish_reason_length",
          "finish_reason_stop",
          "finish_reason_endoftext",
          "finish_reason_unknown",
          "num_bytes",
          "estimated_cost_usd",
          "time_to_first_token",
          "num_reported_prompt_tokens",
          "num_reported_output_tokens");

  private final TokenCounter counter;
  private final Prices prices;

  /** Called by {@link java.util.ServiceLoader}: the fallback token counter, no prices. */
  public EfficiencyMetric() {
    this(TokenCounter.fallback(), null);
  }

  private EfficiencyMetric(TokenCounter counter, Prices prices) {
    this.counter = Objects.requireNonNull(counter, "counter");
    this.prices = prices;
  }

  /** The metric counting with the context's tokenizer and pricing with its prices, if any. */
  public static EfficiencyMetric withContext(EfficiencyContext context) {
    return new EfficiencyMetric(context.tokenCounter(), context.prices());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String family() {
    return "efficiency";
  }

  @Override
  public List<String> statNames() {
    return STAT_NAMES;
  }

  /** The token counter in use. */
  public TokenCounter tokenCounter() {
    return counter;
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    RequestResult result = outcome.result();
    if (!result.success()) {
      return List.of();
    }
    TokenCounts tokens = TokenCounts.of(outcome, counter);
    List<Stat> stats = new ArrayList<>();
    stats.add(Stat.of("num_prompt_tokens", tokens.prompt()));
    stats.add(Stat.of("num_completion_tokens", tokens.completion()));
    stats.add(Stat.of("num_output_tokens", tokens.output()));
    stats.add(Stat.of("num_completions", result.completions().size()));
    stats.add(Stat.of("inference_runtime", result.requestTimeSeconds()));
    Completion first = result.completions().isEmpty() ? null : result.completions().get(0);
    String reason = first == null ? null : first.finishReason();
    if (reason == null || !FINISH_REASONS.contains(reason)) {
      reason = "unknown";
    }
    for (String r : FINISH_REASONS) {
      stats.add(Stat.of("finish_reason_" + r, r.equals(reason) ? 1 : 0));
    }
    List<Token> predicted = PredictedTokens.of(outcome);
    if (predicted != null) {
      stats.add(
          Stat.of(
              "num_bytes",
              first.tokens().isEmpty()
                  ? first.text().getBytes(StandardCharsets.UTF_8).length
                  : numBytes(predicted.stream().map(Token::text).toList())));
    }
    if (prices != null) {
      stats.add(Stat.of("estimated_cost_usd", prices.costUsd(tokens.prompt(), tokens.output())));
    }
    result.completions().stream()
        .map(Completion::ttftSeconds)
        .filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue)
        .min()
        .ifPresent(t -> stats.add(Stat.of("time_to_first_token", t)));
    Usage usage = Usage.total(result.completions());
    if (usage != null) {
      stats.add(Stat.of("num_reported_prompt_tokens", usage.promptTokens()));
      stats.add(Stat.of("num_reported_output_tokens", usage.completionTokens()));
    }
    return stats;
  }

  /**
   * HELM's {@code get_num_bytes}: a token starting with {@code bytes:} (a byte-level token the
   * tokenizer could not decode, written {@code bytes:\xe2\x80}) counts one byte per {@code \x}; any
   * other token its UTF-8 length.
   */
  public static long numBytes(List<String> tokens) {
    long n = 0;
    for (String token : tokens) {
      if (token.startsWith("bytes:")) {
        for (int i = token.indexOf("\\x"); i >= 0; i = token.indexOf("\\x", i + 2)) {
          n++;
        }
      } else {
        n += token.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }
}
