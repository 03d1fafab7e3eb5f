/**
 * The efficiency family (helm-notes §2.7): {@link dev.prism.metrics.efficiency.EfficiencyMetric}
 * (token counts, runtime, finish reasons, bytes, estimated cost) and {@link
 * dev.prism.metrics.efficiency.RuntimeEstimates} (HELM's idealized and denoised runtimes, which
 * need a per-deployment {@link dev.prism.metrics.efficiency.EfficiencyProfile}). The runner
 * configures both with an {@link dev.prism.metrics.efficiency.EfficiencyContext}.
 */
package dev.prism.metrics.efficiency;
