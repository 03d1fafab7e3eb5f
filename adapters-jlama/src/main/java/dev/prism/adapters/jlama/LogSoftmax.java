package dev.prism.adapters.jlama;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Log-probabilities over a vocabulary from raw logits, computed in double precision so that
 * unlikely tokens keep a finite value instead of underflowing to {@code log(0)}.
 */
final class LogSoftmax {
  private final double[] logprobs;

  private LogSoftmax(double[] logprobs) {
    this.logprobs = logprobs;
  }

  /** The log-softmax of {@code logits}; non-finite logits are an error of the model. */
  static LogSoftmax of(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      if (!Float.isFinite(v)) {
        throw new IllegalStateException("the model produced a non-finite logit: " + v);
      }
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : logits) {
      sum += Math.exp(v - max);
    }
    double logZ = max + Math.log(sum);
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] - logZ;
    }
    return new LogSoftmax(out);
  }

  int size() {
    return logprobs.length;
  }

  double logprob(int id) {
    return logprobs[id];
  }

  /** The most likely token; the lowest id wins a tie, so greedy decoding is deterministic. */
  int argmax() {
    int best = 0;
    for (int i = 1; i < logprobs.length; i++) {
      if (logprobs[i] > logprobs[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Draws a token from the distribution at {@code temperature} (> 0), given a uniform number in [0,
   * 1).
   */
  int sample(double temperature, double uniform) {
    double[] weights = new double[logprobs.length];
    double max = logprobs[argmax()];
    double sum = 0;
    for (int i = 0; i < logprobs.length; i++) {
      weights[i] = Math.exp((logprobs[i] - max) / temperature);
      sum += weights[i];
    }
    double target = uniform * sum;
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (acc > target) {
        return i;
      }
    }
    return argmax(); // rounding left the target past the last weight
  }

  /** The {@code k} most likely tokens and their log-probabilities, most likely first. */
  Map<String, Double> top(int k, IntFunction<String> text) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (k <= 0) {
      return out;
    }
    Integer[] ids = new Integer[logprobs.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    Arrays.sort(ids, (a, b) -> Double.compare(logprobs[b], logprobs[a]));
    for (int i = 0; i < ids.length && out.size() < k; i++) {
      // Two tokens may decode to the same text; the more likely one is kept.
      out.putIfAbsent(text.apply(ids[i]), logprobs[ids[i]]);
    }
    return out;
  }
}
