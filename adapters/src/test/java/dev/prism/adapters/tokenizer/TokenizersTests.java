package dev.prism.adapters.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.adapters.DeploymentCatalog;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizersTests {
  private static Deployment deployment(String adapter, String model, Map<String, String> options) {
    return new Deployment("test/" + model, adapter, model, 4096, options);
  }

  @Test
  void declaredTiktokenNames() {
    for (String name : new String[] {"openai/o200k_base", "tiktoken/o200k_base"}) {
      TokenizerChoice c =
          Tokenizers.choose(deployment("vllm", "m", Map.of(DeploymentOptions.TOKENIZER, name)));
      assertThat(c.tokenizer().name()).isEqualTo("openai/o200k_base");
      assertThat(c.source()).isEqualTo(TokenizerChoice.Source.DECLARED);
      assertThat(c.exact()).isTrue();
    }
    assertThat(Tokenizers.byName("huggingface/gpt2").name()).isEqualTo("openai/r50k_base");
    assertThat(Tokenizers.byName("openai/cl100k_base"))
        .isSameAs(TiktokenTokenizer.of("cl100k_base"));
  }

  @Test
  void builtInOpenAiDeploymentsGetTheirEncoding() {
    DeploymentCatalog catalog = DeploymentCatalog.builtIn();
    assertThat(Tokenizers.forDeployment(catalog.resolve("openai/gpt-4o-mini")).name())
        .isEqualTo("openai/o200k_base");
    assertThat(Tokenizers.forDeployment(catalog.resolve("openai/gpt-3.5-turbo-instruct")).name())
        .isEqualTo("openai/cl100k_base");
  }

  @Test
  void openAiDeploymentsWithoutATokenizerDefaultByModel() {
    assertThat(encodingOf("gpt-4o-2024-08-06")).isEqualTo("openai/o200k_base");
    assertThat(encodingOf("gpt-4.1-mini")).isEqualTo("openai/o200k_base");
    assertThat(encodingOf("o3-mini")).isEqualTo("openai/o200k_base");
    assertThat(encodingOf("gpt-4-turbo")).isEqualTo("openai/cl100k_base");
    assertThat(encodingOf("gpt-3.5-turbo-0125")).isEqualTo("openai/cl100k_base");
    assertThat(encodingOf("text-davinci-003")).isEqualTo("openai/p50k_base");
    assertThat(encodingOf("davinci-002")).isEqualTo("openai/r50k_base");
    assertThat(encodingOf("some-future-model")).isEqualTo("openai/o200k_base");
    TokenizerChoice c = Tokenizers.choose(deployment("openai", "gpt-4o", Map.of()));
    assertThat(c.source()).isEqualTo(TokenizerChoice.Source.MODEL_DEFAULT);
    assertThat(c.reason()).contains("gpt-4o").contains("o200k_base");
  }

  private static String encodingOf(String model) {
    return Tokenizers.forDeployment(deployment("openai", model, Map.of())).name();
  }

  @Test
  void simpleModelsUseTheSimpleTokenizer() {
    TokenizerChoice c = Tokenizers.choose(DeploymentCatalog.offline().resolve("simple/echo"));
    assertThat(c.tokenizer()).isSameAs(Tokenizers.fallback());
    assertThat(c.source()).isEqualTo(TokenizerChoice.Source.MODEL_DEFAULT);
    assertThat(Tokenizers.byName("simple/tokenizer1")).isSameAs(Tokenizers.fallback());
  }

  @Test
  void unknownTokenizersFallBackAndSaySo() {
    TokenizerChoice hub =
        Tokenizers.choose(
            deployment(
                "openai-compatible",
                "llama",
                Map.of(DeploymentOptions.TOKENIZER, "meta-llama/Llama-3.1-8B-Instruct")));
    assertThat(hub.exact()).isFalse();
    assertThat(hub.source()).isEqualTo(TokenizerChoice.Source.FALLBACK);
    assertThat(hub.tokenizer()).isSameAs(Tokenizers.fallback());
    assertThat(hub.reason())
        .contains("meta-llama/Llama-3.1-8B-Instruct")
        .contains("huggingface:/path/to/tokenizer.json");

    TokenizerChoice none = Tokenizers.choose(deployment("anthropic", "claude", Map.of()));
    assertThat(none.exact()).isFalse();
    assertThat(none.reason()).contains("declares no tokenizer_name");
  }

  @Test
  void byNameRejectsUnknownNamesAndMissingFiles() {
    assertThatThrownBy(() -> Tokenizers.byName("openai/nope_base"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("o200k_base");
    assertThat(Tokenizers.find("meta-llama/Llama-3.1-8B")).isEmpty();
    assertThatThrownBy(
            () ->
                Tokenizers.choose(
                    deployment(
                        "vllm",
                        "m",
                        Map.of(DeploymentOptions.TOKENIZER, "huggingface:/nope/tokenizer.json"))))
        .isInstanceOf(PrismUserException.class);
  }
}
