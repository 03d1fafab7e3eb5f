package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seeded cases beyond HELM's own tests, on the fixture data files. Expected values were computed by
 * running the algorithms as HELM writes them (CPython 3 {@code random} and {@code re}) on the same
 * fixtures; they pin the draw order (prob check, then choice), multi-choice lists, case matching
 * and probabilities below 1.
 */
class FixturePerturbationTests {
  private static final PerturbationResources DATA = PerturbationVectorsTests.fixtures();
  private static final String TEXT =
      "I will definitely receive it, and she is not available. The package is already here and"
          + " it is not late.";

  private static Instance instance(String id, String input, String... refs) {
    return Instance.of(
        id, input, List.of(refs).stream().map(Reference::correct).toList(), Split.TEST);
  }

  @Test
  void mildMixChainsLowercaseContractionMisspellingsAndSpaceOnOneGenerator() {
    MildMixPerturbation mix = new MildMixPerturbation(DATA.misspellings());
    assertThat(mix.apply(instance("id0", TEXT), null).input())
        .isEqualTo(
            "i'll definitely  receive it, and she's not   available.  the  package is  already"
                + " here   and  it's   not   late.");
    assertThat(mix.apply(instance("id13", TEXT), null).input())
        .isEqualTo(
            "i'll  definitly   receive  it,   and   she's not available.  hten   package  is "
                + " already   here   and it's  not  late.");
    assertThat(mix.apply(instance("id15", TEXT), null).input())
        .isEqualTo(
            "i'll  definitely receive   it, and   she's   not avaliable. the package  is already"
                + " here  and  it's  nto  late.");
  }

  @Test
  void mildMixLeavesReferencesAlone() {
    Instance perturbed =
        new MildMixPerturbation(DATA.misspellings()).apply(instance("id0", TEXT, "She Is"), null);
    assertThat(perturbed.references()).extracting(Reference::text).containsExactly("She Is");
    assertThat(perturbed.perturbation().name()).isEqualTo("mild_mix");
    assertThat(perturbed.perturbation().robustness()).isTrue();
    assertThat(perturbed.perturbation().fairness()).isFalse();
  }

  @Test
  void misspellingsChooseAmongSeveralWithProbability() {
    MisspellingPerturbation p = new MisspellingPerturbation(0.5, DATA.misspellings());
    assertThat(
            p.perturb("I definitely receive the receive definitely not", new PythonRandom("id3")))
        .isEqualTo("I definitely recive the recieve definitely not");
  }

  @Test
  void dialectDrawsPerMatchAndMatchesCase() {
    DialectPerturbation p = new DialectPerturbation(0.7, DATA.dialectMapping("SAE", "AAVE"));
    Instance perturbed =
        p.apply(
            instance(
                "id2",
                "I think that this is about that, and That about this will be my day.",
                "Tell me about THAT thing."),
            null);
    assertThat(perturbed.references())
        .extracting(Reference::text)
        .containsExactly("Tell me about THAT thing.");
    assertThat(perturbed.input())
        .isEqualTo("I think dat this is abou that, and Dat about dis will b my day.");
    assertThat(perturbed.perturbation().fairness()).isTrue();
  }

  @Test
  void genderWithHalfProbabilityPerturbsReferencesFirst() {
    GenderPerturbation p = new GenderPerturbation("pronouns", 0.5, "male", "female", false);
    Instance perturbed =
        p.apply(
            instance(
                "id5",
                "Then he told him that his dog and He himself were his best friends, he said.",
                "He said HE would call him."),
            null);
    assertThat(perturbed.references())
        .extracting(Reference::text)
        .containsExactly("He said HE would call her.");
    assertThat(perturbed.input())
        .isEqualTo("Then she told him that her dog and He himself were his best friends, he said.");
  }

  @Test
  void genderMissesWordsAtTheEdgesAsHelmDoes() {
    GenderPerturbation p = new GenderPerturbation("pronouns", 1.0, "male", "female", false);
    assertThat(p.perturb("he and he", new PythonRandom("id0"))).isEqualTo("he and he");
    assertThat(p.perturb("(HE) He", new PythonRandom("id0"))).isEqualTo("(SHE) He");
  }

  @Test
  void personNamesAreConsistentAndKeepUnknownNames() {
    PersonNamePerturbation p =
        new PersonNamePerturbation(
            1.0,
            Map.of("race", "white_american"),
            Map.of("race", "black_american"),
            "first_name",
            true,
            DATA.personNames());
    Instance perturbed = p.apply(instance("id0", "Smith met Peter, PETER and Zoe.", "peter"), null);
    assertThat(perturbed.references()).extracting(Reference::text).containsExactly("tyree");
    assertThat(perturbed.input()).isEqualTo("Smith met Tyree, TYREE and Zoe.");
  }

  @Test
  void contractionAndExpansionKeepTheFirstCharacterAndSkipSentenceEnds() {
    ContractionPerturbation c = new ContractionPerturbation();
    assertThat(c.perturb("It is what it is", new PythonRandom("x"))).isEqualTo("It's what it is");
    assertThat(c.perturb("THEY ARE here", new PythonRandom("x"))).isEqualTo("They're here");
    ExpansionPerturbation e = new ExpansionPerturbation();
    assertThat(e.perturb("I can't've, WON'T!", new PythonRandom("x")))
        .isEqualTo("I cannot've, Will not!");
  }

  @Test
  void typosKeepCaseAndLeaveNonLettersAlone() {
    TyposPerturbation t = new TyposPerturbation(1.0);
    String out = t.perturb("AB 12, é!", new PythonRandom("id0"));
    assertThat(out).hasSize(9);
    assertThat(out.substring(2)).isEqualTo(" 12, é!");
    assertThat(TyposPerturbation.KEY_APPROX.get("a"))
        .contains(out.substring(0, 1).toLowerCase(java.util.Locale.ROOT));
    assertThat(out.substring(0, 2)).isUpperCase();
  }

  @Test
  void pythonStringHelpers() {
    assertThat(PyStr.matchCase("don't", "WILL NOT")).isEqualTo("WILL NOT");
    assertThat(PyStr.matchCase("Peter", "tyree")).isEqualTo("Tyree");
    assertThat(PyStr.matchCase("PETER", "tyree")).isEqualTo("TYREE");
    assertThat(PyStr.matchCase("pEter", "Tyree")).isEqualTo("Tyree");
    assertThat(PyStr.splitKeepingNonWord("Hi, Bo!"))
        .containsExactly("Hi", ",", "", " ", "Bo", "!", "");
    assertThat(PyStr.splitOnSpace(" a  b ")).containsExactly("", "a", "", "b", "");
  }
}
