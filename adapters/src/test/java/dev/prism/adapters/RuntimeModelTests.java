package dev.prism.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeModelTests {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path p = dir.resolve("models.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void inlineCoefficientsAndAHelmProfileNameAreReadFromTheCatalogue() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/profiled
                adapter: simple
                max_sequence_length: 2048
                efficiency_profile: openai/davinci
                inference_denoised_runtime:
                  runtime_per_output_token: 0.016
                  runtime_for_prompt_tokens: {1: 0.016, 256: 0.065, 512: 0.184}
                  overhead: 0.237
                inference_idealized_runtime:
                  runtime_per_output_token: 0.1
                  runtime_for_prompt_tokens:
                    16: 0.5
                    1: 0.25
              - name: local/plain
                adapter: simple
                max_sequence_length: 2048
            """);
    DeploymentCatalog catalog = DeploymentCatalog.load(file);
    DeploymentSettings s = DeploymentSettings.of(catalog.resolve("local/profiled"));
    assertThat(s.efficiencyProfile()).hasValue("openai/davinci");
    RuntimeModel denoised = s.denoisedRuntime().orElseThrow();
    assertThat(denoised.runtimeForPromptTokens())
        .containsExactly(Map.entry(1, 0.016), Map.entry(256, 0.065), Map.entry(512, 0.184));
    assertThat(denoised.runtimePerOutputToken()).isEqualTo(0.016);
    assertThat(denoised.overhead()).isEqualTo(0.237);
    RuntimeModel idealized = s.idealizedRuntime().orElseThrow();
    assertThat(idealized.runtimeForPromptTokens())
        .containsExactly(Map.entry(1, 0.25), Map.entry(16, 0.5));
    assertThat(idealized.overhead()).isZero();

    DeploymentSettings plain = DeploymentSettings.of(catalog.resolve("local/plain"));
    assertThat(plain.efficiencyProfile()).isEmpty();
    assertThat(plain.idealizedRuntime()).isEmpty();
    assertThat(plain.denoisedRuntime()).isEmpty();
  }

  @Test
  void encodeAndDecodeGiveBackEqualDoubles() {
    TreeMap<Integer, Double> table = new TreeMap<>(Map.of(1, 0.1 + 0.2, 1536, 1e-7));
    RuntimeModel m = new RuntimeModel(table, 0.3333333333333333, 0.237);
    assertThat(RuntimeModel.decode(m.encode())).isEqualTo(m);
    assertThatThrownBy(() -> RuntimeModel.decode("runtime_per_output_token=0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runtime_for_prompt_tokens");
    Deployment bad =
        new Deployment(
            "local/x", "simple", "x", 10, Map.of("inference_denoised_runtime", "nonsense"));
    assertThatThrownBy(() -> DeploymentSettings.of(bad))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("deployment 'local/x': option 'inference_denoised_runtime'");
  }

  @Test
  void malformedCoefficientsAreReportedWithTheirLines() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/a
                adapter: simple
                max_sequence_length: 2048
                inference_denoised_runtime:
                  runtime_per_output_tokens: 0.016
                  runtime_for_prompt_tokens: {0: 0.1, 256: -1}
              - name: local/b
                adapter: simple
                max_sequence_length: 2048
                inference_idealized_runtime: 0.5
                inference_idealised_runtime: {}
              - name: local/c
                adapter: simple
                max_sequence_length: 2048
                inference_idealized_runtime:
                  runtime_per_output_token: fast
            """);
    List<String> lines =
        DeploymentCatalog.validate(file).stream().map(CatalogIssue::oneLine).toList();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":6: unknown key 'runtime_per_output_tokens' in 'inference_denoised_runtime'")
                    .contains("Did you mean 'runtime_per_output_token'"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":5: 'inference_denoised_runtime' has no 'runtime_per_output_token'"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":7: 'inference_denoised_runtime': prompt size '0' is not a positive"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file + ":7: 'inference_denoised_runtime': '256' must be a non-negative"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":11: 'inference_idealized_runtime' must be a mapping, found the number 0.5")
                    .contains("runtime_for_prompt_tokens: {TOKENS: SECONDS"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(file + ":12: unknown key 'inference_idealised_runtime'")
                    .contains("Did you mean 'inference_idealized_runtime'"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":17: 'inference_idealized_runtime': 'runtime_per_output_token' must be"
                            + " a non-negative number of seconds, found text 'fast'"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ":16: 'inference_idealized_runtime' needs runtime_for_prompt_tokens"));
  }
}
