package dev.prism.metrics.efficiency;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.NamedStats;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's per-request efficiency stats (helm-notes §2.7): {@code num_prompt_tokens}, {@code
 * num_completion_tokens} (Σ tokens over completions), {@code num_output_tokens} (the same minus the
 * prompt when the prompt is echoed, floored at 0) and {@code inference_runtime} (the original
 * call's wall time, kept on cache hits). HELM's {@code inference_denoised_runtime} and {@code
 * inference_idealized_runtime} need its per-deployment profiling tables, which Prism does not ship
 * yet, so they are not produced.
 *
 * <p>Completions without token lists are counted with the same {@link TokenCounter} as prompts.
 */
public final class EfficiencyMetric implements Metric, NamedStats {
  private final TokenCounter counter;

  /** With the {@link TokenCounter#APPROXIMATE} counter, as found by the registry. */
  public EfficiencyMetric() {
    this(TokenCounter.APPROXIMATE);
  }

  /** With a deployment's own token counter. */
  public EfficiencyMetric(TokenCounter counter) {
    this.counter = counter;
  }

  @Override
  public String id() {
    return "efficiency";
  }

  @Override
  public String family() {
    return "efficiency";
  }

  @Override
  public List<String> statNames() {
    return List.of(
        "num_prompt_tokens", "num_completion_tokens", "num_output_tokens", "inference_runtime");
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    int prompt = counter.count(outcome.state().request().prompt());
    long completion = 0;
    for (Completion c : outcome.result().completions()) {
      completion += c.tokens().isEmpty() ? counter.count(c.text()) : c.tokens().size();
    }
    long output =
        outcome.state().request().echoPrompt() ? Math.max(0, completion - prompt) : completion;
    List<Stat> stats = new ArrayList<>(4);
    stats.add(Stat.of("num_prompt_tokens", prompt));
    stats.add(Stat.of("num_completion_tokens", completion));
    stats.add(Stat.of("num_output_tokens", output));
    stats.add(Stat.of("inference_runtime", outcome.result().requestTimeSeconds()));
    return stats;
  }
}
