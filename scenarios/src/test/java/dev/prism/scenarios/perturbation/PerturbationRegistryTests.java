package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import dev.prism.scenarios.random.PythonRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerturbationRegistryTests {

  @Test
  void parsesNameAndArguments() {
    PerturbationSpec spec = PerturbationRegistry.parse(" typos:prob=0.1 ");
    assertThat(spec).isEqualTo(new PerturbationSpec("typos", Map.of("prob", "0.1")));
    assertThat(spec).hasToString("typos:prob=0.1");
    assertThat(PerturbationRegistry.parse("lowercase").args()).isEmpty();
    assertThat(
            PerturbationRegistry.parse("person_name:source_class=race:white_american+gender:female")
                .args())
        .containsEntry("source_class", "race:white_american+gender:female");
  }

  @Test
  void createsWithDefaultsAndArguments() {
    Perturbation p = PerturbationRegistry.builtIn().create("typos:prob=0.1");
    assertThat(p).isInstanceOf(TyposPerturbation.class);
    assertThat(
            p.perturb(
                "After their marriage, she started a close collaboration with Karvelas.",
                new PythonRandom("id0")))
        .isEqualTo("After tjeir marriage, she xrwrted a cloae dollabpration with Iarvwlas.");
    assertThat(
            PerturbationRegistry.builtIn()
                .create("extra_space")
                .perturb("a b", new PythonRandom("x")))
        .isEqualTo("a  b");
    assertThat(PerturbationRegistry.names())
        .contains("mild_mix", "dialect", "gender", "person_name", "synonym");
  }

  @Test
  void unknownNameSuggests() {
    assertThatThrownBy(() -> PerturbationRegistry.parse("typo:prob=0.1"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("unknown perturbation 'typo' in 'typo:prob=0.1'")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Did you mean 'typos'?");
  }

  @Test
  void unknownArgumentSuggestsAndListsValidOnes() {
    assertThatThrownBy(() -> PerturbationRegistry.parse("space:max_space=2"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("perturbation 'space' has no argument 'max_space'")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Did you mean 'max_spaces'? Valid arguments: max_spaces");
  }

  @Test
  void badValuesAreUserErrors() {
    assertThatThrownBy(() -> PerturbationRegistry.builtIn().create("typos:prob=lots"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("argument 'prob' must be a number, got 'lots'");
    assertThatThrownBy(() -> PerturbationRegistry.builtIn().create("typos:prob=1.5"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("prob must be in [0, 1]");
    assertThatThrownBy(() -> PerturbationRegistry.builtIn().create("gender:mode=words"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("gender mode must be one of");
    assertThatThrownBy(() -> PerturbationRegistry.parse("space:3"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("perturbation 'space': expected key=value, got '3'");
  }

  @Test
  void dataPerturbationsNeedADataDirectory() {
    assertThatThrownBy(() -> PerturbationRegistry.builtIn().create("mild_mix"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("needs downloaded data files");
  }
}
