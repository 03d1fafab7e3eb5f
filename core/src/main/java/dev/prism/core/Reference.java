package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * One reference output of an {@link Instance}: a gold answer (tagged {@code correct}) or a
 * multiple-choice option.
 *
 * @param text the output text, never {@code null}
 * @param tags HELM tags such as {@code correct}; copied
 */
public record Reference(String text, List<String> tags) {
  /** HELM's tag for a correct reference. */
  public static final String CORRECT_TAG = "correct";

  public Reference {
    Objects.requireNonNull(text, "text");
    tags = List.copyOf(tags);
  }

  /** A reference tagged {@code correct}. */
  public static Reference correct(String text) {
    return new Reference(text, List.of(CORRECT_TAG));
  }

  /** A reference with no tags. */
  public static Reference wrong(String text) {
    return new Reference(text, List.of());
  }

  public boolean isCorrect() {
    return tags.contains(CORRECT_TAG);
  }
}
