package dev.prism.adapters.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.prism.adapters.FirstTokenTimes;
import dev.prism.adapters.StreamingStats;
import dev.prism.adapters.http.CallFailure;
import dev.prism.adapters.http.ChatTurns;
import dev.prism.adapters.http.Endpoints;
import dev.prism.adapters.http.HttpErrors;
import dev.prism.adapters.langchain4j.LangChain4jAdapter.Connection;
import dev.prism.core.ChatMessage;
import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client for one deployment on the langchain4j route. A blocking call runs on a worker thread so
 * that the caller can enforce {@code call_timeout_s} and be interrupted (both cancel the call); a
 * streamed call is asynchronous in langchain4j already, and the deadline abandons it. A stream
 * without a finish reason is a truncated response; a stream that langchain4j never finishes (its
 * Anthropic and Ollama models, when the server closes a stream early) ends at the deadline, as a
 * timeout. Failures are classified by {@link Failures}. Thread-safe.
 */
final class LangChain4jClient implements ModelClient, StreamingStats {
  /**
   * Starts one call; {@code firstToken} receives the {@link System#nanoTime()} of the first text.
   */
  @FunctionalInterface
  private interface Backend {
    Future<ChatResponse> start(ChatRequest request, AtomicLong firstToken);
  }

  private final LangChain4jAdapter adapter;
  private final Connection connection;
  private final Backend backend;
  private final Duration deadline;
  private final boolean streamed;
  private final ExecutorService workers;
  private final FirstTokenTimes ttft = new FirstTokenTimes();

  private LangChain4jClient(
      LangChain4jAdapter adapter,
      Connection connection,
      Duration deadline,
      boolean streamed,
      ExecutorService workers,
      Backend backend) {
    this.adapter = adapter;
    this.connection = connection;
    this.deadline = deadline;
    this.streamed = streamed;
    this.workers = workers;
    this.backend = backend;
  }

  static LangChain4jClient blocking(
      LangChain4jAdapter adapter, Connection c, ChatModel model, Duration deadline) {
    ExecutorService workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "prism-" + adapter.kind());
              t.setDaemon(true);
              return t;
            });
    return new LangChain4jClient(
        adapter,
        c,
        deadline,
        false,
        workers,
        (request, firstToken) -> workers.submit(() -> model.chat(request)));
  }

  static LangChain4jClient streaming(
      LangChain4jAdapter adapter, Connection c, StreamingChatModel model, Duration deadline) {
    return new LangChain4jClient(
        adapter,
        c,
        deadline,
        true,
        null,
        (request, firstToken) -> {
          CompletableFuture<ChatResponse> done = new CompletableFuture<>();
          try {
            model.chat(
                request,
                new StreamingChatResponseHandler() {
                  @Override
                  public void onPartialResponse(String text) {
                    if (text != null && !text.isEmpty()) {
                      firstToken.compareAndSet(-1, System.nanoTime());
                    }
                  }

                  @Override
                  public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                  }

                  @Override
                  public void onError(Throwable error) {
                    done.completeExceptionally(error);
                  }
                });
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
          return done;
        });
  }

  @Override
  public RequestResult complete(RequestState state) throws InterruptedException {
    Request r = state.request();
    long start = System.nanoTime();
    try {
      Endpoints.rejectEcho(r, connection.who());
      Endpoints.requireOutput(r, connection.who());
      ChatRequest request = request(r);
      List<Completion> out = Endpoints.perCompletion(r, () -> call(request));
      return RequestResult.success(out, seconds(start));
    } catch (CallFailure e) {
      return e.toResult(seconds(start));
    }
  }

  /** The request as langchain4j messages and parameters. */
  ChatRequest request(Request r) {
    ChatTurns chat = ChatTurns.of(r);
    List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
    String system =
        chat.system() != null
            ? chat.system()
            : connection.deployment().options().get(LangChain4jAdapter.SYSTEM);
    if (system != null && !system.isBlank()) {
      messages.add(SystemMessage.from(system));
    }
    for (ChatMessage m : chat.turns()) {
      messages.add(
          switch (m.role()) {
            case SYSTEM -> SystemMessage.from(m.content());
            case USER -> UserMessage.from(m.content());
            case ASSISTANT -> AiMessage.from(m.content());
          });
    }
    return ChatRequest.builder()
        .messages(messages)
        .parameters(adapter.parameters(r, connection))
        .build();
  }

  private Completion call(ChatRequest request) throws CallFailure, InterruptedException {
    AtomicLong firstToken = new AtomicLong(-1);
    long start = System.nanoTime();
    Future<ChatResponse> future = backend.start(request, firstToken);
    ChatResponse response;
    try {
      response = future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CallFailure(
          ErrorKind.TIMEOUT, connection.who() + ": call deadline (call_timeout_s) exceeded");
    } catch (ExecutionException e) {
      throw adapter.failure(Failures.classify(connection.who(), e.getCause(), connection.key()));
    }
    Double ttftSeconds = null;
    if (streamed && firstToken.get() >= 0) {
      ttftSeconds = (firstToken.get() - start) / 1e9;
      ttft.record(ttftSeconds);
    }
    return completion(response, ttftSeconds);
  }

  private Completion completion(ChatResponse response, Double ttftSeconds) throws CallFailure {
    AiMessage message = response == null ? null : response.aiMessage();
    if (message == null || (message.text() == null && response.finishReason() == null)) {
      throw HttpErrors.malformed(connection.who(), "no message text and no finish reason");
    }
    if (streamed && response.finishReason() == null) {
      // langchain4j's OpenAI and Gemini models complete a stream cut short as if it had ended.
      throw new CallFailure(
          ErrorKind.TRANSIENT,
          connection.who() + ": stream ended before its finish reason (truncated response)");
    }
    List<Token> tokens = adapter.tokens(response, connection);
    double logprob = 0;
    for (Token t : tokens) {
      logprob += t.logprob();
    }
    return new Completion(
        message.text() == null ? "" : message.text(),
        logprob,
        tokens,
        finishReason(response.finishReason()),
        adapter.usage(response.tokenUsage()),
        ttftSeconds);
  }

  /** langchain4j's finish reason in HELM's words ({@code stop}, {@code length}, ...). */
  static String finishReason(FinishReason reason) {
    return reason == null
        ? null
        : switch (reason) {
          case STOP -> "stop";
          case LENGTH -> "length";
          case CONTENT_FILTER -> "content_filter";
          case TOOL_EXECUTION -> "tool_calls";
          default -> reason.name().toLowerCase(Locale.ROOT);
        };
  }

  @Override
  public DoubleSummaryStatistics timeToFirstToken() {
    return ttft.snapshot();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "LangChain4jClient[" + connection.who() + (streamed ? ", streamed" : "") + "]";
  }
}
