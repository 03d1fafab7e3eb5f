package dev.prism.metrics.efficiency;

import dev.prism.core.Metric;
import dev.prism.metrics.accuracy.SeparateChoiceMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the efficiency metrics need to know about the deployment of a run. The registry's metrics
 * know none of it (they count with {@link TokenCounter#fallback()}, report no cost and skip the
 * runtime estimates); the runner builds one context per run and swaps them with {@link #configure}.
 *
 * <pre>{@code
 * EfficiencyContext ctx = new EfficiencyContext(
 *     "openai/gpt-4o", tokenizerCounter, profiles.get("openai/gpt-4o"), new Prices(2.5, 10.0));
 * List<Metric> metrics = ctx.configure(registry.resolve(List.of("efficiency", "accuracy")));
 * }</pre>
 *
 * @param deployment the run's deployment name
 * @param tokenCounter the deployment's tokenizer, or {@link TokenCounter#fallback()}
 * @param profile the deployment's runtime model, or {@code null} when there is none (the runtime
 *     estimates are then skipped with the reason "no efficiency profile for deployment X")
 * @param prices the deployment's prices, or {@code null} (then no {@code estimated_cost_usd})
 * @param noProfileReason why there is no profile and how to get one, shown as the skip reason of
 *     the runtime estimates; {@code null} for the generic reason
 * @param training what training the deployment's model cost, or {@code null} when unknown (then
 *     {@code training_co2_cost} and {@code training_energy_cost} are skipped)
 * @param noTrainingReason why the training costs are unknown and how to give them, shown as the
 *     skip reason of {@link TrainingCostMetric}; {@code null} for the generic reason
 */
public record EfficiencyContext(
    String deployment,
    TokenCounter tokenCounter,
    EfficiencyProfile profile,
    Prices prices,
    String noProfileReason,
    TrainingCosts training,
    String noTrainingReason) {
  public EfficiencyContext {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(tokenCounter, "tokenCounter");
    if (profile != null && !profile.deployment().equals(deployment)) {
      throw new IllegalArgumentException(
          "efficiency profile is for deployment '"
              + profile.deployment()
              + "', not '"
              + deployment
              + "'");
    }
  }

  /** A context without training costs. */
  public EfficiencyContext(
      String deployment,
      TokenCounter tokenCounter,
      EfficiencyProfile profile,
      Prices prices,
      String noProfileReason) {
    this(deployment, tokenCounter, profile, prices, noProfileReason, null, null);
  }

  /** A context without a reason for a missing profile. */
  public EfficiencyContext(
      String deployment, TokenCounter tokenCounter, EfficiencyProfile profile, Prices prices) {
    this(deployment, tokenCounter, profile, prices, null);
  }

  /** A context with the fallback token counter, no profile and no prices. */
  public static EfficiencyContext fallback(String deployment) {
    return new EfficiencyContext(deployment, TokenCounter.fallback(), null, null);
  }

  /** This context with {@code training} costs, or none for the reason {@code noTrainingReason}. */
  public EfficiencyContext withTraining(TrainingCosts training, String noTrainingReason) {
    return new EfficiencyContext(
        deployment, tokenCounter, profile, prices, noProfileReason, training, noTrainingReason);
  }

  /**
   * {@code metrics} with every {@link EfficiencyMetric}, {@link RuntimeEstimates} and {@link
   * TrainingCostMetric} replaced by one configured with this context, and every {@link
   * SeparateChoiceMetric} by one counting ranking documents with its tokenizer; other metrics and
   * the order are kept.
   */
  public List<Metric> configure(List<Metric> metrics) {
    List<Metric> out = new ArrayList<>(metrics.size());
    for (Metric metric : metrics) {
      if (metric instanceof EfficiencyMetric) {
        out.add(EfficiencyMetric.withContext(this));
      } else if (metric instanceof RuntimeEstimates) {
        out.add(RuntimeEstimates.withContext(this));
      } else if (metric instanceof TrainingCostMetric) {
        out.add(TrainingCostMetric.withContext(this));
      } else if (metric instanceof SeparateChoiceMetric) {
        out.add(SeparateChoiceMetric.withTokenCounter(tokenCounter));
      } else {
        out.add(metric);
      }
    }
    return List.copyOf(out);
  }
}
