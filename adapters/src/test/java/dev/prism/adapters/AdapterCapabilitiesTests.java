package dev.prism.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdapterCapabilitiesTests {
  private final DeploymentCatalog catalog = DeploymentCatalog.builtIn();

  @Test
  void chatOnlyDeploymentsLackPromptLogprobsAndTheReasonSaysWhatIsMissing() {
    Deployment claude = catalog.resolve("anthropic/claude-3-5-haiku-20241022");
    Set<Capability> provided = AdapterCapabilities.of(claude);
    assertThat(AdapterCapabilities.isChatOnly(provided)).isTrue();
    assertThat(
            AdapterCapabilities.missing(
                claude, provided, EnumSet.of(Capability.PROMPT_LOGPROBS, Capability.CHAT)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(
                        "model 'anthropic/claude-3-5-haiku-20241022' (adapter anthropic) does not"
                            + " provide PROMPT_LOGPROBS; it provides [CHAT,"));

    Deployment vllm = catalog.resolve("vllm/llama-3.1-8b-instruct");
    Set<Capability> local = AdapterCapabilities.of(vllm);
    assertThat(AdapterCapabilities.isChatOnly(local)).isFalse();
    assertThat(AdapterCapabilities.missing(vllm, local, Set.of(Capability.PROMPT_LOGPROBS)))
        .isEmpty();
    assertThat(AdapterCapabilities.of(catalog.resolve("openai/gpt-3.5-turbo-instruct")))
        .contains(Capability.LOGPROBS)
        .doesNotContain(Capability.PROMPT_LOGPROBS);
  }

  @Test
  void undeclaredAndUnknownAdapters() {
    ModelAdapter plain =
        new ModelAdapter() {
          @Override
          public String kind() {
            return "plain";
          }

          @Override
          public String description() {
            return "declares nothing";
          }

          @Override
          public ModelClient connect(Deployment d) {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(plain).isNotInstanceOf(DeclaresCapabilities.class);
    Deployment unknown = new Deployment("x/y", "no-such-kind", "y", 10, Map.of());
    assertThat(AdapterCapabilities.of(unknown)).isEmpty();
    assertThat(AdapterCapabilities.ASSUMED_FOR_UNDECLARED)
        .containsExactly(Capability.TEXT_COMPLETION);
  }
}
