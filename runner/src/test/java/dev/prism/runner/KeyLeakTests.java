package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake API key given the two ways users give keys (a key file, in process; an environment
 * variable, in a child JVM) to a deployment whose loopback server echoes it back in every way a
 * careless server or proxy might: in a 500 body and header, a 401 body and {@code
 * WWW-Authenticate}, and an error object in a 200 body. The key must not occur in the H2 files,
 * stdout/stderr, any log, or any file of the site built by {@code prism report}.
 */
class KeyLeakTests {
  /** Not shaped like a key ("sk-…"), so only exact-value redaction can catch it. */
  private static final String KEY = "prism-canary-7f3a9c2e51d04b86";

  private static final String SUCCESS =
      """
      {"object":"text_completion","choices":[{"index":0,"text":" 4",
        "logprobs":{"tokens":[" 4"],"token_logprobs":[-0.1],"top_logprobs":[{" 4":-0.1," 5":-2.9}]},
        "finish_reason":"stop"}],
       "usage":{"prompt_tokens":10,"completion_tokens":1,"total_tokens":11}}
      """;

  /** The same answer on the chat API, for the langchain4j route. */
  private static final String CHAT_SUCCESS =
      """
      {"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":" 4"},
        "finish_reason":"stop"}],
       "usage":{"prompt_tokens":10,"completion_tokens":1,"total_tokens":11}}
      """;

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/completions", this::answer);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /**
   * Calls 2 (500), 4 (200 with an error body) and 6 (401, which stops the run) fail, each echoing
   * what it was sent; every other call succeeds.
   */
  private void answer(HttpExchange x) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      in.readAllBytes();
    }
    String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
    authorizations.add(auth);
    int n = calls.incrementAndGet();
    int status = 200;
    String body =
        x.getRequestURI().getPath().endsWith("/chat/completions") ? CHAT_SUCCESS : SUCCESS;
    if (n == 2) {
      status = 500;
      x.getResponseHeaders().add("X-Upstream-Request-Authorization", auth);
      body =
          "{\"error\":{\"message\":\"upstream failed for request with Authorization: "
              + auth
              + "\",\"type\":\"server_error\"}}";
    } else if (n == 6) { // last: a 401 stops the run
      status = 401;
      x.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\" " + auth);
      body =
          "{\"error\":{\"message\":\"Incorrect API key provided: "
              + auth.substring("Bearer ".length())
              + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
    } else if (n == 4) {
      body = "{\"error\":{\"message\":\"proxy refused " + auth + "\"}}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Path models(String keyLine) throws IOException {
    return models("openai-compatible", keyLine);
  }

  private Path models(String adapter, String keyLine) throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        "model_deployments:\n"
            + "  - name: local/leaky\n"
            + "    adapter: "
            + adapter
            + "\n"
            + "    model: leaky-model\n"
            + "    base_url: http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/v1\n"
            + "    "
            + keyLine
            + "\n"
            + "    max_sequence_length: 4096\n");
    return models;
  }

  private static String[] runArgs(Path models, Path out) {
    return new String[] {
      "run",
      "prism/arithmetic:num_instances=8,model=local/leaky",
      "--models",
      models.toString(),
      "--concurrency",
      "1",
      "--max-attempts",
      "1", // every failure is the stored outcome
      "--no-report",
      "--output",
      out.toString()
    };
  }

  @Test
  void aKeyFromAKeyFileAppearsNowhere() throws Exception {
    Path keyFile = dir.resolve("secrets/leaky.key");
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, KEY + "\n");
    Path out = dir.resolve("out");
    Path models = models("api_key_file: secrets/leaky.key");

    Cli run = Cli.run(runArgs(models, out));
    Cli report = Cli.run("report", "--output", out.toString());

    // The 401 (sixth call) stops the run at once rather than sending every request to be refused.
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("refused the credentials");
    assertThat(report.exit()).as(report.err()).isZero();
    assertNoKey(out, List.of(run.out(), run.err(), report.out(), report.err()));
  }

  @Test
  void aKeyGivenToTheLangchain4jRouteAppearsNowhere() throws Exception {
    Path keyFile = dir.resolve("leaky.key");
    Files.writeString(keyFile, KEY + "\n");
    Path out = dir.resolve("out");
    Path models = models("langchain4j-openai", "api_key_file: leaky.key");

    Cli run = Cli.run(runArgs(models, out));
    Cli report = Cli.run("report", "--output", out.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("refused the credentials");
    assertThat(report.exit()).as(report.err()).isZero();
    assertNoKey(out, List.of(run.out(), run.err(), report.out(), report.err()));
  }

  @Test
  void aKeyFromAnEnvironmentVariableAppearsNowhere() throws Exception {
    Path out = dir.resolve("out");
    Path models = models("api_key_env: PRISM_LEAK_TEST_KEY");
    String run = childPrism("PRISM_LEAK_TEST_KEY", runArgs(models, out));
    assertThat(run).contains("refused the credentials");
    String report = childPrism("PRISM_LEAK_TEST_KEY", "report", "--output", out.toString());
    assertThat(report).contains("Leaderboard: ");
    assertNoKey(out, List.of(run, report));
  }

  /** Runs prism in a child JVM with the key in {@code variable}; returns stdout and stderr. */
  private String childPrism(String variable, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.prism.runner.Main");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put(variable, KEY);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new String(output, StandardCharsets.UTF_8);
  }

  private void assertNoKey(Path out, List<String> outputs) throws IOException {
    // The key really went out, and the failures really happened and were stored.
    assertThat(authorizations).containsExactly("Bearer " + KEY);
    assertThat(calls.get()).isEqualTo(6);
    byte[] db = Files.readAllBytes(out.resolve("prism.mv.db"));
    assertThat(contains(db, "Incorrect API key provided"))
        .as("error messages are stored as plain text, so the scan below can see a key")
        .isTrue();
    assertThat(out.resolve("site/index.html")).exists();

    for (String o : outputs) {
      assertThat(o).doesNotContain(KEY);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".html"));
    for (Path f : files) {
      assertThat(contains(Files.readAllBytes(f), KEY)).as("key in %s", f).isFalse();
    }
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
