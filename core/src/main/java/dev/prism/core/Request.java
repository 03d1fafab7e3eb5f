package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * One model call, HELM's {@code Request}. Two equal requests to the same deployment are
 * interchangeable, which is what makes the request cache sound.
 *
 * @param deployment deployment name, {@code org/name}
 * @param prompt the full prompt text
 * @param temperature sampling temperature
 * @param numCompletions number of completions wanted
 * @param topKPerToken number of top log-probabilities wanted per token
 * @param maxTokens maximum output tokens
 * @param stopSequences stop sequences; copied
 * @param echoPrompt whether the prompt is echoed with its log-probabilities
 * @param random optional cache-busting seed (HELM's {@code random}); may be {@code null}
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
    String random) {
  public Request {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(prompt, "prompt");
    stopSequences = List.copyOf(stopSequences);
  }
}
