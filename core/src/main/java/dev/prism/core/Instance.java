package dev.prism.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation item: an input, its references and where it belongs. Perturbed copies keep the id
 * of their original and carry a {@link PerturbationDescription}.
 *
 * @param id stable id ({@code id0}, {@code id1}, … in list order unless the source supplies one)
 * @param input the input text
 * @param references gold answers and options; copied
 * @param split train, valid or test
 * @param subSplit optional sub-split (e.g. {@code toxic}); may be {@code null}
 * @param perturbation {@code null} for an unperturbed instance
 */
public record Instance(
    String id,
    String input,
    List<Reference> references,
    Split split,
    String subSplit,
    PerturbationDescription perturbation) {
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(split, "split");
    references = List.copyOf(references);
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
    return new Instance(newId, input, references, split, subSplit, perturbation);
  }
}
