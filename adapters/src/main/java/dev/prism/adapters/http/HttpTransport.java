package dev.prism.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.CancellingThread;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One deployment's HTTP connection pool with hard timeouts. Interrupting the calling thread cancels
 * the call and throws {@link InterruptedException}: a {@link CancellingThread} (the run engine's
 * workers) makes the call on its own stack and cancels it when interrupted; any other thread hands
 * it to OkHttp's dispatcher and waits interruptibly, at the cost of a thread hop per call. OkHttp's
 * own silent retries are off; the runner owns retries. Thread-safe.
 *
 * <p>Timeouts come from the deployment options {@code connect_timeout_s} (default 10), {@code
 * read_timeout_s} (default 120) and {@code call_timeout_s} (default 600, the hard deadline of one
 * call including a streamed body).
 */
public final class HttpTransport implements AutoCloseable {
  /** Default connect timeout. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

  /** Default hard deadline of a call. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(600);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final OkHttpClient client;
  private final String who;
  private final ApiKey key;
  private final Function<String, Optional<Duration>> bodyRetry;

  /**
   * @param who how messages name the deployment, e.g. {@code "openai deployment 'openai/x'"}
   * @param key redacted from every message; may be {@code null}
   * @param bodyRetry reads a retry wait from an error body (Gemini); {@code s -> Optional.empty()}
   *     otherwise
   */
  public HttpTransport(
      Deployment deployment,
      String who,
      ApiKey key,
      Function<String, Optional<Duration>> bodyRetry) {
    this.who = who;
    this.key = key;
    this.bodyRetry = bodyRetry;
    Dispatcher dispatcher = new Dispatcher();
    // The runner bounds concurrency per deployment; do not queue behind OkHttp's default of 5.
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    this.client =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            // Keep a connection per request in flight alive; OkHttp's default of 5 idle
            // connections makes high-concurrency runs reconnect for most calls.
            .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .connectTimeout(
                DeploymentOptions.seconds(
                    deployment, DeploymentOptions.CONNECT_TIMEOUT_S, CONNECT_TIMEOUT))
            .readTimeout(
                DeploymentOptions.seconds(
                    deployment, DeploymentOptions.READ_TIMEOUT_S, READ_TIMEOUT))
            .writeTimeout(
                DeploymentOptions.seconds(
                    deployment, DeploymentOptions.READ_TIMEOUT_S, READ_TIMEOUT))
            .callTimeout(
                DeploymentOptions.seconds(
                    deployment, DeploymentOptions.CALL_TIMEOUT_S, CALL_TIMEOUT))
            .build();
  }

  /** Reads a successful (2xx) response. */
  @FunctionalInterface
  public interface ResponseReader<T> {
    /**
     * @param startNanos {@link System#nanoTime()} when the call was started
     */
    T read(Response response, long startNanos) throws IOException, CallFailure;
  }

  /** Reads a 2xx response body as one JSON document. */
  public static <T> ResponseReader<T> json(JsonReader<T> reader) {
    return (response, start) -> {
      ResponseBody body = response.body();
      String text = body.string();
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new MalformedBody(e.getOriginalMessage());
      }
      if (root == null || !root.isObject()) {
        throw new MalformedBody("expected a JSON object");
      }
      return reader.read(root);
    };
  }

  /** Turns a parsed JSON body into a value. */
  @FunctionalInterface
  public interface JsonReader<T> {
    T read(JsonNode root) throws CallFailure;
  }

  /** Thrown by readers for a body that is not what the protocol promises. */
  public static final class MalformedBody extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedBody(String problem) {
      super(problem);
    }
  }

  /** How messages name the deployment. */
  public String who() {
    return who;
  }

  /**
   * POSTs {@code body} as JSON and reads the response.
   *
   * @throws CallFailure classified, with the key redacted
   * @throws InterruptedException when the calling thread is interrupted (the call is cancelled)
   */
  public <T> T post(
      String url, JsonNode body, Map<String, String> headers, ResponseReader<T> reader)
      throws CallFailure, InterruptedException {
    Request.Builder rb =
        new Request.Builder().url(url).post(RequestBody.create(Json.write(body), JSON));
    headers.forEach(rb::header);
    Call call = client.newCall(rb.build());
    Outcome<T> outcome =
        Thread.currentThread() instanceof CancellingThread thread
            ? onThisThread(call, thread, reader)
            : onDispatcher(call, reader);
    if (outcome.failure != null) {
      throw outcome.failure;
    }
    return outcome.value;
  }

  private <T> Outcome<T> onThisThread(Call call, CancellingThread thread, ResponseReader<T> reader)
      throws InterruptedException, CallFailure {
    long start = System.nanoTime();
    CancellingThread.Registration cancelling = thread.cancelOnInterrupt(call::cancel);
    try {
      Response response;
      try {
        response = call.execute();
      } catch (IOException e) {
        throwIfCancelledByInterrupt(call);
        throw HttpErrors.fromIo(who, e, key);
      }
      Outcome<T> outcome = handle(response, start, reader);
      throwIfCancelledByInterrupt(call);
      return outcome;
    } finally {
      cancelling.close();
    }
  }

  /** Throws when the call was cancelled because this thread was interrupted. */
  private static void throwIfCancelledByInterrupt(Call call) throws InterruptedException {
    if (call.isCanceled() && Thread.interrupted()) {
      throw new InterruptedException("call cancelled");
    }
  }

  private <T> Outcome<T> onDispatcher(Call call, ResponseReader<T> reader)
      throws InterruptedException, CallFailure {
    CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
    long start = System.nanoTime();
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            future.complete(Outcome.failed(HttpErrors.fromIo(who, e, key)));
          }

          @Override
          public void onResponse(Call c, Response response) {
            future.complete(handle(response, start, reader));
          }
        });
    try {
      return future.get();
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    } catch (ExecutionException e) {
      throw new CallFailure(ErrorKind.FATAL, who + ": internal error: " + e.getCause());
    }
  }

  private <T> Outcome<T> handle(Response response, long start, ResponseReader<T> reader) {
    try (response) {
      if (!response.isSuccessful()) {
        String text = response.peekBody(MAX_ERROR_BODY).string();
        return Outcome.failed(
            HttpErrors.fromStatus(
                who, response.code(), response.headers(), text, key, bodyRetry.apply(text)));
      }
      return Outcome.ok(reader.read(response, start));
    } catch (CallFailure e) {
      // Readers quote the server (an error object in a 200 body, an error event in a stream),
      // and servers may quote the request's credentials.
      return Outcome.failed(new CallFailure(e.kind(), redact(e.getMessage())));
    } catch (MalformedBody e) {
      return Outcome.failed(HttpErrors.malformed(who, redact(e.getMessage())));
    } catch (IOException e) {
      return Outcome.failed(HttpErrors.fromIo(who, e, key));
    } catch (RuntimeException e) {
      return Outcome.failed(
          HttpErrors.malformed(who, redact(e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }

  private String redact(String s) {
    return ApiKey.redactAny(s, key == null ? null : key.reveal());
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "HttpTransport[" + who + "]";
  }

  private static final class Outcome<T> {
    final T value;
    final CallFailure failure;

    private Outcome(T value, CallFailure failure) {
      this.value = value;
      this.failure = failure;
    }

    static <T> Outcome<T> ok(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failed(CallFailure failure) {
      return new Outcome<>(null, failure);
    }
  }
}
