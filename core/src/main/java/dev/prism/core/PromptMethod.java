package dev.prism.core;

import java.util.Locale;

/** How instances become requests; HELM's {@code AdapterSpec.method}. */
public enum PromptMethod {
  GENERATION,
  MULTIPLE_CHOICE_JOINT,
  MULTIPLE_CHOICE_SEPARATE_ORIGINAL,
  MULTIPLE_CHOICE_SEPARATE_CALIBRATED,
  LANGUAGE_MODELING,
  RANKING_BINARY,
  CHAT;

  /** HELM's spelling, e.g. {@code multiple_choice_joint}. */
  public String helmName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses HELM's spelling.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static PromptMethod fromHelmName(String name) {
    for (PromptMethod m : values()) {
      if (m.helmName().equals(name)) {
        return m;
      }
    }
    StringBuilder known = new StringBuilder();
    for (PromptMethod m : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(m.helmName());
    }
    throw new IllegalArgumentException(
        "unknown prompt method '" + name + "' (expected one of: " + known + ")");
  }
}
