package dev.prism.adapters.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.UsesApiKey;
import dev.prism.adapters.openai.OpenAiAdapter;
import dev.prism.core.Deployment;
import dev.prism.core.Request;
import dev.prism.core.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * OpenAI's chat API through langchain4j's {@code OpenAiChatModel} (kind {@code
 * langchain4j-openai}); also any server that speaks that protocol. Options as for kind {@code
 * openai} with {@code api: chat}: {@code base_url} (default {@code https://api.openai.com/v1}),
 * {@code api_key_env} (default {@code OPENAI_API_KEY}) or {@code api_key_file}, {@code logprobs}
 * (default {@code true}: each generated token's log-probability and, when the request asks for more
 * than one, its top alternatives, up to 20), {@code seed}, {@code stream}, and the common ones of
 * {@link LangChain4jAdapter} ({@code read_timeout_s} is the connect timeout too: langchain4j's
 * OpenAI client takes one timeout for both). No legacy completions API, so no echoed prompt
 * log-probabilities; streamed responses carry no log-probabilities through langchain4j.
 */
public final class OpenAiLangChain4jAdapter extends LangChain4jAdapter implements UsesApiKey {
  /** OpenAI accepts at most 20 top log-probabilities per token. */
  static final int MAX_TOP_LOGPROBS = 20;

  /** Reads API keys from the process environment. */
  public OpenAiLangChain4jAdapter() {
    this(System::getenv);
  }

  /** Reads API keys from {@code env} (tests pass a map). */
  public OpenAiLangChain4jAdapter(UnaryOperator<String> env) {
    super(env);
  }

  @Override
  String provider() {
    return "openai";
  }

  @Override
  public String description() {
    return "OpenAI chat API via langchain4j (logprobs, streaming; no echo)";
  }

  @Override
  String defaultBaseUrl() {
    return OpenAiAdapter.BASE_URL;
  }

  @Override
  public String defaultKeyVariable() {
    return OpenAiAdapter.KEY_VARIABLE;
  }

  @Override
  boolean takesSeed() {
    return true;
  }

  private static boolean logprobs(Deployment d) {
    return DeploymentOptions.bool(d, DeploymentOptions.LOGPROBS, true) && !stream(d);
  }

  @Override
  public Set<Capability> capabilities(Deployment d) {
    Set<Capability> c = super.capabilities(d);
    if (logprobs(d)) {
      c.add(Capability.LOGPROBS);
      c.add(Capability.TOP_LOGPROBS);
    }
    return c;
  }

  @Override
  ChatModel chatModel(Connection c) {
    return OpenAiChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl())
        .apiKey(c.apiKey())
        .modelName(c.model())
        .seed(c.seed().orElse(null))
        // Its 'timeout' (default 60 s) overrides the HTTP client's read and connect timeouts.
        .timeout(c.readTimeout())
        .maxRetries(0)
        .build();
  }

  @Override
  StreamingChatModel streamingChatModel(Connection c) {
    return OpenAiStreamingChatModel.builder()
        .httpClientBuilder(c.http())
        .baseUrl(c.baseUrl())
        .apiKey(c.apiKey())
        .modelName(c.model())
        .seed(c.seed().orElse(null))
        .timeout(c.readTimeout())
        .build();
  }

  @Override
  ChatRequestParameters parameters(Request r, Connection c) {
    OpenAiChatRequestParameters.Builder p =
        OpenAiChatRequestParameters.builder()
            .temperature(r.temperature())
            .maxOutputTokens(r.maxTokens())
            .stopSequences(r.stopSequences());
    if (logprobs(c.deployment())) {
      p.logprobs(true);
      if (r.topKPerToken() > 1) {
        p.topLogprobs(Math.min(r.topKPerToken(), MAX_TOP_LOGPROBS));
      }
    }
    return p.build();
  }

  @Override
  List<Token> tokens(ChatResponse response, Connection c) {
    if (!logprobs(c.deployment())
        || !(response.metadata() instanceof OpenAiChatResponseMetadata m)
        || m.logProbs() == null) {
      return List.of();
    }
    List<Token> tokens = new ArrayList<>();
    for (LogProb p : m.logProbs()) {
      Map<String, Double> top = new LinkedHashMap<>();
      if (p.topLogprobs() != null) {
        for (LogProb alt : p.topLogprobs()) {
          if (alt.token() != null && alt.logprob() != null) {
            top.putIfAbsent(alt.token(), alt.logprob());
          }
        }
      }
      tokens.add(
          new Token(
              p.token() == null ? "" : p.token(), p.logprob() == null ? 0 : p.logprob(), top));
    }
    return tokens;
  }
}
