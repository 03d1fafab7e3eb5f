package dev.prism.adapters.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.prism.core.ChatMessage;
import dev.prism.core.ErrorKind;
import dev.prism.core.Request;
import java.util.List;

/**
 * A request as the turns of a chat, for the chat APIs: its messages (prompt method {@code chat}),
 * or its prompt as one user turn, with a leading system message apart for the APIs that take the
 * system prompt in a field of its own (Anthropic's {@code system}, Gemini's {@code
 * system_instruction}), as HELM's clients do.
 *
 * @param system the leading system message's content, or {@code null}
 * @param turns the other messages, in order
 */
public record ChatTurns(String system, List<ChatMessage> turns) {
  public ChatTurns {
    turns = List.copyOf(turns);
  }

  /** The request's system prompt (its first message, if a system message) and other turns. */
  public static ChatTurns of(Request r) {
    if (!r.isChat()) {
      return new ChatTurns(null, List.of(ChatMessage.user(r.prompt())));
    }
    List<ChatMessage> m = r.messages();
    return m.get(0).role() == ChatMessage.Role.SYSTEM
        ? new ChatTurns(m.get(0).content(), m.subList(1, m.size()))
        : new ChatTurns(null, m);
  }

  /**
   * Appends the request's messages, system message included, as OpenAI-style {@code {"role",
   * "content"}} objects (OpenAI, vLLM and Ollama's {@code /api/chat} take them as HELM writes
   * them); a prompt becomes one user message.
   */
  public static void writeRoleContent(Request r, ArrayNode messages) {
    List<ChatMessage> all = r.isChat() ? r.messages() : List.of(ChatMessage.user(r.prompt()));
    for (ChatMessage m : all) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
  }

  /**
   * Fails a chat request on an API that takes one raw prompt (a completions endpoint), saying which
   * option makes the deployment a chat one.
   */
  public static void rejectMessages(Request r, String who, String fix) throws CallFailure {
    if (r.isChat()) {
      throw new CallFailure(
          ErrorKind.INVALID_REQUEST,
          who
              + " takes a raw prompt, not chat messages (capability CHAT; prompt method chat): "
              + fix);
    }
  }
}
