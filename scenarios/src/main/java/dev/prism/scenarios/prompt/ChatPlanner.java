package dev.prism.scenarios.prompt;

import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code ChatAdapter}: each eval instance's {@code messages} are sent as they are, one
 * request per instance, with the format's {@code num_outputs}, {@code temperature}, {@code
 * max_tokens} and {@code stop_sequences}. Nothing else of the format is used: no instructions,
 * prefixes or in-context examples (HELM's adapter ignores them, and so does Prism: a system prompt
 * is the first message), no context-window fitting, and one train trial, since every trial would
 * send the same requests.
 *
 * <p>The messages are checked before anything is sent, so a bad file fails the run at once (exit 2)
 * rather than call by call: every eval instance needs messages (HELM raises {@code ValueError}
 * otherwise), the last one from the user (HELM's OpenAI client demands it; a chat model answers the
 * user), and a system message only first (the Anthropic and Gemini APIs take one system prompt,
 * apart from the turns).
 */
final class ChatPlanner {
  private ChatPlanner() {}

  static List<RequestState> plan(List<Instance> eval, PromptFormat format, String deployment) {
    List<RequestState> states = new ArrayList<>(eval.size());
    for (Instance instance : eval) {
      check(instance);
      Request request =
          new Request(
              deployment,
              "",
              format.temperature(),
              format.numOutputs(),
              1,
              format.maxTokens(),
              format.stopSequences(),
              false,
              null,
              instance.messages());
      states.add(new RequestState(instance, 0, null, null, request, Map.of(), 0, false));
    }
    return List.copyOf(states);
  }

  private static void check(Instance instance) {
    String who = "instance '" + instance.id() + "'";
    List<ChatMessage> messages = instance.messages();
    if (messages.isEmpty()) {
      throw new PrismUserException(
          who + " has no chat messages, which prompt method chat sends",
          "Give every instance 'input.messages' ([{\"role\": \"user\", \"content\": \"...\"}]),"
              + " or use method generation");
    }
    for (int i = 1; i < messages.size(); i++) {
      if (messages.get(i).role() == ChatMessage.Role.SYSTEM) {
        throw new PrismUserException(
            who + ": message " + i + " is a system message; only the first may be",
            "Merge the system prompts into the first message");
      }
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.role() != ChatMessage.Role.USER) {
      throw new PrismUserException(
          who + ": the last message is from the " + last.role().wireName() + ", not the user",
          "End every chat with the user's turn, which the model answers");
    }
  }
}
