package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPlannerTests {
  private static final PromptFormat GENERATION =
      PromptFormat.defaults().toBuilder()
          .inputPrefix("Q: ")
          .outputPrefix("A: ")
          .maxTrainInstances(2)
          .numOutputs(3)
          .temperature(0.5)
          .maxTokens(7)
          .stopSequences(List.of("\n", "###"))
          .build();

  @Test
  void generationRequestCarriesTheFormatsSamplingSettings() {
    List<RequestState> states = RequestPlanner.plan(instances(4, 3), GENERATION, "acme/model");

    assertThat(states).hasSize(3);
    RequestState first = states.get(0);
    Request r = first.request();
    assertThat(r.deployment()).isEqualTo("acme/model");
    assertThat(r.temperature()).isEqualTo(0.5);
    assertThat(r.numCompletions()).isEqualTo(3);
    assertThat(r.topKPerToken()).isEqualTo(1);
    assertThat(r.maxTokens()).isEqualTo(7);
    assertThat(r.stopSequences()).containsExactly("\n", "###");
    assertThat(r.echoPrompt()).isFalse();
    assertThat(r.random()).isNull();
    assertThat(first.outputMapping()).isEmpty();
    assertThat(first.numTrainInstances()).isEqualTo(2);
    assertThat(first.promptTruncated()).isFalse();
    assertThat(first.referenceIndex()).isNull();
    assertThat(first.requestMode()).isNull();
    assertThat(states)
        .extracting(s -> s.instance().id())
        .containsExactly("test0", "test1", "test2");
    assertThat(r.prompt()).endsWith("\nQ: q-test0\nA:").startsWith("Q: q-train");
  }

  @Test
  void jointMultipleChoiceAsksForTopLettersWithoutStopSequences() {
    PromptFormat mc =
        GENERATION.toBuilder()
            .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
            .maxTrainInstances(0)
            .build();
    Instance q =
        Instance.of(
            "id0",
            "2+2?",
            List.of(Reference.wrong("3"), Reference.correct("4"), Reference.wrong("5")),
            Split.TEST);

    RequestState state = RequestPlanner.plan(List.of(q), mc, "acme/model").get(0);

    assertThat(state.request().numCompletions()).isEqualTo(1);
    assertThat(state.request().topKPerToken()).isEqualTo(3);
    assertThat(state.request().stopSequences()).isEmpty();
    assertThat(state.request().prompt()).isEqualTo("Q: 2+2?\nA. 3\nB. 4\nC. 5\nA:");
    assertThat(state.outputMapping()).isEqualTo(Map.of("A", "3", "B", "4", "C", "5"));
  }

  @Test
  void instructionsAndGlobalPrefixAndSuffixWrapTheBlocks() {
    PromptFormat f =
        PromptFormat.defaults().toBuilder()
            .instructions("Answer briefly.\n")
            .globalPrefix("<s>")
            .globalSuffix("</s>")
            .instancePrefix("\n---\n")
            .maxTrainInstances(1)
            .sampleTrain(false)
            .build();

    String prompt = RequestPlanner.plan(instances(1, 1), f, "m").get(0).request().prompt();

    assertThat(prompt)
        .isEqualTo(
            "<s>Answer briefly.\n\n---\nInput: q-train0\nOutput: a-train0\n\n---\n"
                + "Input: q-test0\nOutput:</s>");
  }

  @Test
  void evalOutputPrefixIsStrippedWithPythonsIdeaOfWhitespace() {
    // Python's str.isspace() includes U+00A0 and U+2007, which Java's isWhitespace leaves out.
    PromptFormat f =
        PromptFormat.defaults().toBuilder()
            .outputPrefix("Answer:\u00A0\u2007 \t")
            .maxTrainInstances(0)
            .build();
    String prompt = RequestPlanner.plan(instances(0, 1), f, "m").get(0).request().prompt();
    assertThat(prompt).isEqualTo("Input: q-test0\nAnswer:");
    assertThat(PyText.rstrip("x\u0085\u202F\u001C")).isEqualTo("x");
    assertThat(PyText.rstrip("x\u200B")).isEqualTo("x\u200B"); // zero-width space is not space
  }

  @Test
  void exampleWithoutCorrectReferenceShowsNa() {
    Instance noGold = Instance.of("t", "q", List.of(Reference.wrong("w")), Split.TRAIN);
    Instance eval = Instance.of("e", "z", List.of(Reference.correct("y")), Split.TEST);
    PromptFormat f = PromptFormat.defaults().toBuilder().maxTrainInstances(1).build();
    assertThat(RequestPlanner.plan(List.of(noGold, eval), f, "m").get(0).request().prompt())
        .isEqualTo("Input: q\nOutput: n/a\n\nInput: z\nOutput:");

    PromptFormat mc = f.toBuilder().method(PromptMethod.MULTIPLE_CHOICE_JOINT).build();
    assertThat(RequestPlanner.plan(List.of(noGold, eval), mc, "m").get(0).request().prompt())
        .isEqualTo("Input: q\nA. w\nOutput: n/a\n\nInput: z\nA. y\nOutput:");
  }

  @Test
  void referencePrefixLetterMayFollowPunctuation() {
    PromptFormat mc =
        PromptFormat.defaults().toBuilder()
            .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
            .referencePrefix("(a) ")
            .maxTrainInstances(0)
            .build();
    Instance q =
        Instance.of("id0", "x", List.of(Reference.correct("p"), Reference.wrong("q")), Split.TEST);
    RequestState state = RequestPlanner.plan(List.of(q), mc, "m").get(0);
    assertThat(state.request().prompt()).isEqualTo("Input: x\n(a) p\n(b) q\nOutput:");
    assertThat(state.outputMapping()).isEqualTo(Map.of("a", "p", "b", "q"));
  }

  @Test
  void eachTrainTrialDrawsItsOwnExamplesAndRepeatsEveryEvalInstance() {
    PromptFormat f = GENERATION.toBuilder().numTrainTrials(3).build();
    List<RequestState> states = RequestPlanner.plan(instances(10, 2), f, "m");

    assertThat(states).extracting(RequestState::trainTrialIndex).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(states)
        .extracting(s -> s.instance().id())
        .containsExactly("test0", "test1", "test0", "test1", "test0", "test1");
    // Same examples within a trial: the prompts differ only in the eval block.
    String head0 = states.get(0).request().prompt().replace("q-test0", "");
    assertThat(states.get(1).request().prompt().replace("q-test1", "")).isEqualTo(head0);
    assertThat(states.get(2).request().prompt()).isNotEqualTo(states.get(0).request().prompt());
  }

  @Test
  void zeroExamplesMeansOneTrial() {
    PromptFormat f = GENERATION.toBuilder().maxTrainInstances(0).numTrainTrials(3).build();
    List<RequestState> states = RequestPlanner.plan(instances(5, 2), f, "m");
    assertThat(states).hasSize(2).allMatch(s -> s.trainTrialIndex() == 0);
    assertThat(states).allMatch(s -> s.numTrainInstances() == 0);
  }

  @Test
  void evalInstancesAreDownSampledWithNumpySeedZeroInChosenOrder() {
    List<Instance> all = new ArrayList<>(instances(3, 0));
    for (int i = 0; i < 20; i++) {
      all.add(Instance.of("id" + i, "q" + i, List.of(Reference.correct("a")), Split.TEST));
    }
    PromptFormat f = GENERATION.toBuilder().maxEvalInstances(5).build();

    assertThat(RequestPlanner.plan(all, f, "m"))
        .extracting(s -> s.instance().id())
        .containsExactly("id18", "id1", "id19", "id8", "id10");
    assertThat(RequestPlanner.selectEvalInstances(all, 20)).hasSize(20);
    assertThat(RequestPlanner.selectEvalInstances(all, null)).hasSize(20);
  }

  @Test
  void perturbedCopiesFollowTheirSampledOriginal() {
    PerturbationDescription typos = new PerturbationDescription("typos", true, false, null);
    List<Instance> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Instance original =
          Instance.of("id" + i, "q" + i, List.of(Reference.correct("a")), Split.TEST);
      all.add(original);
      all.add(
          new Instance("id" + i, "q" + i + "!", original.references(), Split.TEST, null, typos));
    }

    List<Instance> chosen = RequestPlanner.selectEvalInstances(all, 2);

    assertThat(chosen).extracting(Instance::id).containsExactly("id18", "id18", "id1", "id1");
    assertThat(chosen.get(0).perturbation()).isNull();
    assertThat(chosen.get(1).perturbation()).isEqualTo(typos);
  }

  @Test
  void validInstancesAreEvaluatedToo() {
    List<Instance> all =
        List.of(
            Instance.of("v", "qv", List.of(Reference.correct("a")), Split.VALID),
            Instance.of("t", "qt", List.of(Reference.correct("a")), Split.TEST));
    assertThat(RequestPlanner.plan(all, GENERATION, "m"))
        .extracting(s -> s.instance().id())
        .containsExactly("v", "t");
  }

  /** {@code train} train instances then {@code test} test instances, one correct reference each. */
  private static List<Instance> instances(int train, int test) {
    List<Instance> result = new ArrayList<>();
    for (int i = 0; i < train; i++) {
      result.add(
          Instance.of(
              "train" + i, "q-train" + i, List.of(Reference.correct("a-train" + i)), Split.TRAIN));
    }
    for (int i = 0; i < test; i++) {
      result.add(
          Instance.of(
              "test" + i, "q-test" + i, List.of(Reference.correct("a-test" + i)), Split.TEST));
    }
    return result;
  }
}
