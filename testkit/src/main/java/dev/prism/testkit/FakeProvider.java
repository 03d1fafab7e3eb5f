package dev.prism.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback server speaking OpenAI's {@code /v1/chat/completions} and {@code /v1/completions} wire
 * formats, for tests and benchmarks. It answers every prompt with a fixed completion after a
 * configurable latency, can cap throughput, injects a seeded mix of {@link Fault}s, and counts the
 * calls it receives — including how many times each distinct request body was answered
 * successfully, so a test can prove that nothing was paid twice.
 *
 * <pre>{@code
 * try (FakeProvider p = FakeProvider.start(FakeProvider.Config.instant())) {
 *   String baseUrl = p.baseUrl(); // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 *
 * <p>Binds to 127.0.0.1 only. Thread-safe.
 */
public final class FakeProvider implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Server behaviour.
   *
   * @param latencyMillis delay before each answer
   * @param maxRequestsPerSecond throughput cap; 0 for none
   * @param faultRate probability that a call gets a fault instead of an answer
   * @param faults the faults drawn from, uniformly
   * @param hangMillis how long a {@link Fault#TIMEOUT} holds the connection
   * @param seed seed of the fault draws
   * @param completion the text every successful answer contains
   */
  public record Config(
      long latencyMillis,
      int maxRequestsPerSecond,
      double faultRate,
      List<Fault> faults,
      long hangMillis,
      long seed,
      String completion) {
    public Config {
      faults = List.copyOf(faults);
      Objects.requireNonNull(completion, "completion");
      if (faultRate < 0 || faultRate > 1 || (faultRate > 0 && faults.isEmpty())) {
        throw new IllegalArgumentException("faultRate in [0,1] needs a non-empty fault list");
      }
    }

    /** No latency, no faults, answers "42". */
    public static Config instant() {
      return new Config(0, 0, 0, List.of(), 0, 0, "42");
    }

    public Config withLatency(long millis) {
      return new Config(
          millis, maxRequestsPerSecond, faultRate, faults, hangMillis, seed, completion);
    }

    public Config withFaults(double rate, List<Fault> kinds, long hang, long newSeed) {
      return new Config(
          latencyMillis, maxRequestsPerSecond, rate, kinds, hang, newSeed, completion);
    }

    public Config withThroughputCap(int perSecond) {
      return new Config(latencyMillis, perSecond, faultRate, faults, hangMillis, seed, completion);
    }
  }

  private final Config config;
  private final LoopbackHttpServer server;
  private final Random faultRandom;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong successes = new AtomicLong();
  private final Map<Fault, AtomicLong> faultCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> successesByBody = new ConcurrentHashMap<>();
  private final Object rateLock = new Object();
  private final AtomicLong windowCalls = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final AtomicLong maxInFlight = new AtomicLong();
  private final AtomicLong windowFirstArrival = new AtomicLong();
  private final AtomicLong windowLastAnswer = new AtomicLong();
  private long nextSlotNanos = System.nanoTime();

  private FakeProvider(Config config) throws IOException {
    this.config = config;
    this.faultRandom = new Random(config.seed());
    this.server =
        new LoopbackHttpServer(
            Map.of(
                "/v1/chat/completions", ex -> handle(ex, true),
                "/v1/completions", ex -> handle(ex, false)));
  }

  /** Starts a server on a free loopback port. */
  public static FakeProvider start(Config config) throws IOException {
    return new FakeProvider(config);
  }

  /** {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /**
   * A Prism models.yaml naming this server as OpenAI-compatible deployment {@code name} (legacy
   * completions API, 4,096-token context), for tests and benchmarks that run Prism against it.
   */
  public String modelsYaml(String name) {
    return "model_deployments:\n  - name: "
        + name
        + "\n    adapter: openai-compatible\n    model: fake\n    base_url: "
        + baseUrl()
        + "\n    api: completions\n    max_sequence_length: 4096\n";
  }

  /** Every call received, faulty or not. */
  public long calls() {
    return calls.get();
  }

  /** The most calls the server was answering at once (a client's concurrency, as seen here). */
  public long maxConcurrentCalls() {
    return maxInFlight.get();
  }

  /** Calls answered successfully. */
  public long successfulCalls() {
    return successes.get();
  }

  /** Number of distinct request bodies answered successfully. */
  public int distinctSuccessfulRequests() {
    return successesByBody.size();
  }

  /** The distinct request bodies answered successfully, sorted (what a test checks was sent). */
  public List<String> successfulBodies() {
    return successesByBody.keySet().stream().sorted().toList();
  }

  /** Request bodies answered successfully more than once (paid twice). */
  public long duplicateSuccesses() {
    return successesByBody.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
  }

  /** How often each fault was injected. */
  public long faults(Fault fault) {
    AtomicLong c = faultCounts.get(fault);
    return c == null ? 0 : c.get();
  }

  /**
   * The calls received since the last {@link #resetWindow()} and the time from the first of them
   * arriving to the last answer sent: the throughput the server saw while a client was sending.
   */
  public record Window(long calls, double seconds) {
    public double callsPerSecond() {
      return seconds <= 0 ? 0 : calls / seconds;
    }
  }

  /** Starts a new {@link Window}. */
  public void resetWindow() {
    windowCalls.set(0);
    windowFirstArrival.set(0);
    windowLastAnswer.set(0);
  }

  /** The calls and their span since the last {@link #resetWindow()}. */
  public Window window() {
    long first = windowFirstArrival.get();
    long last = windowLastAnswer.get();
    return new Window(windowCalls.get(), first == 0 || last < first ? 0 : (last - first) / 1e9);
  }

  private void handle(LoopbackHttpServer.Exchange ex, boolean chat) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      answer(ex, chat);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(LoopbackHttpServer.Exchange ex, boolean chat) throws IOException {
    long arrival = System.nanoTime();
    calls.incrementAndGet();
    windowCalls.incrementAndGet();
    windowFirstArrival.compareAndSet(0, arrival);
    String body = new String(ex.body(), StandardCharsets.UTF_8);
    // The answer leaves the latency after the request arrived (or after its throughput slot):
    // the server's own work is part of that time, as in a real server's latency.
    long answerAt = throttle(arrival) + config.latencyMillis() * 1_000_000L;
    Fault fault = drawFault();
    if (fault != null) {
      faultCounts.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
      waitUntil(answerAt);
      inject(ex, fault);
      return;
    }
    int status;
    byte[] answer;
    try {
      JsonNode request = JSON.readTree(body);
      status = 200;
      answer = answerTo(request, chat);
    } catch (IOException e) {
      status = 400;
      answer = error("invalid JSON body", "invalid_request_error");
    }
    waitUntil(answerAt);
    if (status == 200) {
      // Counted before the answer leaves, so a client that has it sees it counted.
      successes.incrementAndGet();
      successesByBody.computeIfAbsent(body, b -> new AtomicLong()).incrementAndGet();
      windowLastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
    }
    send(ex, status, answer);
  }

  private Fault drawFault() {
    if (config.faultRate() == 0) {
      return null;
    }
    synchronized (faultRandom) {
      if (faultRandom.nextDouble() >= config.faultRate()) {
        return null;
      }
      return config.faults().get(faultRandom.nextInt(config.faults().size()));
    }
  }

  private void inject(LoopbackHttpServer.Exchange ex, Fault fault) throws IOException {
    switch (fault) {
      case RATE_LIMIT -> {
        ex.header("Retry-After", "1");
        send(ex, 429, error("Rate limit reached", "rate_limit_exceeded"));
      }
      case SERVER_ERROR -> send(ex, 500, error("The server had an error", "server_error"));
      case TIMEOUT -> {
        sleep(config.hangMillis());
        send(ex, 500, error("answered after hanging", "server_error"));
      }
      case MALFORMED_JSON ->
          send(ex, 200, "{\"choices\": [ not json".getBytes(StandardCharsets.UTF_8));
      case TRUNCATED_BODY -> {
        byte[] full = JSON.writeValueAsBytes(chatAnswer(JSON.createObjectNode()));
        ex.header("Content-Type", "application/json");
        ex.sendTruncated(200, full, full.length / 2);
      }
      case CONNECTION_RESET -> ex.drop();
    }
  }

  /**
   * The answer's bytes. They depend only on the API, the model named, {@code n} and whether
   * logprobs were asked for, so each shape is serialised once: the server shares the client's cores
   * in benchmarks, and its own work there is not the client's.
   */
  private byte[] answerTo(JsonNode request, boolean chat) throws IOException {
    boolean logprobs =
        chat
            ? request.path("logprobs").asBoolean(false)
            : request.has("logprobs") && !request.get("logprobs").isNull();
    String shape =
        (chat ? "chat" : "completions")
            + '\n'
            + request.path("model").asText("fake")
            + '\n'
            + Math.max(1, request.path("n").asInt(1))
            + '\n'
            + logprobs;
    byte[] cached = answers.get(shape);
    if (cached == null) {
      cached = JSON.writeValueAsBytes(chat ? chatAnswer(request) : completionAnswer(request));
      answers.putIfAbsent(shape, cached);
    }
    return cached;
  }

  private ObjectNode chatAnswer(JsonNode request) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-fake");
    root.put("object", "chat.completion");
    root.put("model", request.path("model").asText("fake"));
    ArrayNode choices = root.putArray("choices");
    int n = Math.max(1, request.path("n").asInt(1));
    for (int i = 0; i < n; i++) {
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      choice.putObject("message").put("role", "assistant").put("content", config.completion());
      choice.put("finish_reason", "stop");
      if (request.path("logprobs").asBoolean(false)) {
        ObjectNode token = choice.putObject("logprobs").putArray("content").addObject();
        token.put("token", config.completion());
        token.put("logprob", -0.1);
        token
            .putArray("top_logprobs")
            .addObject()
            .put("token", config.completion())
            .put("logprob", -0.1);
      }
    }
    usage(root);
    return root;
  }

  private ObjectNode completionAnswer(JsonNode request) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "cmpl-fake");
    root.put("object", "text_completion");
    root.put("model", request.path("model").asText("fake"));
    ArrayNode choices = root.putArray("choices");
    int n = Math.max(1, request.path("n").asInt(1));
    for (int i = 0; i < n; i++) {
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      choice.put("text", config.completion());
      choice.put("finish_reason", "stop");
      if (request.has("logprobs") && !request.get("logprobs").isNull()) {
        ObjectNode lp = choice.putObject("logprobs");
        lp.putArray("tokens").add(config.completion());
        lp.putArray("token_logprobs").add(-0.1);
        lp.putArray("top_logprobs").addObject().put(config.completion(), -0.1);
        lp.putArray("text_offset").add(0);
      }
    }
    usage(root);
    return root;
  }

  private static void usage(ObjectNode root) {
    root.putObject("usage")
        .put("prompt_tokens", 1)
        .put("completion_tokens", 1)
        .put("total_tokens", 2);
  }

  private static byte[] error(String message, String type) {
    return ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(LoopbackHttpServer.Exchange ex, int status, byte[] body)
      throws IOException {
    ex.header("Content-Type", "application/json");
    ex.send(status, body);
  }

  /** When a call that arrived at {@code arrival} may start: its slot under the throughput cap. */
  private long throttle(long arrival) {
    if (config.maxRequestsPerSecond() <= 0) {
      return arrival;
    }
    synchronized (rateLock) {
      long slot = Math.max(arrival, nextSlotNanos);
      nextSlotNanos = slot + 1_000_000_000L / config.maxRequestsPerSecond();
      return slot;
    }
  }

  /**
   * Waits until {@link System#nanoTime()} reaches {@code deadline}, or the thread is interrupted.
   */
  private static void waitUntil(long deadline) {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static void sleep(long millis) {
    waitUntil(System.nanoTime() + millis * 1_000_000L);
  }

  @Override
  public void close() {
    server.close();
  }
}
