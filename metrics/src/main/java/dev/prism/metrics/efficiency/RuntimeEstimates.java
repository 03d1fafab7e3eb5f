package dev.prism.metrics.efficiency;

import dev.prism.core.Metric;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.Skippable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HELM's {@code inference_idealized_runtime} and {@code inference_denoised_runtime} (helm-notes
 * §2.7) for each successful request: {@link EfficiencyProfile.Coefficients#estimate} of the
 * request's prompt and output token counts (counted as {@link EfficiencyMetric} counts them). A
 * stat whose coefficients the profile lacks is omitted. Without a profile the metric is skipped for
 * the whole run with the context's reason (saying how to get a profile), which {@link
 * dev.prism.metrics.StatsAggregator} records; the registered instance has no profile. Immutable and
 * thread-safe.
 */
public final class RuntimeEstimates implements Metric, NamedStats, Skippable {
  static final String ID = "inference_runtime_estimates";

  private static final List<String> STAT_NAMES =
      List.of("inference_idealized_runtime", "inference_denoised_runtime");

  private final EfficiencyContext context;

  /** Called by {@link java.util.ServiceLoader}: no deployment, no profile, always skipped. */
  public RuntimeEstimates() {
    this(null);
  }

  private RuntimeEstimates(EfficiencyContext context) {
    this.context = context;
  }

  /** The estimates for the context's deployment; skipped when the context has no profile. */
  public static RuntimeEstimates withContext(EfficiencyContext context) {
    return new RuntimeEstimates(java.util.Objects.requireNonNull(context, "context"));
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
          "no efficiency profile for deployment (none configured; the runner passes one with"
              + " EfficiencyContext)");
    }
    EfficiencyProfile profile = context.profile();
    if (profile == null) {
      return Optional.of(
          context.noProfileReason() != null
              ? context.noProfileReason()
              : "no efficiency profile for deployment "
                  + context.deployment()
                  + " (give it inference_idealized_runtime / inference_denoised_runtime"
                  + " coefficients in models.yaml, or efficiency_profile: <HELM deployment> and"
                  + " run prism download efficiency_tables)");
    }
    if (profile.idealized() == null && profile.denoised() == null) {
      return Optional.of(
          "efficiency profile for deployment "
              + context.deployment()
              + " has neither idealized nor denoised coefficients");
    }
    return Optional.empty();
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    if (skipReason().isPresent() || !outcome.result().success()) {
      return List.of();
    }
    EfficiencyProfile profile = context.profile();
    TokenCounts tokens = TokenCounts.of(outcome, context.tokenCounter());
    List<Stat> stats = new ArrayList<>(2);
    if (profile.idealized() != null) {
      stats.add(
          Stat.of(
              "inference_idealized_runtime",
              profile.idealized().estimate(tokens.prompt(), tokens.output())));
    }
    if (profile.denoised() != null) {
      stats.add(
          Stat.of(
              "inference_denoised_runtime",
              profile.denoised().estimate(tokens.prompt(), tokens.output())));
    }
    return stats;
  }
}
