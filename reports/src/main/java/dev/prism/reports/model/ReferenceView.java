package dev.prism.reports.model;

import java.util.Objects;

/**
 * One reference answer of an instance.
 *
 * @param text the reference's output text
 * @param correct whether HELM would tag it {@code correct}
 */
public record ReferenceView(String text, boolean correct) {
  public ReferenceView {
    Objects.requireNonNull(text, "text");
  }
}
