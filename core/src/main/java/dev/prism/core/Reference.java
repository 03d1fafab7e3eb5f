package dev.prism.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reference output of an {@link Instance}: a gold answer (tagged {@code correct}) or a
 * multiple-choice option.
 *
 * @param text the output text, never {@code null}
 * @param tags HELM tags such as {@code correct}; copied
 * @param testCases for code references, what a metric needs to run the tests (HELM's {@code
 *     CodeReference.test_cases}: for HumanEval the problem's {@code task_id}, {@code prompt},
 *     {@code canonical_solution}, {@code test} and {@code entry_point}); empty for every other
 *     reference; copied
 */
public record Reference(String text, List<String> tags, Map<String, String> testCases) {
  /** HELM's tag for a correct reference. */
  public static final String CORRECT_TAG = "correct";

  public Reference {
    Objects.requireNonNull(text, "text");
    tags = List.copyOf(tags);
    testCases = Map.copyOf(testCases);
  }

  /** A reference without test cases. */
  public Reference(String text, List<String> tags) {
    this(text, tags, Map.of());
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

  /** The same reference with another text (a perturbed copy keeps its tags and test cases). */
  public Reference withText(String newText) {
    return new Reference(newText, tags, testCases);
  }
}
