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

/** HELM's {@code BinaryRankingAdapter}. */
class BinaryRankingTests {
  /**
   * HELM's {@code get_ranking_binary_adapter_spec(max_train_instances=4, stop_sequences=["\n"])}.
   */
  private static final PromptFormat SPEC =
      PromptFormat.defaults().toBuilder()
          .method(PromptMethod.RANKING_BINARY)
          .instructions("")
          .inputPrefix("Query: ")
          .inputSuffix("\n")
          .referencePrefix("Passage: ")
          .referenceSuffix("\n")
          .outputPrefix("Does the passage answer the query?\nAnswer: ")
          .maxTrainInstances(2)
          .numOutputs(1)
          .temperature(0)
          .maxTokens(5)
          .stopSequences(List.of("\n"))
          .build();

  private static final Instance TRAIN =
      Instance.of(
          "id0",
          "how tall is it",
          List.of(Reference.wrong("It is blue."), Reference.correct("It is 3 m tall.")),
          Split.TRAIN);

  private static final Instance QUERY =
      Instance.of(
          "id1",
          "where is it",
          List.of(
              new Reference("In Paris.", List.of("correct", "relevance=1")),
              Reference.wrong("It is old."),
              Reference.wrong("Nobody knows.")),
          Split.VALID);

  private static String block(String passage, String query) {
    return "Passage: " + passage + "\nQuery: " + query + "\nDoes the passage answer the query?\n";
  }

  @Test
  void oneRequestPerPassageAfterOneLabelledBlockPerExamplePassage() {
    List<RequestState> states = RequestPlanner.plan(List.of(TRAIN, QUERY), SPEC, "acme/lm");

    String examples =
        block("It is blue.", "how tall is it")
            + "Answer: No\n"
            + "\n"
            + block("It is 3 m tall.", "how tall is it")
            + "Answer: Yes\n"
            + "\n";
    assertThat(states)
        .extracting(s -> s.request().prompt())
        .containsExactly(
            examples + block("In Paris.", "where is it") + "Answer:",
            examples + block("It is old.", "where is it") + "Answer:",
            examples + block("Nobody knows.", "where is it") + "Answer:");
    assertThat(states).extracting(RequestState::referenceIndex).containsExactly(0, 1, 2);
    assertThat(states).allSatisfy(s -> assertThat(s.instance()).isEqualTo(QUERY));
    assertThat(states).allSatisfy(s -> assertThat(s.requestMode()).isEqualTo("original"));
    assertThat(states).allSatisfy(s -> assertThat(s.numTrainInstances()).isEqualTo(1));
    assertThat(states).allSatisfy(s -> assertThat(s.outputMapping()).isEmpty());
    Request r = states.get(0).request();
    assertThat(r.echoPrompt()).isFalse();
    assertThat(r.maxTokens()).isEqualTo(5);
    assertThat(r.numCompletions()).isEqualTo(1);
    assertThat(r.topKPerToken()).isEqualTo(1);
    assertThat(r.temperature()).isZero();
    assertThat(r.stopSequences()).containsExactly("\n");
  }

  @Test
  void everyTrialRepeatsEveryPassage() {
    PromptFormat twoTrials = SPEC.toBuilder().numTrainTrials(2).build();
    List<RequestState> states = RequestPlanner.plan(List.of(TRAIN, QUERY), twoTrials, "acme/lm");

    assertThat(states).extracting(RequestState::trainTrialIndex).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(states).extracting(RequestState::referenceIndex).containsExactly(0, 1, 2, 0, 1, 2);
  }

  @Test
  void withoutExamplesThePromptIsTheEvalBlockAlone() {
    PromptFormat zeroShot = SPEC.toBuilder().maxTrainInstances(0).build();
    List<RequestState> states = RequestPlanner.plan(List.of(TRAIN, QUERY), zeroShot, "acme/lm");

    assertThat(states.get(1).request().prompt())
        .isEqualTo(block("It is old.", "where is it") + "Answer:");
    assertThat(states.get(1).numTrainInstances()).isZero();
  }

  @Test
  void examplesAreDroppedWhenThePromptDoesNotFit() {
    // One token per character: the eval block alone fits, the example does not.
    PromptTokenizer chars =
        PromptTokenizer.of(
            String::length, (text, max) -> text.substring(0, Math.min(max, text.length())));
    int evalOnly = (block("Nobody knows.", "where is it") + "Answer:").length();
    List<RequestState> states =
        RequestPlanner.plan(List.of(TRAIN, QUERY), SPEC, "acme/lm", chars, evalOnly + 5);

    assertThat(states).allSatisfy(s -> assertThat(s.numTrainInstances()).isZero());
    assertThat(states.get(2).request().prompt())
        .isEqualTo(block("Nobody knows.", "where is it") + "Answer:");
    assertThat(states).allSatisfy(s -> assertThat(s.promptTruncated()).isFalse());
  }
}
