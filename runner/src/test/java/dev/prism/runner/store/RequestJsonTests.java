package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.ChatMessage;
import dev.prism.core.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical request JSON behind the request cache's keys. */
class RequestJsonTests {
  @Test
  void aPromptRequestsKeyIsAsBeforeChatSoExistingCachesStayValid() {
    Request r = new Request("acme/m", "Q: 2+2?\nA:", 0.0, 1, 1, 5, List.of("\n"), false, null);

    // Pinned: a change here would orphan every request_cache row written so far.
    assertThat(Json.request(r))
        .isEqualTo(
            "{\"echo_prompt\":false,\"max_tokens\":5,\"model_deployment\":\"acme/m\","
                + "\"num_completions\":1,\"prompt\":\"Q: 2+2?\\nA:\",\"stop_sequences\":[\"\\n\"],"
                + "\"temperature\":0.0,\"top_k_per_token\":1}");
    assertThat(Json.params(r)).doesNotContain("messages");
  }

  @Test
  void chatMessagesArePartOfTheKeyInCanonicalForm() {
    Request a = chat(ChatMessage.system("Be terse."), ChatMessage.user("2+2?"));
    Request b = chat(ChatMessage.user("2+2?"));

    assertThat(Json.params(a))
        .contains(
            "\"messages\":[{\"content\":\"Be terse.\",\"role\":\"system\"},"
                + "{\"content\":\"2+2?\",\"role\":\"user\"}]");
    assertThat(Json.sha256(Json.request(a)))
        .isNotEqualTo(Json.sha256(Json.request(b)))
        .isEqualTo(Json.sha256(Json.request(chat(a.messages().toArray(ChatMessage[]::new)))));
  }

  private static Request chat(ChatMessage... messages) {
    return new Request("acme/m", "", 0.0, 1, 1, 5, List.of(), false, null, List.of(messages));
  }
}
