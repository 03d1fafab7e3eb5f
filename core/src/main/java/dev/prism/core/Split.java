package dev.prism.core;

import java.util.Locale;

/**
 * The dataset split an {@link Instance} belongs to; HELM's {@code train}, {@code valid}, {@code
 * test}.
 */
public enum Split {
  TRAIN,
  VALID,
  TEST;

  /** The lower-case name HELM writes in instance and stats JSON. */
  public String helmName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the splits that are evaluated (HELM's {@code EVAL_SPLITS}). */
  public boolean isEval() {
    return this != TRAIN;
  }

  /**
   * Parses HELM's split name.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is unknown
   */
  public static Split fromHelmName(String name) {
    for (Split s : values()) {
      if (s.helmName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown split '" + name + "' (expected one of: train, valid, test)");
  }
}
