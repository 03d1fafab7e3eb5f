package dev.prism.runner.engine;

import dev.prism.adapters.DeploymentSettings;
import dev.prism.core.RequestState;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToIntFunction;

/**
 * What a run would send and cost, computed without calling any model: request count, prompt tokens
 * (counted with the deployment's tokenizer), the most output tokens the requests allow, and USD
 * from the deployment's prices per million tokens.
 *
 * @param requests number of requests
 * @param promptTokens prompt tokens over all requests
 * @param maxOutputTokens {@code max_tokens × num_completions} over all requests
 * @param costUsd upper-bound cost, or empty when the deployment has no prices
 */
public record CostEstimate(
    long requests, long promptTokens, long maxOutputTokens, OptionalDouble costUsd) {

  /** Estimates a planned run; {@code tokens} counts a prompt's tokens. */
  public static CostEstimate of(PreparedRun run, ToIntFunction<String> tokens) {
    long prompt = 0;
    long output = 0;
    for (RequestState s : run.requests()) {
      prompt += s.request().promptTokens(tokens);
      output += (long) s.request().maxTokens() * s.request().numCompletions();
    }
    DeploymentSettings settings = DeploymentSettings.of(run.deployment());
    OptionalDouble cost =
        settings.inputPricePer1M().isPresent() && settings.outputPricePer1M().isPresent()
            ? OptionalDouble.of(
                prompt * settings.inputPricePer1M().getAsDouble() / 1e6
                    + output * settings.outputPricePer1M().getAsDouble() / 1e6)
            : OptionalDouble.empty();
    return new CostEstimate(run.requests().size(), prompt, output, cost);
  }

  /** The sum of estimates; the cost is known only if every part's is. */
  public static CostEstimate total(List<CostEstimate> parts) {
    long requests = 0;
    long prompt = 0;
    long output = 0;
    double cost = 0;
    boolean known = true;
    for (CostEstimate e : parts) {
      requests += e.requests;
      prompt += e.promptTokens;
      output += e.maxOutputTokens;
      if (e.costUsd.isPresent()) {
        cost += e.costUsd.getAsDouble();
      } else {
        known = false;
      }
    }
    return new CostEstimate(
        requests, prompt, output, known ? OptionalDouble.of(cost) : OptionalDouble.empty());
  }
}
