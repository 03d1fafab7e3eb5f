package dev.prism.adapters.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.prism.adapters.ollama.OllamaAdapter;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Ollama's {@code /api/chat} through langchain4j-ollama 1.18.1 (kind {@code langchain4j-ollama}).
 * Options as for kind {@code ollama} with {@code api: chat}: {@code base_url} (default {@code
 * http://localhost:11434}), {@code api_key_env} (optional, for a proxy in front of Ollama; sent as
 * a bearer token), {@code seed}, {@code stream}, and the common ones of {@link LangChain4jAdapter}.
 * langchain4j-ollama has no log-probabilities and no raw prompts (the own {@code ollama} kind has
 * both).
 */
public final class OllamaLangChain4jAdapter extends LangChain4jAdapter {
  /** Reads API keys from the process environment. */
  public OllamaLangChain4jAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public OllamaLangChain4jAdapter(UnaryOperator<String> env) {
    super(env);
  }

  @Override
  String provider() {
    return "ollama";
  }

  @Override
  public String description() {
    return "Ollama /api/chat via langchain4j-ollama (chat only, no logprobs)";
  }

  @Override
  String defaultBaseUrl() {
    return OllamaAdapter.BASE_URL;
  }

  @Override
  boolean takesSeed() {
    return true;
  }

  private static Map<String, String> headers(Connection c) {
    return c.key() == null ? Map.of() : Map.of("Authorization", "Bearer " + c.apiKey());
  }

  @Override
  ChatModel chatModel(Connection c) {
    return OllamaChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl())
        .customHeaders(headers(c))
        .modelName(c.model())
        .seed(c.seed().orElse(null))
        .maxRetries(0)
        .build();
  }

  @Override
  StreamingChatModel streamingChatModel(Connection c) {
    return OllamaStreamingChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl())
        .customHeaders(headers(c))
        .modelName(c.model())
        .seed(c.seed().orElse(null))
        .build();
  }
}
