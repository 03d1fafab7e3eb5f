package dev.prism.adapters.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.UsesApiKey;
import dev.prism.adapters.anthropic.AnthropicAdapter;
import dev.prism.core.Usage;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Anthropic's Messages API through langchain4j's {@code AnthropicChatModel} (kind {@code
 * langchain4j-anthropic}). Options as for kind {@code anthropic}: {@code base_url} (default {@code
 * https://api.anthropic.com}; {@code /v1/messages} is added), {@code api_key_env} (default {@code
 * ANTHROPIC_API_KEY}) or {@code api_key_file}, {@code anthropic_version} (default {@code
 * 2023-06-01}), {@code system}, {@code stream}, and the common ones of {@link LangChain4jAdapter}.
 * No log-probabilities, no seed. Whitespace-only stop sequences, which the API rejects, are applied
 * to the text afterwards; cache reads and writes count as input tokens, as for the own client.
 */
public final class AnthropicLangChain4jAdapter extends LangChain4jAdapter implements UsesApiKey {
  /** Reads API keys from the process environment. */
  public AnthropicLangChain4jAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public AnthropicLangChain4jAdapter(UnaryOperator<String> env) {
    super(env);
  }

  @Override
  String provider() {
    return "anthropic";
  }

  @Override
  public String description() {
    return "Anthropic Messages API via langchain4j (chat only, no logprobs)";
  }

  @Override
  String defaultBaseUrl() {
    return AnthropicAdapter.BASE_URL;
  }

  @Override
  public String defaultKeyVariable() {
    return AnthropicAdapter.KEY_VARIABLE;
  }

  @Override
  boolean takesSeed() {
    return false;
  }

  private static String version(Connection c) {
    return DeploymentOptions.string(c.deployment(), "anthropic_version").orElse("2023-06-01");
  }

  @Override
  ChatModel chatModel(Connection c) {
    return AnthropicChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl() + "/v1/")
        .apiKey(c.apiKey())
        .version(version(c))
        .modelName(c.model())
        .maxRetries(0)
        .build();
  }

  @Override
  StreamingChatModel streamingChatModel(Connection c) {
    return AnthropicStreamingChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl() + "/v1/")
        .apiKey(c.apiKey())
        .version(version(c))
        .modelName(c.model())
        .build();
  }

  @Override
  List<String> stops(List<String> stops) {
    return stops.stream().filter(s -> !s.isBlank()).toList();
  }

  @Override
  Usage usage(TokenUsage u) {
    Usage base = super.usage(u);
    if (base == null || !(u instanceof AnthropicTokenUsage a)) {
      return base;
    }
    int cached = count(a.cacheCreationInputTokens()) + count(a.cacheReadInputTokens());
    return new Usage(base.promptTokens() + cached, base.completionTokens());
  }
}
