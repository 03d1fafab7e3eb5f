package dev.prism.adapters.http;

import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.List;
import mockwebserver3.MockResponse;

/** Request states and responses shared by the HTTP adapter tests. */
public final class Fixtures {
  /** The fake API key; tests assert that it never shows up anywhere. */
  public static final String FAKE_KEY = "sk-test-SECRET-0123456789abcdef";

  private Fixtures() {}

  public static RequestState state(Request r) {
    Instance i = Instance.of("id0", "input", List.of(Reference.correct("x")), Split.TEST);
    return new RequestState(i, 0, null, null, r, java.util.Map.of(), 0, false);
  }

  public static Request request(String prompt, int maxTokens, List<String> stops) {
    return new Request("t/x", prompt, 0.0, 1, 1, maxTokens, stops, false, null);
  }

  /** A system prompt, a finished exchange and the user's next turn. */
  public static final List<ChatMessage> TURNS =
      List.of(
          ChatMessage.system("Answer in one word."),
          ChatMessage.user("Capital of France?"),
          ChatMessage.assistant("Paris"),
          ChatMessage.user("And of Italy?"));

  /** A chat request (prompt method chat) for {@code messages}: 10 tokens at temperature 0. */
  public static Request chat(List<ChatMessage> messages) {
    return new Request("t/x", "", 0.0, 1, 1, 10, List.of(), false, null, messages);
  }

  public static Request echo(String prompt) {
    return new Request("t/x", prompt, 0.0, 1, 1, 0, List.of(), true, null);
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
