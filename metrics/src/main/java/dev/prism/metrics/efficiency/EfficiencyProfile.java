package dev.prism.metrics.efficiency;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The runtime model of one deployment, HELM's entries in {@code inference_idealized_runtimes.json}
 * and {@code inference_denoised_runtimes.json} (helm-notes §2.7). Either estimator may be absent;
 * its stat is then omitted, as HELM omits it for a deployment missing from its table.
 *
 * @param deployment the deployment name, {@code org/name}
 * @param idealized coefficients for {@code inference_idealized_runtime}, or {@code null}
 * @param denoised coefficients for {@code inference_denoised_runtime}, or {@code null}
 */
public record EfficiencyProfile(String deployment, Coefficients idealized, Coefficients denoised) {
  public EfficiencyProfile {
    Objects.requireNonNull(deployment, "deployment");
  }

  /**
   * One runtime estimator.
   *
   * @param runtimeForPromptTokens seconds to process a prompt of exactly k tokens, by k; at least
   *     one entry, every key positive and every value finite and at least 0; copied (sorted)
   * @param runtimePerOutputToken seconds per generated token after the first; finite, at least 0
   * @param overheadSeconds fixed seconds added to every request (0 when the table has none)
   */
  public record Coefficients(
      NavigableMap<Integer, Double> runtimeForPromptTokens,
      double runtimePerOutputToken,
      double overheadSeconds) {
    public Coefficients {
      Objects.requireNonNull(runtimeForPromptTokens, "runtimeForPromptTokens");
      if (runtimeForPromptTokens.isEmpty()) {
        throw new IllegalArgumentException("runtimeForPromptTokens must not be empty");
      }
      TreeMap<Integer, Double> copy = new TreeMap<>();
      for (Map.Entry<Integer, Double> e : runtimeForPromptTokens.entrySet()) {
        if (e.getKey() == null || e.getKey() <= 0) {
          throw new IllegalArgumentException("prompt token counts must be positive: " + e.getKey());
        }
        checkSeconds("runtime for " + e.getKey() + " prompt tokens", e.getValue());
        copy.put(e.getKey(), e.getValue());
      }
      runtimeForPromptTokens = java.util.Collections.unmodifiableNavigableMap(copy);
      checkSeconds("runtimePerOutputToken", runtimePerOutputToken);
      checkSeconds("overheadSeconds", overheadSeconds);
    }

    /** Coefficients without overhead. */
    public Coefficients(Map<Integer, Double> runtimeForPromptTokens, double runtimePerOutputToken) {
      this(new TreeMap<>(runtimeForPromptTokens), runtimePerOutputToken, 0.0);
    }

    /**
     * HELM's estimate: with k* the smallest tabulated prompt size at least {@code promptTokens}
     * (the largest one when none is), the prompt time {@code T[k*] · promptTokens / k*}, plus
     * {@code runtimePerOutputToken · (outputTokens − 1)} when {@code outputTokens > 0}, plus the
     * overhead.
     *
     * @param promptTokens prompt tokens, at least 0
     * @param outputTokens generated tokens, at least 0
     * @return seconds
     */
    public double estimate(long promptTokens, long outputTokens) {
      if (promptTokens < 0 || outputTokens < 0) {
        throw new IllegalArgumentException("token counts must be >= 0");
      }
      Integer k =
          promptTokens > Integer.MAX_VALUE
              ? null
              : runtimeForPromptTokens.ceilingKey((int) promptTokens);
      if (k == null) {
        k = runtimeForPromptTokens.lastKey();
      }
      double promptTime = runtimeForPromptTokens.get(k) * promptTokens / k;
      double outputTime = outputTokens > 0 ? runtimePerOutputToken * (outputTokens - 1) : 0.0;
      return promptTime + outputTime + overheadSeconds;
    }

    private static void checkSeconds(String name, Double value) {
      if (value == null || !Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
      }
    }
  }
}
