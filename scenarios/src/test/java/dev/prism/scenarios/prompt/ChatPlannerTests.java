package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt method {@code chat}, HELM's {@code ChatAdapter}. */
class ChatPlannerTests {
  private static final List<ChatMessage> TURNS =
      List.of(
          ChatMessage.system("Answer in one word."),
          ChatMessage.user("Capital of France?"),
          ChatMessage.assistant("Paris"),
          ChatMessage.user("And of Italy?"));

  /** Everything that is not the method, instructions and examples included, set on purpose. */
  private static final PromptFormat CHAT =
      PromptFormat.defaults().toBuilder()
          .method(PromptMethod.CHAT)
          .instructions("Ignored by HELM's chat adapter.")
          .globalPrefix("ignored")
          .maxTrainInstances(2)
          .numTrainTrials(3)
          .numOutputs(2)
          .temperature(0.3)
          .maxTokens(50)
          .stopSequences(List.of("###"))
          .build();

  private static Instance chat(String id, Split split, List<ChatMessage> messages) {
    return new Instance(id, "", List.of(Reference.correct("Rome")), split, null, null, messages);
  }

  @Test
  void eachEvalInstanceSendsItsMessagesAsTheyAreInOneTrial() {
    List<Instance> instances =
        List.of(
            chat("train0", Split.TRAIN, List.of(ChatMessage.user("example"))),
            chat("test0", Split.TEST, TURNS),
            chat("valid0", Split.VALID, List.of(ChatMessage.user("Hi"))));

    List<RequestState> states = RequestPlanner.plan(instances, CHAT, "acme/chat");

    assertThat(states).extracting(s -> s.instance().id()).containsExactly("test0", "valid0");
    RequestState first = states.get(0);
    Request r = first.request();
    assertThat(r.messages()).isEqualTo(TURNS);
    assertThat(r.prompt()).isEmpty();
    assertThat(r.deployment()).isEqualTo("acme/chat");
    assertThat(r.temperature()).isEqualTo(0.3);
    assertThat(r.numCompletions()).isEqualTo(2);
    assertThat(r.topKPerToken()).isEqualTo(1);
    assertThat(r.maxTokens()).isEqualTo(50);
    assertThat(r.stopSequences()).containsExactly("###");
    assertThat(r.echoPrompt()).isFalse();
    assertThat(r.random()).isNull();
    assertThat(first.trainTrialIndex()).isZero();
    assertThat(first.numTrainInstances()).isZero();
    assertThat(first.promptTruncated()).isFalse();
    assertThat(first.referenceIndex()).isNull();
    assertThat(first.requestMode()).isNull();
    assertThat(first.outputMapping()).isEmpty();
  }

  @Test
  void aContextWindowDoesNotCutMessages() {
    List<Instance> instances = List.of(chat("test0", Split.TEST, TURNS));
    PromptTokenizer words =
        PromptTokenizer.of(
            s -> s.isBlank() ? 0 : s.strip().split("\\s+").length,
            (s, n) -> s.substring(0, Math.min(s.length(), n)));

    List<RequestState> states = RequestPlanner.plan(instances, CHAT, "acme/chat", words, 5);

    assertThat(states.get(0).request().messages()).isEqualTo(TURNS);
  }

  @Test
  void evalInstancesAreDownSampledAsForEveryMethod() {
    List<Instance> instances =
        List.of(
            chat("a", Split.TEST, TURNS),
            chat("b", Split.TEST, TURNS),
            chat("c", Split.TEST, TURNS));
    PromptFormat two = CHAT.toBuilder().maxEvalInstances(2).build();

    assertThat(RequestPlanner.plan(instances, two, "m"))
        .extracting(s -> s.instance().id())
        .containsExactlyElementsOf(
            RequestPlanner.selectEvalInstances(instances, 2).stream().map(Instance::id).toList());
  }

  @Test
  void anEvalInstanceWithoutMessagesIsAUserError() {
    List<Instance> instances =
        List.of(Instance.of("q7", "plain text", List.of(Reference.correct("x")), Split.TEST));

    assertThatThrownBy(() -> RequestPlanner.plan(instances, CHAT, "m"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("instance 'q7' has no chat messages, which prompt method chat sends")
        .extracting(e -> ((PrismUserException) e).hint())
        .asString()
        .contains("input.messages");
  }

  @Test
  void theLastMessageMustBeTheUsers() {
    List<Instance> instances =
        List.of(
            chat(
                "q1", Split.TEST, List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"))));

    assertThatThrownBy(() -> RequestPlanner.plan(instances, CHAT, "m"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("instance 'q1': the last message is from the assistant, not the user");
  }

  @Test
  void aSystemMessageMayOnlyComeFirst() {
    List<Instance> instances =
        List.of(
            chat(
                "q2",
                Split.TEST,
                List.of(
                    ChatMessage.user("Hi"), ChatMessage.system("late"), ChatMessage.user("?"))));

    assertThatThrownBy(() -> RequestPlanner.plan(instances, CHAT, "m"))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("instance 'q2': message 1 is a system message; only the first may be");
  }

  @Test
  void trainInstancesNeedNoMessages() {
    List<Instance> instances =
        List.of(
            Instance.of("t", "no messages", List.of(), Split.TRAIN), chat("e", Split.TEST, TURNS));

    assertThat(RequestPlanner.plan(instances, CHAT, "m")).hasSize(1);
  }
}
