package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataAugmenterTests {
  private static final PerturbationRegistry REGISTRY =
      new PerturbationRegistry(PerturbationVectorsTests.fixtures());

  private static final List<Instance> INSTANCES =
      List.of(
          Instance.of("id0", "Train: he is here", List.of(Reference.correct("yes")), Split.TRAIN),
          Instance.of(
              "id1",
              "Did Peter say that he will visit his mother?",
              List.of(Reference.correct("Yes, Peter will.")),
              Split.TEST),
          Instance.of("id2", "42", List.of(Reference.correct("42")), Split.VALID));

  @Test
  void canonicalIsMildMixThenDialectGenderPersonName() {
    DataAugmentation canonical = DataAugmentation.named("canonical");
    assertThat(canonical.perturbations())
        .extracting(PerturbationSpec::name)
        .containsExactly("mild_mix", "dialect", "gender", "person_name");
    assertThat(canonical.includeOriginal()).isTrue();
    assertThat(canonical.skipUnchanged()).isTrue();
    assertThat(canonical.seedsPerInstance()).isEqualTo(1);
    assertThat(DataAugmentation.named("robustness").perturbations())
        .extracting(PerturbationSpec::name)
        .containsExactly("mild_mix");
    assertThat(DataAugmentation.named("fairness").perturbations())
        .extracting(PerturbationSpec::name)
        .containsExactly("dialect", "gender", "person_name");
  }

  @Test
  void augmentKeepsTrainThenOriginalsFollowedByChangedCopies() {
    DataAugmentation canonical = DataAugmentation.named("canonical");
    DataAugmenter augmenter = DataAugmenter.of(canonical, REGISTRY);
    List<Instance> out = augmenter.augment(INSTANCES, canonical);

    assertThat(out.get(0)).isEqualTo(INSTANCES.get(0));
    // id1 changes under all four; "42" changes under none of them but mild_mix (spaces: none) ->
    // skipped
    assertThat(out)
        .extracting(Instance::id)
        .containsExactly("id0", "id1", "id1", "id1", "id1", "id1", "id2");
    assertThat(out.subList(1, 6))
        .extracting(i -> i.perturbation() == null ? "original" : i.perturbation().name())
        .containsExactly("original", "mild_mix", "dialect", "gender", "person_name");
    for (int k = 2; k < 6; k++) {
      Instance copy = out.get(k);
      Perturbation p = augmenter.perturbations().get(k - 2);
      assertThat(copy).isEqualTo(p.apply(INSTANCES.get(1), null));
    }
    Instance gender = out.get(4);
    assertThat(gender.input()).isEqualTo("Did Peter say that she will visit her mother?");
    Instance names = out.get(5);
    assertThat(names.input()).isEqualTo("Did Jamal say that he will visit his mother?");
    assertThat(names.references()).extracting(Reference::text).containsExactly("Yes, Jamal will.");
  }

  @Test
  void generateHonoursFlagsAndSeeds() {
    DataAugmenter augmenter =
        new DataAugmenter(List.of(new SpacePerturbation(3), new LowercasePerturbation()));
    List<Instance> eval = List.of(INSTANCES.get(2));
    assertThat(augmenter.generate(eval, false, true, 1)).isEmpty();
    assertThat(augmenter.generate(eval, false, false, 2)).hasSize(4);

    Instance one = Instance.of("id9", "a b c", List.of(), Split.TEST);
    List<Instance> out = augmenter.generate(List.of(one), true, false, 2);
    assertThat(out).hasSize(5);
    // seed index 1 uses random.Random("1" + id)
    PythonRandom rng = new PythonRandom("1id9");
    assertThat(out.get(2).input()).isEqualTo(new SpacePerturbation(3).perturb("a b c", rng));
    assertThat(out.get(1)).isEqualTo(new SpacePerturbation(3).apply(one, null));
  }

  @Test
  void unknownAugmentationSuggestsNames() {
    assertThatThrownBy(() -> DataAugmentation.named("canonicl"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("unknown data_augmentation 'canonicl'")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Did you mean 'canonical'?");
    assertThat(DataAugmentation.options("misspelling_sweep")).hasSize(4);
    assertThatThrownBy(() -> DataAugmentation.named("misspelling_sweep"))
        .isInstanceOf(PrismUserException.class);
  }

  @Test
  void everyNamedAugmentationBuildsOnTheFixtures() {
    for (String name : DataAugmentation.names()) {
      for (DataAugmentation a : DataAugmentation.options(name).values()) {
        if (name.equals("synonym") || name.equals("robustness_all")) {
          // Needs python3 with spaCy, which this machine may lack: then a user error saying how.
          try {
            assertThat(DataAugmenter.of(a, REGISTRY).perturbations())
                .hasSameSizeAs(a.perturbations());
          } catch (PrismUserException e) {
            assertThat(e.getMessage() + " " + e.hint()).contains("spacy").contains("python3");
          }
          continue;
        }
        assertThat(DataAugmenter.of(a, REGISTRY).perturbations()).hasSameSizeAs(a.perturbations());
      }
    }
  }

  @Test
  void descriptionsCarryRobustnessAndFairnessFlags() {
    assertThat(REGISTRY.create("typos").description())
        .isEqualTo(new PerturbationDescription("typos", true, false, null));
    assertThat(REGISTRY.create("gender").description())
        .isEqualTo(new PerturbationDescription("gender", false, true, null));
  }
}
