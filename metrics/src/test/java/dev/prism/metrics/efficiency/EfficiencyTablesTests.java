package dev.prism.metrics.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfficiencyTablesTests {
  @TempDir Path dataDir;

  /** Copies the fixture tables (HELM's format, our numbers) into the data folder. */
  static void installFixture(Path dataDir) throws IOException {
    Path folder = EfficiencyTables.location(dataDir);
    Files.createDirectories(folder);
    for (String f :
        new String[] {EfficiencyTables.IDEALIZED_FILE, EfficiencyTables.DENOISED_FILE}) {
      try (InputStream in =
          EfficiencyTablesTests.class.getResourceAsStream("efficiency_tables/" + f)) {
        Files.copy(in, folder.resolve(f));
      }
    }
  }

  @Test
  void parsesHelmsTablesIntoProfiles() throws IOException {
    assertThat(EfficiencyTables.read(dataDir)).isNull();
    installFixture(dataDir);
    EfficiencyTables tables = EfficiencyTables.read(dataDir);
    assertThat(tables.deployments()).containsExactly("test/only-idealized", "test/small");

    EfficiencyProfile p = tables.profile("test/small", "local/mine");
    assertThat(p.deployment()).isEqualTo("local/mine");
    assertThat(p.idealized().runtimeForPromptTokens())
        .containsExactly(
            Map.entry(1, 0.03), Map.entry(16, 0.04), Map.entry(64, 0.1), Map.entry(256, 0.25));
    assertThat(p.idealized().runtimePerOutputToken()).isEqualTo(0.02);
    assertThat(p.idealized().overheadSeconds()).isZero();
    assertThat(p.denoised().runtimeForPromptTokens())
        .containsExactly(Map.entry(1, 0.025), Map.entry(256, 0.1), Map.entry(512, 0.3));
    assertThat(p.denoised().overheadSeconds()).isEqualTo(0.2);

    EfficiencyProfile onlyIdealized = tables.profile("test/only-idealized", "local/x");
    assertThat(onlyIdealized.denoised()).isNull();
    assertThat(tables.profile("test/unknown", "local/x")).isNull();
  }

  @Test
  void statsFromATableProfileMatchHelmsFormulaByHand() throws IOException {
    installFixture(dataDir);
    EfficiencyProfile p = EfficiencyTables.read(dataDir).profile("test/small", "local/mine");
    // idealized, 100 prompt tokens, 7 output tokens: k* = 256 → 0.25·100/256 = 0.09765625,
    // + 0.02·(7−1) = 0.12, no overhead → 0.21765625
    assertThat(p.idealized().estimate(100, 7)).isCloseTo(0.21765625, within(1e-15));
    // denoised, same request: k* = 256 → 0.1·100/256 = 0.0390625, + 0.025·6 = 0.15, + 0.2
    assertThat(p.denoised().estimate(100, 7)).isCloseTo(0.3890625, within(1e-15));
    // 600 prompt tokens exceed the largest size 512: 0.3·600/512 = 0.3515625; 0 outputs → + 0.2
    assertThat(p.denoised().estimate(600, 0)).isCloseTo(0.5515625, within(1e-15));
  }

  @Test
  void aBrokenOrHalfDownloadedTableNamesTheFileAndSaysToDownloadAgain() throws IOException {
    Path folder = EfficiencyTables.location(dataDir);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(EfficiencyTables.IDEALIZED_FILE), "{}");
    assertThatThrownBy(() -> EfficiencyTables.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(EfficiencyTables.DENOISED_FILE + " is missing")
        .satisfies(
            e ->
                assertThat(((PrismUserException) e).hint())
                    .isEqualTo("Run: prism download efficiency_tables --force"));
    Files.writeString(folder.resolve(EfficiencyTables.DENOISED_FILE), "{\n  \"a/b\": [1,\n");
    assertThatThrownBy(() -> EfficiencyTables.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(EfficiencyTables.DENOISED_FILE + ":");
    Files.writeString(
        folder.resolve(EfficiencyTables.DENOISED_FILE),
        "{\"a/b\": {\"runtime_per_output_token\": 0.1, \"runtime_for_prompt_tokens\": {\"x\": 1}}}");
    assertThatThrownBy(() -> EfficiencyTables.read(dataDir))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("entry 'a/b': prompt size 'x' is not a whole number");
  }

  @Test
  void sourceIsPinnedToAHelmCommit() {
    assertThat(EfficiencyTables.sourceUrl(EfficiencyTables.DENOISED_FILE))
        .isEqualTo(
            "https://raw.githubusercontent.com/stanford-crfm/helm/"
                + EfficiencyTables.HELM_COMMIT
                + "/src/helm/benchmark/efficiency_data/inference_denoised_runtimes.json");
  }
}
