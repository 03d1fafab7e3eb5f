package dev.prism.adapters.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.prism.adapters.AdapterRegistry;
import dev.prism.adapters.Capability;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.Instance;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.core.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JlamaAdapterTest {
  private static final String PROMPT = "the cat sat on the mat and then";

  @TempDir static Path tmp;
  private static ModelClient client;

  @BeforeAll
  static void load() throws Exception {
    client = new JlamaAdapter().connect(deployment(TinyLlama.write(tmp.resolve("m7"), 7), "0"));
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static Deployment deployment(Path model, String seed) {
    return new Deployment(
        "local/tiny",
        "jlama",
        "tiny",
        TinyLlama.CONTEXT,
        Map.of(JlamaAdapter.MODEL_PATH, model.toString(), JlamaAdapter.SEED, seed));
  }

  private static Request request(
      String prompt, double temperature, int n, int maxTokens, List<String> stops, boolean echo) {
    return new Request("local/tiny", prompt, temperature, n, 3, maxTokens, stops, echo, null);
  }

  private static Completion only(ModelClient c, Request r) throws InterruptedException {
    RequestResult result = c.complete(state(r));
    assertThat(result.success()).as("%s", result.errorMessage()).isTrue();
    assertThat(result.completions()).hasSize(1);
    return result.completions().get(0);
  }

  private static RequestState state(Request r) {
    Instance i = Instance.of("id0", "input", List.of(Reference.correct("x")), Split.TEST);
    return new RequestState(i, 0, null, null, r, Map.of(), 0, false);
  }

  private static Completion greedy(int maxTokens) throws InterruptedException {
    return only(client, request(PROMPT, 0.0, 1, maxTokens, List.of(), false));
  }

  @Test
  void greedyOutputIsDeterministicForAWeightSeed() throws Exception {
    Completion first = greedy(12);
    assertThat(first.text()).isNotEmpty();
    // Jlama splits the matrix work over threads, so the low bits of the logits may vary between
    // runs; the chosen tokens do not.
    Completion again = greedy(12);
    assertThat(again.text()).isEqualTo(first.text());
    assertThat(again.tokens()).hasSameSizeAs(first.tokens());
    for (int i = 0; i < first.tokens().size(); i++) {
      assertThat(again.tokens().get(i).text()).isEqualTo(first.tokens().get(i).text());
      assertThat(again.tokens().get(i).logprob())
          .isCloseTo(first.tokens().get(i).logprob(), Offset.offset(1e-4));
    }
    try (ModelClient same =
            new JlamaAdapter().connect(deployment(TinyLlama.write(tmp.resolve("m7b"), 7), "0"));
        ModelClient other =
            new JlamaAdapter().connect(deployment(TinyLlama.write(tmp.resolve("m8"), 8), "0"))) {
      Request r = request(PROMPT, 0.0, 1, 12, List.of(), false);
      assertThat(only(same, r).text()).isEqualTo(first.text());
      assertThat(only(other, r).text()).isNotEqualTo(first.text());
    }
  }

  @Test
  void generatesAtMostMaxTokensWithFiniteNonPositiveLogprobs() throws Exception {
    for (int max : new int[] {1, 5, 9}) {
      Completion c = greedy(max);
      assertThat(c.tokens()).hasSizeLessThanOrEqualTo(max).isNotEmpty();
      assertThat(c.usage().completionTokens()).isEqualTo(c.tokens().size());
      assertThat(c.finishReason()).isEqualTo("length");
      assertThat(String.join("", c.tokens().stream().map(Token::text).toList()))
          .isEqualTo(c.text());
      double sum = 0;
      for (Token t : c.tokens()) {
        assertThat(t.logprob()).isFinite().isLessThanOrEqualTo(0.0);
        // Greedy: the chosen token is the most likely one, listed first among the alternatives.
        assertThat(t.topLogprobs()).hasSize(3);
        assertThat(t.topLogprobs().keySet().iterator().next()).isEqualTo(t.text());
        assertThat(t.topLogprobs().values().iterator().next()).isEqualTo(t.logprob());
        sum += t.logprob();
      }
      assertThat(c.logprob()).isCloseTo(sum, Offset.offset(1e-9));
    }
    // A longer run continues the shorter one: the first tokens do not depend on max_tokens.
    assertThat(greedy(9).text()).startsWith(greedy(5).text());
  }

  @Test
  void stopSequenceEndsAndCutsTheCompletion() throws Exception {
    String full = greedy(16).text();
    String stop = full.substring(full.length() / 2, full.length() / 2 + 2);
    int at = full.indexOf(stop);
    assumeThat(at).as("stop %s occurs after the start of %s", stop, full).isPositive();
    Completion c = only(client, request(PROMPT, 0.0, 1, 16, List.of(stop), false));
    assertThat(c.text()).isEqualTo(full.substring(0, at)).doesNotContain(stop);
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.tokens().size()).isLessThan(16);
  }

  @Test
  void echoGivesPromptLogprobsAndTheSameContinuation() throws Exception {
    Completion echoOnly = only(client, request(PROMPT, 0.0, 1, 0, List.of(), true));
    assertThat(echoOnly.text()).isEqualTo(PROMPT);
    assertThat(String.join("", echoOnly.tokens().stream().map(Token::text).toList()))
        .isEqualTo(PROMPT);
    assertThat(echoOnly.tokens())
        .allSatisfy(t -> assertThat(t.logprob()).isFinite().isLessThanOrEqualTo(0.0));

    Completion plain = greedy(4);
    Completion echoed = only(client, request(PROMPT, 0.0, 1, 4, List.of(), true));
    assertThat(echoed.text()).isEqualTo(PROMPT + plain.text());
    List<Token> tail = echoed.tokens().subList(echoOnly.tokens().size(), echoed.tokens().size());
    assertThat(tail).hasSameSizeAs(plain.tokens());
    for (int i = 0; i < tail.size(); i++) {
      assertThat(tail.get(i).text()).isEqualTo(plain.tokens().get(i).text());
      // Token-by-token and batched prompt passes agree up to float rounding.
      assertThat(tail.get(i).logprob())
          .isCloseTo(plain.tokens().get(i).logprob(), Offset.offset(1e-3));
    }
  }

  @Test
  void samplingIsSeededByRequestAndCompletionIndex() throws Exception {
    Request r = request(PROMPT, 1.0, 3, 10, List.of(), false);
    RequestResult a = client.complete(state(r));
    RequestResult b = client.complete(state(r));
    List<String> texts = new ArrayList<>();
    a.completions().forEach(c -> texts.add(c.text()));
    List<String> again = new ArrayList<>();
    b.completions().forEach(c -> again.add(c.text()));
    assertThat(texts).hasSize(3).doesNotHaveDuplicates().isEqualTo(again);
    a.completions()
        .forEach(
            c ->
                assertThat(c.tokens())
                    .allSatisfy(t -> assertThat(t.logprob()).isFinite().isNegative()));
  }

  @Test
  void tooLongRequestIsAnInvalidRequest() throws Exception {
    RequestResult r =
        client.complete(state(request(PROMPT, 0.0, 1, TinyLlama.CONTEXT, List.of(), false)));
    assertThat(r.success()).isFalse();
    assertThat(r.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(r.errorMessage()).contains("context window of " + TinyLlama.CONTEXT);
  }

  @Test
  void missingOrEmptyModelFolderIsAUserError() {
    JlamaAdapter adapter = new JlamaAdapter();
    assertThatThrownBy(
            () -> adapter.connect(new Deployment("local/tiny", "jlama", "tiny", 128, Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("no option 'model_path'");
    assertThatThrownBy(() -> adapter.connect(deployment(tmp.resolve("absent"), "0")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("is not a folder with config.json");
    assertThatThrownBy(() -> adapter.connect(deployment(tmp, "x1")))
        .isInstanceOf(PrismUserException.class);
  }

  @Test
  void registeredWithItsCapabilities() {
    AdapterRegistry registry = AdapterRegistry.load();
    assertThat(registry.find("jlama")).containsInstanceOf(JlamaAdapter.class);
    assertThat(registry.capabilities(deployment(tmp, "0")))
        .contains(
            Capability.TEXT_COMPLETION,
            Capability.LOGPROBS,
            Capability.PROMPT_LOGPROBS,
            Capability.STOP_SEQUENCES)
        .doesNotContain(Capability.CHAT, Capability.STREAMING);
  }
}
