package dev.prism.core;

import java.util.Objects;

/**
 * An immutable streaming summary of values, HELM's {@code Stat}: count, sum, sum of squares, min,
 * max. {@link #variance()} is the <em>population</em> variance, clipped at 0 as HELM does. An empty
 * stat has {@code count == 0} and NaN min/max/mean.
 *
 * <pre>{@code
 * Stat s = Stat.empty(MetricKey.of("exact_match")).add(1).add(0); // mean 0.5
 * }</pre>
 */
public record Stat(
    MetricKey key, long count, double sum, double sumSquared, double min, double max) {
  public Stat {
    Objects.requireNonNull(key, "key");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
  }

  /** A stat holding no values. */
  public static Stat empty(MetricKey key) {
    return new Stat(key, 0, 0, 0, Double.NaN, Double.NaN);
  }

  /** A stat holding one value. */
  public static Stat of(MetricKey key, double value) {
    // empty(key).add(value) in one allocation (0.0 + value keeps add's sign of a -0.0 value).
    return new Stat(key, 1, 0.0 + value, 0.0 + value * value, value, value);
  }

  /** A stat holding one value, keyed by name only. */
  public static Stat of(String name, double value) {
    return of(MetricKey.of(name), value);
  }

  /** This stat plus one value. */
  public Stat add(double value) {
    return new Stat(
        key,
        count + 1,
        sum + value,
        sumSquared + value * value,
        count == 0 ? value : Math.min(min, value),
        count == 0 ? value : Math.max(max, value));
  }

  /** This stat plus every value of {@code other}; keeps this key. */
  public Stat merge(Stat other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other.withKey(key);
    }
    return new Stat(
        key,
        count + other.count,
        sum + other.sum,
        sumSquared + other.sumSquared,
        Math.min(min, other.min),
        Math.max(max, other.max));
  }

  /** The same values under another key. */
  public Stat withKey(MetricKey newKey) {
    return new Stat(newKey, count, sum, sumSquared, min, max);
  }

  /** Arithmetic mean; NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Population variance, clipped at 0; NaN when empty. */
  public double variance() {
    if (count == 0) {
      return Double.NaN;
    }
    double m = mean();
    return Math.max(0.0, sumSquared / count - m * m);
  }

  /** Square root of {@link #variance()}. */
  public double stddev() {
    return Math.sqrt(variance());
  }

  /** A stat holding the single value {@link #mean()}, HELM's {@code take_mean}. */
  public Stat takeMean() {
    return count == 0 ? this : of(key, mean());
  }
}
