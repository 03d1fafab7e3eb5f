package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HELM's {@code MultipleChoiceSeparateAdapter} and {@code MultipleChoiceCalibratedAdapter}. */
class SeparateMultipleChoiceTests {
  private static PromptFormat helmSpec(PromptMethod method) {
    return MethodFormats.separate(method);
  }

  private static final Instance CAT =
      Instance.of(
          "id7",
          "The cat",
          List.of(Reference.wrong("sat on the mat"), Reference.correct("flew away")),
          Split.TEST);

  @Test
  void originalMakesOneEchoRequestPerReferenceEndingWithIt() {
    List<RequestState> states =
        RequestPlanner.plan(
            List.of(CAT), helmSpec(PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL), "acme/lm");

    assertThat(states)
        .extracting(s -> s.request().prompt())
        .containsExactly("The cat sat on the mat", "The cat flew away");
    assertThat(states).extracting(RequestState::referenceIndex).containsExactly(0, 1);
    assertThat(states)
        .extracting(RequestState::requestMode)
        .containsExactly("original", "original");
    Request r = states.get(0).request();
    assertThat(r.echoPrompt()).isTrue();
    assertThat(r.maxTokens()).isZero();
    assertThat(r.temperature()).isZero();
    assertThat(r.numCompletions()).isEqualTo(1);
    assertThat(r.stopSequences()).isEmpty();
    assertThat(states.get(0).outputMapping()).isEmpty();
  }

  @Test
  void calibratedAddsTheAnswerOnlyPromptAfterEachReference() {
    List<RequestState> states =
        RequestPlanner.plan(
            List.of(CAT), helmSpec(PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED), "acme/lm");

    assertThat(states)
        .extracting(s -> s.request().prompt())
        .containsExactly(
            "The cat sat on the mat",
            "Answer: sat on the mat",
            "The cat flew away",
            "Answer: flew away");
    assertThat(states)
        .extracting(RequestState::requestMode)
        .containsExactly("original", "calibration", "original", "calibration");
    assertThat(states).extracting(RequestState::referenceIndex).containsExactly(0, 0, 1, 1);
    assertThat(states).allSatisfy(s -> assertThat(s.request().echoPrompt()).isTrue());
    assertThat(states).allSatisfy(s -> assertThat(s.instance()).isEqualTo(CAT));
  }

  @Test
  void examplesAndInstructionsAreKeptAsInHelmsConstructPrompt() {
    // HELM builds the original prompt with the sampled examples (gold = first correct reference)
    // and the instructions; the calibration prompt keeps the instructions but drops the examples.
    PromptFormat f =
        PromptFormat.defaults().toBuilder()
            .method(PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED)
            .instructions("Finish the sentence.\n")
            .inputPrefix("Q: ")
            .inputSuffix("\n")
            .outputPrefix("A: ")
            .outputSuffix("\n")
            .maxTrainInstances(1)
            .build();
    Instance train = Instance.of("id0", "Dogs", List.of(Reference.correct("bark")), Split.TRAIN);
    List<RequestState> states = RequestPlanner.plan(List.of(train, CAT), f, "acme/lm");

    assertThat(states).hasSize(4);
    assertThat(states.get(0).request().prompt())
        .isEqualTo("Finish the sentence.\n\nQ: Dogs\nA: bark\n\nQ: The cat\nA: sat on the mat\n");
    assertThat(states.get(0).numTrainInstances()).isEqualTo(1);
    assertThat(states.get(1).request().prompt())
        .isEqualTo("Finish the sentence.\n\nQ: Answer:\nA: sat on the mat\n");
    assertThat(states.get(1).numTrainInstances()).isZero();
  }

  @Test
  void fittingDropsExamplesPerReferencePrompt() {
    PromptFormat f =
        helmSpec(PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL).toBuilder()
            .inputPrefix("Q: ")
            .maxTrainInstances(2)
            .build();
    List<Instance> all =
        List.of(
            Instance.of("t0", "one two three", List.of(Reference.correct("four")), Split.TRAIN),
            Instance.of("t1", "five six", List.of(Reference.correct("seven")), Split.TRAIN),
            CAT);
    // One token per space-separated word.
    PromptTokenizer words =
        PromptTokenizer.of(
            t -> t.isBlank() ? 0 : t.strip().split("\\s+").length,
            (t, n) -> {
              List<String> w = List.of(t.strip().split("\\s+"));
              return String.join(" ", w.subList(0, Math.min(n, w.size())));
            });
    List<RequestState> states = RequestPlanner.plan(all, f, "acme/lm", words, 10);

    // "Q: The cat sat on the mat" is 7 words: no example (4 or 5 words) fits beside it, but one
    // fits beside "Q: The cat flew away".
    assertThat(states.get(0).numTrainInstances()).isZero();
    assertThat(states.get(0).request().prompt()).isEqualTo("Q: The cat sat on the mat");
    assertThat(states.get(1).numTrainInstances()).isEqualTo(1);
  }

  @Test
  void switchingAJointFormatToASeparateMethodUsesHelmsSeparateSpec() {
    PromptFormat joint =
        PromptFormat.defaults().toBuilder()
            .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
            .instructions("Pick one.\n")
            .maxEvalInstances(10)
            .build();
    PromptFormat f =
        MethodFormats.withMethod(joint, PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED);

    assertThat(f.method()).isEqualTo(PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED);
    assertThat(f.instructions()).isEmpty();
    assertThat(f.inputPrefix()).isEmpty();
    assertThat(f.outputPrefix()).isEqualTo(" ");
    assertThat(f.maxTrainInstances()).isZero();
    assertThat(f.maxTokens()).isZero();
    assertThat(f.maxEvalInstances()).isEqualTo(10);
    assertThat(MethodFormats.withMethod(f, PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL))
        .isEqualTo(f.toBuilder().method(PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL).build());
  }
}
