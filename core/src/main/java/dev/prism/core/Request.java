package dev.prism.core;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * One model call, HELM's {@code Request}. Two equal requests to the same deployment are
 * interchangeable, which is what makes the request cache sound.
 *
 * <p>A request carries either a {@code prompt} or, for prompt method {@code chat}, a list of chat
 * {@code messages} (then the prompt is empty, as HELM's {@code Request.validate} demands). Only
 * adapters with the chat capability can send messages.
 *
 * @param deployment deployment name, {@code org/name}
 * @param prompt the full prompt text; empty when {@code messages} are given
 * @param temperature sampling temperature
 * @param numCompletions number of completions wanted
 * @param topKPerToken number of top log-probabilities wanted per token
 * @param maxTokens maximum output tokens
 * @param stopSequences stop sequences; copied
 * @param echoPrompt whether the prompt is echoed with its log-probabilities
 * @param random optional cache-busting seed (HELM's {@code random}); may be {@code null}
 * @param messages the chat to continue (HELM's {@code messages}); empty for a prompt; copied
 * @throws IllegalArgumentException when both a prompt and messages are given, or messages are
 *     echoed
 */
public record Request(
    String deployment,
    String prompt,
    double temperature,
    int numCompletions,
    int topKPerToken,
    int maxTokens,
    List<String> stopSequences,
    boolean echoPrompt,
    String random,
    List<ChatMessage> messages) {
  public Request {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(prompt, "prompt");
    stopSequences = List.copyOf(stopSequences);
    messages = List.copyOf(messages);
    if (!messages.isEmpty() && !prompt.isEmpty()) {
      throw new IllegalArgumentException("a request has a prompt or messages, not both");
    }
    if (!messages.isEmpty() && echoPrompt) {
      throw new IllegalArgumentException("chat messages cannot be echoed");
    }
  }

  /** A request for a prompt (no chat messages). */
  public Request(
      String deployment,
      String prompt,
      double temperature,
      int numCompletions,
      int topKPerToken,
      int maxTokens,
      List<String> stopSequences,
      boolean echoPrompt,
      String random) {
    this(
        deployment,
        prompt,
        temperature,
        numCompletions,
        topKPerToken,
        maxTokens,
        stopSequences,
        echoPrompt,
        random,
        List.of());
  }

  /** Whether this request sends chat messages rather than a prompt. */
  public boolean isChat() {
    return !messages.isEmpty();
  }

  /**
   * The tokens this request sends as counted by {@code count}: the prompt's, or for a chat the sum
   * over the message contents (the role markers a server's chat template adds are not counted: they
   * depend on the template).
   */
  public int promptTokens(ToIntFunction<String> count) {
    if (messages.isEmpty()) {
      return count.applyAsInt(prompt);
    }
    int total = 0;
    for (ChatMessage m : messages) {
      total += count.applyAsInt(m.content());
    }
    return total;
  }
}
