package dev.prism.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation item: an input, its references and where it belongs. Perturbed copies keep the id
 * of their original and carry a {@link PerturbationDescription}.
 *
 * @param id stable id ({@code id0}, {@code id1}, … in list order unless the source supplies one)
 * @param input the input text (may be empty when {@code messages} are given)
 * @param references gold answers and options; copied
 * @param split train, valid or test
 * @param subSplit optional sub-split (e.g. {@code toxic}); may be {@code null}
 * @param perturbation {@code null} for an unperturbed instance
 * @param messages the chat that prompt method {@code chat} sends (HELM's {@code Input.messages});
 *     empty when the instance has none; copied
 */
public record Instance(
    String id,
    String input,
    List<Reference> references,
    Split split,
    String subSplit,
    PerturbationDescription perturbation,
    List<ChatMessage> messages) {
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(split, "split");
    references = List.copyOf(references);
    messages = List.copyOf(messages);
  }

  /** An instance without chat messages. */
  public Instance(
      String id,
      String input,
      List<Reference> references,
      Split split,
      String subSplit,
      PerturbationDescription perturbation) {
    this(id, input, references, split, subSplit, perturbation, List.of());
  }

  /** An unperturbed instance without sub-split. */
  public static Instance of(String id, String input, List<Reference> references, Split split) {
    return new Instance(id, input, references, split, null, null);
  }

  /** The first reference tagged correct, if any. */
  public Optional<Reference> firstCorrectReference() {
    return references.stream().filter(Reference::isCorrect).findFirst();
  }

  /** All references tagged correct, in order. */
  public List<Reference> correctReferences() {
    return references.stream().filter(Reference::isCorrect).toList();
  }

  /** The same instance with another id. */
  public Instance withId(String newId) {
    return new Instance(newId, input, references, split, subSplit, perturbation, messages);
  }

  /**
   * A perturbed copy: the same id, split, sub-split and messages with another input text and
   * references (HELM's perturbations change {@code input.text} only, never {@code messages}).
   */
  public Instance perturbed(
      String newInput, List<Reference> newReferences, PerturbationDescription description) {
    return new Instance(id, newInput, newReferences, split, subSplit, description, messages);
  }
}
