package dev.prism.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessageTests {
  private static Request chat(List<ChatMessage> messages) {
    return new Request("d/m", "", 0, 1, 1, 10, List.of(), false, null, messages);
  }

  @Test
  void rolesRoundTripTheirWireNames() {
    for (ChatMessage.Role role : ChatMessage.Role.values()) {
      assertThat(ChatMessage.Role.fromWireName(role.wireName())).isEqualTo(role);
    }
    assertThat(ChatMessage.system("s").role().wireName()).isEqualTo("system");
    assertThatThrownBy(() -> ChatMessage.Role.fromWireName("model"))
        .hasMessage("unknown role 'model' (expected system, user or assistant)");
  }

  @Test
  void aPromptRequestHasNoMessagesAndEqualsItsLongForm() {
    Request shortForm = new Request("d/m", "Hi", 0, 1, 1, 10, List.of(), false, null);
    assertThat(shortForm.messages()).isEmpty();
    assertThat(shortForm.isChat()).isFalse();
    assertThat(shortForm)
        .isEqualTo(new Request("d/m", "Hi", 0, 1, 1, 10, List.of(), false, null, List.of()));
  }

  @Test
  void messagesArePartOfARequestsIdentity() {
    Request a = chat(List.of(ChatMessage.user("2+2?")));
    Request b = chat(List.of(ChatMessage.user("2+3?")));
    Request c = chat(List.of(ChatMessage.system("Be terse."), ChatMessage.user("2+2?")));
    assertThat(a.isChat()).isTrue();
    assertThat(a).isEqualTo(chat(List.of(ChatMessage.user("2+2?")))).isNotEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(a.hashCode()).isEqualTo(chat(List.of(ChatMessage.user("2+2?"))).hashCode());
  }

  @Test
  void aRequestHasAPromptOrMessagesNotBoth() {
    List<ChatMessage> m = List.of(ChatMessage.user("x"));
    assertThatThrownBy(() -> new Request("d/m", "p", 0, 1, 1, 1, List.of(), false, null, m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a request has a prompt or messages, not both");
    assertThatThrownBy(() -> new Request("d/m", "", 0, 1, 1, 0, List.of(), true, null, m))
        .hasMessage("chat messages cannot be echoed");
  }

  @Test
  void promptTokensCountThePromptOrEveryMessageContent() {
    Request prompt = new Request("d/m", "a b c", 0, 1, 1, 10, List.of(), false, null);
    Request chat =
        chat(
            List.of(
                ChatMessage.system("one two"),
                ChatMessage.user("three"),
                ChatMessage.assistant("four five six"),
                ChatMessage.user("seven")));
    assertThat(prompt.promptTokens(s -> s.split(" ").length)).isEqualTo(3);
    assertThat(chat.promptTokens(s -> s.split(" ").length)).isEqualTo(7);
  }

  @Test
  void copiesOfAnInstanceKeepItsMessages() {
    List<ChatMessage> m = List.of(ChatMessage.user("Capital of France?"));
    Instance i =
        new Instance("id0", "", List.of(Reference.correct("Paris")), Split.TEST, "geo", null, m);
    PerturbationDescription typos = new PerturbationDescription("typos", true, false, null);

    Instance perturbed = i.perturbed("x", List.of(Reference.correct("P")), typos);

    assertThat(i.withId("id9").messages()).isEqualTo(m);
    assertThat(perturbed.messages()).isEqualTo(m);
    assertThat(perturbed.id()).isEqualTo("id0");
    assertThat(perturbed.subSplit()).isEqualTo("geo");
    assertThat(perturbed.input()).isEqualTo("x");
    assertThat(perturbed.perturbation()).isEqualTo(typos);
    assertThat(Instance.of("id1", "q", List.of(), Split.TEST).messages()).isEmpty();
  }
}
