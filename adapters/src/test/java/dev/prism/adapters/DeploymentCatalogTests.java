package dev.prism.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.adapters.http.ApiKey;
import dev.prism.adapters.http.Endpoints;
import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCatalogTests {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path p = dir.resolve("models.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void builtInCatalogueHasOfflineAndCommonDeploymentsAndEveryAdapterExists() {
    DeploymentCatalog catalog = DeploymentCatalog.builtIn();
    assertThat(catalog.all())
        .extracting(Deployment::name)
        .contains(
            "simple/echo",
            "openai/gpt-4o-mini",
            "anthropic/claude-3-5-haiku-20241022",
            "google/gemini-2.0-flash-001",
            "vllm/llama-3.1-8b-instruct",
            "ollama/llama3.2-1b");
    AdapterRegistry registry = AdapterRegistry.load();
    for (Deployment d : catalog.all()) {
      assertThat(registry.find(d.adapter())).as(d.name()).isPresent();
      assertThat(registry.capabilities(d)).as(d.name()).isNotEmpty();
      DeploymentSettings.of(d); // every option parses
    }
    Deployment mini = catalog.resolve("openai/gpt-4o-mini");
    assertThat(mini.adapter()).isEqualTo("openai");
    assertThat(mini.contextWindow()).isEqualTo(128_000);
    DeploymentSettings s = DeploymentSettings.of(mini);
    assertThat(s.inputPricePer1M()).hasValue(0.15);
    assertThat(s.outputPricePer1M()).hasValue(0.60);
    assertThat(s.tokenizer()).hasValue("openai/o200k_base");
    assertThat(DeploymentCatalog.offline().all()).hasSize(3);
  }

  @Test
  void aModelPathIsResolvedAgainstTheModelsFileFolder() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/relative
                adapter: jlama
                model_path: models/tiny
                max_sequence_length: 128
              - name: local/absolute
                adapter: jlama
                model_path: /opt/models/tiny
                max_sequence_length: 128
            """);
    DeploymentCatalog catalog = DeploymentCatalog.load(file);
    assertThat(catalog.resolve("local/relative").options())
        .containsEntry(
            "model_path", dir.resolve("models/tiny").toAbsolutePath().normalize().toString());
    assertThat(catalog.resolve("local/absolute").options())
        .containsEntry("model_path", "/opt/models/tiny");
  }

  @Test
  void aKeyFileIsReadRelativeToTheModelsFileAndNeverQuoted() throws IOException {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/local.key"), "sk-from-file-0123456789\n");
    Path file =
        write(
            """
            model_deployments:
              - name: local/keyed
                adapter: openai-compatible
                base_url: http://localhost:8000/v1
                api_key_file: secrets/local.key
                max_sequence_length: 8192
              - name: local/missing
                adapter: openai-compatible
                base_url: http://localhost:8000/v1
                api_key_file: secrets/none.key
                max_sequence_length: 8192
              - name: local/both
                adapter: openai-compatible
                base_url: http://localhost:8000/v1
                api_key_file: secrets/local.key
                api_key_env: SOME_KEY
                max_sequence_length: 8192
            """);
    DeploymentCatalog catalog = DeploymentCatalog.load(file);
    Deployment d = catalog.resolve("local/keyed");
    assertThat(d.options())
        .containsEntry(
            "api_key_file", dir.resolve("secrets/local.key").toAbsolutePath().toString());
    ApiKey key = Endpoints.apiKey(d, null, v -> null);
    assertThat(key.reveal()).isEqualTo("sk-from-file-0123456789");
    assertThat(key.toString()).doesNotContain("sk-from-file");
    assertThatThrownBy(() -> Endpoints.apiKey(catalog.resolve("local/missing"), null, v -> null))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("none.key does not exist");
    assertThatThrownBy(() -> Endpoints.apiKey(catalog.resolve("local/both"), null, v -> "x"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("both api_key_env and api_key_file");
    Files.writeString(dir.resolve("secrets/local.key"), "sk-one-0123456789\nsk-two-0123456789\n");
    assertThatThrownBy(() -> Endpoints.apiKey(d, null, v -> null))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("more than one line")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-one"));
  }

  @Test
  void loadMergesAUserFileOverTheBuiltIns() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/llama
                adapter: openai-compatible
                model: meta-llama/Llama-3.1-8B-Instruct
                model_name: meta/llama-3.1-8b-instruct
                tokenizer_name: meta-llama/Llama-3.1-8B-Instruct
                max_sequence_length: 8192
                base_url: http://localhost:8000/v1
                api: chat
                api_key_env: VLLM_API_KEY
                price_input_per_1m: 0
                price_output_per_1m: 0.5
                max_concurrency: 32
                requests_per_minute: 600
                tokens_per_minute: 90000
                options: {read_timeout_s: 300, stream: true}
              - name: openai/gpt-4o-mini
                adapter: openai
                max_sequence_length: 1000
            """);
    DeploymentCatalog catalog = DeploymentCatalog.load(file);
    Deployment d = catalog.resolve("local/llama");
    assertThat(d.adapter()).isEqualTo("openai-compatible");
    assertThat(d.model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(d.contextWindow()).isEqualTo(8192);
    assertThat(d.options())
        .containsEntry("base_url", "http://localhost:8000/v1")
        .containsEntry("api", "chat")
        .containsEntry("api_key_env", "VLLM_API_KEY")
        .containsEntry("read_timeout_s", "300")
        .containsEntry("stream", "true")
        .containsEntry("tokenizer", "meta-llama/Llama-3.1-8B-Instruct");
    DeploymentSettings s = DeploymentSettings.of(d);
    assertThat(s.maxConcurrency()).hasValue(32);
    assertThat(s.requestsPerMinute()).hasValue(600);
    assertThat(s.tokensPerMinute()).hasValue(90000);
    assertThat(s.outputPricePer1M()).hasValue(0.5);
    assertThat(s.modelName()).hasValue("meta/llama-3.1-8b-instruct");
    assertThat(AdapterCapabilities.of(d)).contains(Capability.CHAT, Capability.STREAMING);

    // The user's entry replaces the built-in one; model defaults to the part after '/'.
    Deployment mini = catalog.resolve("openai/gpt-4o-mini");
    assertThat(mini.contextWindow()).isEqualTo(1000);
    assertThat(mini.model()).isEqualTo("gpt-4o-mini");
    assertThat(catalog.resolve("simple/echo").adapter()).isEqualTo("simple");
  }

  @Test
  void everyProblemIsReportedWithItsLineAndUnknownKeysGetADidYouMean() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/a
                adapter: openai-compatible
                max_sequence_lenght: 4096
              - name: nameless
                adapter: ollama
                max_sequence_length: -3
                max_concurrency: 2.5
              - name: local/b
                adapter: ollama
                max_sequence_length: 10
                api_key_env: sk-live-0123456789abcdef
              - name: local/b
                adapter: ollama
                max_sequence_length: 10
            """);
    List<CatalogIssue> issues = DeploymentCatalog.validate(file);
    assertThat(issues)
        .extracting(CatalogIssue::oneLine)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(file + ":4: unknown key 'max_sequence_lenght'")
                    .contains("Did you mean 'max_sequence_length'?"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(file + ":2: deployment 'local/a' has no max_sequence_length"))
        .anySatisfy(
            l -> assertThat(l).startsWith(file + ":5: deployment name 'nameless' is not org/name"))
        .anySatisfy(
            l -> assertThat(l).startsWith(file + ":7: max_sequence_length must be a positive"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(file + ":8: 'max_concurrency' must be a positive whole number"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(file + ":12: 'api_key_env' must name an environment variable"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        file + ":13: deployment 'local/b' is defined twice (first on line 9)"))
        .allSatisfy(l -> assertThat(l).doesNotContain("sk-live"));

    assertThatThrownBy(() -> DeploymentCatalog.load(file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith("7 problems in deployments file: " + file + ":");
  }

  @Test
  void aDuplicateKeyIsCollectedWithTheOtherProblems() throws IOException {
    Path file =
        write(
            """
            model_deployments:
              - name: local/a
                adapter: ollama
                adapter: openai-compatible
                max_sequence_length: 0
            """);
    assertThat(DeploymentCatalog.validate(file))
        .extracting(CatalogIssue::oneLine)
        .containsExactly(
            file + ":4: duplicate key 'adapter' (first on line 3) (Remove one of them)",
            file + ":5: max_sequence_length must be a positive whole number, found the number 0");
  }

  @Test
  void helmClientSpecAndBadYamlAreExplained() throws IOException {
    Path helm =
        write(
            """
            model_deployments:
              - name: huggingface/gpt2
                adapter: openai-compatible
                max_sequence_length: 1024
                client_spec:
                  class_name: "helm.clients.huggingface_client.HuggingFaceClient"
            """);
    assertThatThrownBy(() -> DeploymentCatalog.load(helm))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(helm + ":5: HELM's 'client_spec' is not used by Prism")
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains("adapter:"));

    Path bad = write("model_deployments:\n  - name: [unclosed\n");
    assertThatThrownBy(() -> DeploymentCatalog.load(bad))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(bad + ":")
        .hasMessageContaining("bad YAML");

    Path top = write("model_deployment:\n  - name: a/b\n");
    assertThatThrownBy(() -> DeploymentCatalog.load(top))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("unknown top-level key 'model_deployment'")
        .hasMessageContaining("Did you mean 'model_deployments'?");

    assertThatThrownBy(() -> DeploymentCatalog.load(dir.resolve("nope.yaml")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("not found");
  }
}
