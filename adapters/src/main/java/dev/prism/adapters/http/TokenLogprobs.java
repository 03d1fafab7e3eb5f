package dev.prism.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Completion;
import dev.prism.core.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token log-probabilities in the shape OpenAI's chat API ({@code choices[].logprobs.content}) and
 * Ollama ({@code logprobs}, since 0.12.11) both return: an array of {@code {token, logprob, bytes,
 * top_logprobs: [{token, logprob, bytes}]}}. Stateless.
 */
public final class TokenLogprobs {
  private TokenLogprobs() {}

  /**
   * The tokens of such an array (empty when it is absent or null), each with its top alternatives
   * in the order given (most likely first); a repeated alternative keeps its first value.
   */
  public static List<Token> parse(JsonNode entries) {
    List<Token> tokens = new ArrayList<>();
    if (entries.isArray()) {
      for (JsonNode t : entries) {
        String text = Json.text(t, "token");
        Map<String, Double> top = new LinkedHashMap<>();
        for (JsonNode alt : t.path("top_logprobs")) {
          String alternative = Json.text(alt, "token");
          if (alternative != null) {
            top.putIfAbsent(alternative, Json.number(alt, "logprob"));
          }
        }
        tokens.add(new Token(text == null ? "" : text, Json.number(t, "logprob"), top));
      }
    }
    return tokens;
  }

  /** A completion whose total log-probability is the sum of its tokens' (0 without tokens). */
  public static Completion completion(String text, List<Token> tokens, String finishReason) {
    double logprob = 0;
    for (Token t : tokens) {
      logprob += t.logprob();
    }
    return new Completion(text, logprob, tokens, finishReason);
  }
}
