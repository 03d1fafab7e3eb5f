package dev.prism.metrics.efficiency;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.Skippable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HELM's {@code training_co2_cost} and {@code training_energy_cost} (helm-notes §2.7): for each
 * successful request, the deployment's {@link TrainingCosts} value, the same for every request, as
 * HELM adds it in {@code compute_efficiency_metrics}; the run's mean is therefore the value itself.
 * A value the costs lack is omitted (HELM adds an empty stat). Without costs the metric is skipped
 * for the whole run with the context's reason, which says how to give them; the registered instance
 * has none. Immutable and thread-safe.
 */
public final class TrainingCostMetric implements Metric, NamedStats, Skippable {
  static final String ID = "training_costs";

  private static final List<String> STAT_NAMES =
      List.of("training_co2_cost", "training_energy_cost");

  private final EfficiencyContext context;

  /** Called by {@link java.util.ServiceLoader}: no deployment, no costs, always skipped. */
  public TrainingCostMetric() {
    this(null);
  }

  private TrainingCostMetric(EfficiencyContext context) {
    this.context = context;
  }

  /** The costs of the context's deployment; skipped when the context has none. */
  public static TrainingCostMetric withContext(EfficiencyContext context) {
    return new TrainingCostMetric(Objects.requireNonNull(context, "context"));
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

  @Override
  public Optional<String> skipReason() {
    if (context == null) {
      return Optional.of(
          "no training costs for deployment (none configured; the runner passes them with"
              + " EfficiencyContext)");
    }
    if (context.training() != null) {
      return Optional.empty();
    }
    return Optional.of(
        context.noTrainingReason() != null
            ? context.noTrainingReason()
            : "no training costs for deployment " + context.deployment());
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    if (skipReason().isPresent() || !outcome.result().success()) {
      return List.of();
    }
    TrainingCosts costs = context.training();
    List<Stat> stats = new ArrayList<>(2);
    if (costs.co2Cost() != null) {
      stats.add(Stat.of("training_co2_cost", costs.co2Cost()));
    }
    if (costs.energyCost() != null) {
      stats.add(Stat.of("training_energy_cost", costs.energyCost()));
    }
    return stats;
  }
}
