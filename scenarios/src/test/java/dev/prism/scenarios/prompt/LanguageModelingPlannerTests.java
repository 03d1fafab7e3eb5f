package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HELM's {@code LanguageModelingAdapter} windows. */
class LanguageModelingPlannerTests {
  /** HELM's {@code get_language_modeling_adapter_spec()}. */
  private static final PromptFormat LM =
      PromptFormat.defaults().toBuilder()
          .method(PromptMethod.LANGUAGE_MODELING)
          .instructions("")
          .inputPrefix("")
          .inputSuffix("")
          .outputPrefix("")
          .outputSuffix("")
          .maxTrainInstances(0)
          .numOutputs(1)
          .maxTokens(0)
          .temperature(0)
          .build();

  /** One token per character; the id is the code point. */
  private static final PromptTokenizer CHARS =
      PromptTokenizer.of(
          String::length,
          (t, n) -> t.substring(0, Math.min(n, t.length())),
          t -> t.chars().boxed().toList(),
          ids -> ids.stream().map(Character::toString).collect(Collectors.joining()));

  private static List<RequestState> plan(String doc, TokenWindow window) {
    return RequestPlanner.plan(
        List.of(Instance.of("id0", doc, List.of(), Split.TEST)), LM, "acme/lm", window);
  }

  @Test
  void windowsScoreEveryTokenOnceWithTheLastTokensAsConditioning() {
    // HELM's GPT-3 layout: 4-token sequences, requests one longer, <|endoftext|> first.
    List<RequestState> states = plan("abcdefghij", new TokenWindow(CHARS, 4, 5, "<|endoftext|>"));

    assertThat(states)
        .extracting(s -> s.request().prompt())
        .containsExactly("<|endoftext|>abcd", "defgh", "fghij");
    assertThat(states).extracting(RequestState::numConditioningTokens).containsExactly(1, 1, 3);
    // Scored tokens: abcd, efgh, ij: each document token exactly once.
    RequestState first = states.get(0);
    assertThat(first.request().echoPrompt()).isTrue();
    assertThat(first.request().maxTokens()).isZero();
    assertThat(first.request().temperature()).isZero();
    assertThat(first.trainTrialIndex()).isZero();
    assertThat(first.numTrainInstances()).isZero();
    assertThat(first.referenceIndex()).isNull();
  }

  @Test
  void withoutPrefixTokenTheFirstWindowHasNoConditioning() {
    List<RequestState> states = plan("abcdefg", TokenWindow.of(CHARS, 4));

    assertThat(states).extracting(s -> s.request().prompt()).containsExactly("abcd", "defg");
    assertThat(states).extracting(RequestState::numConditioningTokens).containsExactly(0, 1);
  }

  @Test
  void aShortDocumentIsOneRequest() {
    List<RequestState> states = plan("hi", TokenWindow.of(CHARS, 100));
    assertThat(states).extracting(s -> s.request().prompt()).containsExactly("hi");
  }

  @Test
  void windowsCutInsideACharacterAreStrippedAndConditioningCorrected() {
    // Tokens are UTF-8 bytes; a cut inside a character decodes to U+FFFD, counted as one token.
    PromptTokenizer bytes =
        PromptTokenizer.of(
            t -> utf8(t.replace('\ufffd', '?')).size(),
            (t, n) -> t,
            LanguageModelingPlannerTests::utf8,
            ids -> {
              byte[] b = new byte[ids.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) ids.get(i);
              }
              return new String(b, StandardCharsets.UTF_8);
            });
    // a b c C3 A9 x y z. The first window [a b c C3 A9] re-encodes to 5 > 3 tokens and loses two
    // (HELM then moves on past them); the second, [A9 | x y], decodes to "\ufffdxy": stripped,
    // its only conditioning token is gone, so its first token conditions (no log-probability
    // anyway); the third is [x y | z].
    List<RequestState> states = plan("abc\u00e9xyz", new TokenWindow(bytes, 5, 3, ""));

    assertThat(states).extracting(s -> s.request().prompt()).containsExactly("abc", "xy", "xyz");
    assertThat(states).extracting(RequestState::numConditioningTokens).containsExactly(0, 1, 2);
  }

  @Test
  void aWindowTooSmallIsAUserError() {
    assertThatThrownBy(() -> plan("abc", TokenWindow.of(CHARS, 1)))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("at least 2 tokens");
  }

  @Test
  void planningWithoutATokenizerIsRefused() {
    assertThatThrownBy(
            () ->
                RequestPlanner.plan(
                    List.of(Instance.of("id0", "abc", List.of(), Split.TEST)), LM, "acme/lm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a tokenizer");
  }

  private static List<Integer> utf8(String s) {
    List<Integer> out = new ArrayList<>();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.add(b & 0xff);
    }
    return out;
  }
}
