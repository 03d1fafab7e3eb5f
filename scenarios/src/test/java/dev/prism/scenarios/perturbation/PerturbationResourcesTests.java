package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbationResourcesTests {

  @Test
  void missingFileNamesThePathAndTheDownloadCommand(@TempDir Path dir) {
    PerturbationResources res = new PerturbationResources(dir);
    Path expected = dir.resolve("perturbations/dialect/SAE_to_AAVE_mapping.json");
    assertThat(res.path(PerturbationResources.DataFile.DIALECT_SAE_TO_AAVE)).isEqualTo(expected);
    assertThatThrownBy(() -> res.dialectMapping("SAE", "AAVE"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("perturbation data file " + expected + " is missing")
        .extracting(e -> ((PrismUserException) e).hint())
        .asString()
        .startsWith("Run 'prism download perturbations'")
        .contains("SAE_to_AAVE_mapping.json");
  }

  @Test
  void readsFixturesInFileOrder() {
    PerturbationResources res = PerturbationVectorsTests.fixtures();
    assertThat(res.misspellings().keySet()).startsWith("Already", "available", "not", "the");
    assertThat(res.misspellings().get("receive")).containsExactly("recieve", "receieve", "recive");
    assertThat(res.personNames().entries()).hasSize(13);
    assertThat(res.personNames().entries().get(0).categories())
        .containsEntry("race", "white_american")
        .containsEntry("gender", "male");
    assertThat(res.dialectMapping("SAE", "AAVE")).isSameAs(res.dialectMapping("sae", "aave"));
  }

  @Test
  void unknownDialectPairAndBadFilesAreUserErrors(@TempDir Path dir) throws IOException {
    PerturbationResources res = new PerturbationResources(dir);
    assertThatThrownBy(() -> res.dialectMapping("SAE", "Scots"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("no dialect mapping from 'SAE' to 'Scots'");
    Path bad = res.path(PerturbationResources.DataFile.MISSPELLINGS);
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "{not json");
    assertThatThrownBy(res::misspellings)
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void personNamesAcceptsCommaPairs() {
    PersonNames names = PersonNames.parse("Ana,first_name,race,hispanic,gender,female\n", "t");
    assertThat(names.entries().get(0).categories())
        .containsEntry("race", "hispanic")
        .containsEntry("gender", "female");
    assertThatThrownBy(() -> PersonNames.parse("Ana\n", "t.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("t.txt:1:");
  }
}
