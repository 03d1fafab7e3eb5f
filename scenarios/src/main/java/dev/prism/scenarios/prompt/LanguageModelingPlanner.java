package dev.prism.scenarios.prompt;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code LanguageModelingAdapter} (the EleutherAI lm_perplexity windowing): each eval
 * instance's input is a document, encoded with the deployment's tokenizer and sent as echo requests
 * whose prompt log-probabilities score every document token exactly once. References are ignored.
 *
 * <ul>
 *   <li>The first window holds the first {@code maxSequenceLength} document tokens after the prefix
 *       token (if any); its conditioning tokens are the prefix token alone (1), or none (0).
 *   <li>Each further window predicts the next {@code min(remaining, maxRequest - 1)} tokens and is
 *       preceded by the tokens just before them, so that the window holds {@code maxRequest}
 *       tokens; those preceding tokens are its conditioning tokens, echoed but not scored.
 *   <li>{@code maxRequest} is the window's {@code maxRequestLength} minus the format's {@code
 *       max_tokens} (HELM: {@code min(max_request_length, max_sequence_and_generated_tokens_length
 *       - max_tokens)}; Prism's context window counts prompt and output).
 *   <li>A window whose decoded text re-encodes to more than {@code maxRequest} tokens loses
 *       predicted tokens at its end until it fits. A window cut inside a multi-byte character
 *       decodes to U+FFFD at its ends; those are stripped and the conditioning count corrected as
 *       HELM's {@code construct_language_modeling_prompt} does.
 * </ul>
 *
 * Requests: temperature 0, one completion, the format's {@code max_tokens} (0 in HELM's spec) and
 * stop sequences, echo on. All in train trial 0, with no in-context examples.
 *
 * <p>Two HELM bugs are fixed: the U+FFFD correction measures leading and trailing byte tokens
 * against the window's own token count rather than {@code maxRequest} (HELM's formula is only right
 * for full windows, and on a short last window scored nothing), and a window start before the
 * document start is clamped to it (Python's negative slice index would take tokens from the end).
 */
final class LanguageModelingPlanner {
  private static final char REPLACEMENT = '\uFFFD';

  private LanguageModelingPlanner() {}

  static List<RequestState> plan(
      List<Instance> eval, PromptFormat format, String deployment, TokenWindow window) {
    int maxRequest = window.maxRequestLength() - format.maxTokens();
    if (maxRequest < 2) {
      throw new PrismUserException(
          "language_modeling needs windows of at least 2 tokens, but deployment '"
              + deployment
              + "' allows "
              + maxRequest
              + " (max_request_length "
              + window.maxRequestLength()
              + " minus max_tokens "
              + format.maxTokens()
              + ")",
          "Use max_tokens=0 and a deployment with a larger context window");
    }
    List<RequestState> states = new ArrayList<>();
    for (Instance instance : eval) {
      new Document(instance, format, deployment, window, maxRequest).windows(states);
    }
    return List.copyOf(states);
  }

  /** A window's prompt text and how many of its leading tokens only condition. */
  private record Window(String text, int numConditioningTokens) {}

  private record Document(
      Instance instance,
      PromptFormat format,
      String deployment,
      TokenWindow window,
      int maxRequest) {

    void windows(List<RequestState> out) {
      PromptTokenizer tok = window.tokenizer();
      List<Integer> tokens = tok.encode(instance.input());
      String prefix = window.prefixToken();
      int first = Math.min(window.maxSequenceLength(), tokens.size());
      Window w = window(prefix, List.of(), tokens.subList(0, first));
      out.add(state(w.text(), prefix.isEmpty() ? 0 : 1));
      int predicted = first;
      while (predicted < tokens.size()) {
        int predLength = Math.min(tokens.size() - predicted, maxRequest - 1);
        int end = predicted + predLength;
        List<Integer> conditioning = tokens.subList(Math.max(0, end - maxRequest), predicted);
        w = window("", conditioning, tokens.subList(predicted, end));
        out.add(state(w.text(), w.numConditioningTokens()));
        predicted += predLength;
      }
    }

    /** HELM's {@code construct_language_modeling_prompt}. */
    private Window window(String prefix, List<Integer> conditioning, List<Integer> pred) {
      PromptTokenizer tok = window.tokenizer();
      // fits_tokens_within_context_window: drop predicted tokens until the text re-encodes to fit.
      String raw = prefix + tok.decode(concat(conditioning, pred));
      int length = length(prefix, raw);
      while (length > maxRequest) {
        int keep = pred.size() - (length - maxRequest);
        if (keep <= 0) {
          throw new IllegalStateException(
              "instance '"
                  + instance.id()
                  + "': no token of a language-modelling window fits after re-encoding");
        }
        pred = pred.subList(0, keep);
        raw = prefix + tok.decode(concat(conditioning, pred));
        length = length(prefix, raw);
      }
      String text = strip(raw, true, true);
      if (text.length() == raw.length()) {
        return new Window(text, conditioning.size());
      }
      int leading = length - length(prefix, strip(raw, true, false));
      int trailing = length - length(prefix, strip(raw, false, true));
      if (trailing >= pred.size()) {
        return new Window(text, length(prefix, text)); // nothing left to predict
      }
      if (leading >= conditioning.size()) {
        return new Window(text, 1); // no whole conditioning token: the first one conditions
      }
      return new Window(text, conditioning.size() - leading);
    }

    /** Tokens of a window's text; the prefix token counts as one, as the server reads it. */
    private int length(String prefix, String text) {
      return prefix.isEmpty()
          ? window.tokenizer().count(text)
          : 1 + window.tokenizer().count(text.substring(prefix.length()));
    }

    private RequestState state(String prompt, int numConditioningTokens) {
      Request request =
          new Request(
              deployment, prompt, 0, 1, 1, format.maxTokens(), format.stopSequences(), true, null);
      return new RequestState(
          instance, 0, null, null, request, Map.of(), 0, false, numConditioningTokens);
    }
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  /** Python's {@code strip("\ufffd")}, {@code lstrip} or {@code rstrip}. */
  private static String strip(String s, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && s.charAt(start) == REPLACEMENT) {
      start++;
    }
    while (right && end > start && s.charAt(end - 1) == REPLACEMENT) {
      end--;
    }
    return s.substring(start, end);
  }
}
