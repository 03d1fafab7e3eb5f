package dev.prism.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One turn of a chat: HELM's {@code {"role": ..., "content": ...}} message, as in {@code
 * Input.messages} and {@code Request.messages}.
 *
 * <pre>{@code
 * List<ChatMessage> messages =
 *     List.of(ChatMessage.system("Answer in one word."), ChatMessage.user("Capital of France?"));
 * }</pre>
 *
 * @param role who speaks
 * @param content the text of the turn, never {@code null}
 */
public record ChatMessage(Role role, String content) {
  /** Who speaks a turn; {@link #wireName()} is the role's name in HELM's and OpenAI's JSON. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** {@code system}, {@code user} or {@code assistant}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #wireName()}.
     *
     * @throws IllegalArgumentException naming the accepted roles
     */
    public static Role fromWireName(String name) {
      for (Role r : values()) {
        if (r.wireName().equals(name)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "unknown role '" + name + "' (expected system, user or assistant)");
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
