package dev.prism.adapters;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A deployment's inline runtime model for one of HELM's runtime estimators, in the shape of an
 * entry of HELM's {@code inference_idealized_runtimes.json} / {@code
 * inference_denoised_runtimes.json} (helm-notes §2.7). Written in {@code models.yaml} as
 *
 * <pre>{@code
 * inference_denoised_runtime:
 *   runtime_per_output_token: 0.016
 *   runtime_for_prompt_tokens: {1: 0.016, 256: 0.065, 512: 0.184}
 *   overhead: 0.237          # optional, default 0
 * }</pre>
 *
 * and kept in {@link dev.prism.core.Deployment#options()} as the text {@link #encode()} writes.
 *
 * @param runtimeForPromptTokens seconds to process a prompt of k tokens, by k (k positive, values
 *     finite and at least 0, at least one entry); copied
 * @param runtimePerOutputToken seconds per output token after the first
 * @param overhead seconds added to every request
 */
public record RuntimeModel(
    NavigableMap<Integer, Double> runtimeForPromptTokens,
    double runtimePerOutputToken,
    double overhead) {
  /** The YAML key of the per-output-token runtime, as in HELM's tables. */
  public static final String PER_OUTPUT_TOKEN = "runtime_per_output_token";

  /** The YAML key of the prompt-size table, as in HELM's tables. */
  public static final String FOR_PROMPT_TOKENS = "runtime_for_prompt_tokens";

  /** The YAML key of the fixed overhead, as in HELM's tables. */
  public static final String OVERHEAD = "overhead";

  public RuntimeModel {
    Objects.requireNonNull(runtimeForPromptTokens, "runtimeForPromptTokens");
    if (runtimeForPromptTokens.isEmpty()) {
      throw new IllegalArgumentException(FOR_PROMPT_TOKENS + " must have at least one entry");
    }
    TreeMap<Integer, Double> copy = new TreeMap<>();
    runtimeForPromptTokens.forEach(
        (k, v) -> {
          if (k == null || k <= 0) {
            throw new IllegalArgumentException(
                FOR_PROMPT_TOKENS + " keys must be positive token counts, found " + k);
          }
          copy.put(k, seconds(FOR_PROMPT_TOKENS + " " + k, v));
        });
    runtimeForPromptTokens = Collections.unmodifiableNavigableMap(copy);
    seconds(PER_OUTPUT_TOKEN, runtimePerOutputToken);
    seconds(OVERHEAD, overhead);
  }

  private static double seconds(String what, Double v) {
    if (v == null || !Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException(what + " must be a number of seconds >= 0, found " + v);
    }
    return v;
  }

  /**
   * The option text: {@code runtime_per_output_token=X;overhead=Y;runtime_for_prompt_tokens=k:v,…}
   * with numbers written so that {@link #decode} gives back equal doubles.
   */
  public String encode() {
    StringJoiner table = new StringJoiner(",");
    runtimeForPromptTokens.forEach((k, v) -> table.add(k + ":" + v));
    return String.format(
        Locale.ROOT,
        "%s=%s;%s=%s;%s=%s",
        PER_OUTPUT_TOKEN,
        Double.toString(runtimePerOutputToken),
        OVERHEAD,
        Double.toString(overhead),
        FOR_PROMPT_TOKENS,
        table);
  }

  /**
   * Reads the text {@link #encode()} writes (also when set by hand under {@code options:}).
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static RuntimeModel decode(String text) {
    Map<String, String> parts = new TreeMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, found '" + part.strip() + "'");
      }
      parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    String table = parts.get(FOR_PROMPT_TOKENS);
    String perToken = parts.get(PER_OUTPUT_TOKEN);
    if (table == null || perToken == null) {
      throw new IllegalArgumentException(
          "needs " + PER_OUTPUT_TOKEN + "= and " + FOR_PROMPT_TOKENS + "=k:seconds,…");
    }
    TreeMap<Integer, Double> runtimes = new TreeMap<>();
    try {
      for (String cell : table.split(",")) {
        String[] kv = cell.split(":", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected k:seconds, found '" + cell.strip() + "'");
        }
        runtimes.put(Integer.parseInt(kv[0].strip()), Double.parseDouble(kv[1].strip()));
      }
      return new RuntimeModel(
          runtimes,
          Double.parseDouble(perToken),
          parts.containsKey(OVERHEAD) ? Double.parseDouble(parts.get(OVERHEAD)) : 0.0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
    }
  }
}
