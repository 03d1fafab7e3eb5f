package dev.prism.adapters.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.prism.adapters.UsesApiKey;
import dev.prism.adapters.gemini.GeminiAdapter;
import dev.prism.adapters.http.CallFailure;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Google's Gemini API through langchain4j's {@code GoogleAiGeminiChatModel} (kind {@code
 * langchain4j-gemini}). Options as for kind {@code gemini}: {@code base_url} (default {@code
 * https://generativelanguage.googleapis.com}; {@code /v1beta} is added), {@code api_key_env}
 * (default {@code GEMINI_API_KEY}) or {@code api_key_file}, {@code seed}, {@code stream}, and the
 * common ones of {@link LangChain4jAdapter}. langchain4j's Gemini responses expose no
 * log-probabilities, so none are declared (the own {@code gemini} kind has them). At most 5 stop
 * sequences are sent (the API's limit); the rest are applied to the text afterwards. An invalid key
 * (HTTP 400 {@code API_KEY_INVALID}) is an auth error, as for the own client.
 */
public final class GeminiLangChain4jAdapter extends LangChain4jAdapter implements UsesApiKey {
  private static final int MAX_STOPS = 5;

  /** Reads API keys from the process environment. */
  public GeminiLangChain4jAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public GeminiLangChain4jAdapter(UnaryOperator<String> env) {
    super(env);
  }

  @Override
  String provider() {
    return "gemini";
  }

  @Override
  public String description() {
    return "Google Gemini API via langchain4j (chat only, no logprobs)";
  }

  @Override
  String defaultBaseUrl() {
    return GeminiAdapter.BASE_URL;
  }

  @Override
  public String defaultKeyVariable() {
    return GeminiAdapter.KEY_VARIABLE;
  }

  @Override
  boolean takesSeed() {
    return true;
  }

  private static String model(Connection c) {
    return c.model().startsWith("models/") ? c.model().substring(7) : c.model();
  }

  @Override
  ChatModel chatModel(Connection c) {
    return GoogleAiGeminiChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl() + "/v1beta")
        .apiKey(c.apiKey())
        .modelName(model(c))
        .seed(c.seed().orElse(null))
        .maxRetries(0)
        .build();
  }

  @Override
  StreamingChatModel streamingChatModel(Connection c) {
    return GoogleAiGeminiStreamingChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl() + "/v1beta")
        .apiKey(c.apiKey())
        .modelName(model(c))
        .seed(c.seed().orElse(null))
        .build();
  }

  @Override
  List<String> stops(List<String> stops) {
    return stops.stream().limit(MAX_STOPS).toList();
  }

  @Override
  CallFailure failure(CallFailure f) {
    return GeminiAdapter.invalidKeyAsAuth(f);
  }
}
