package dev.prism.metrics.toxicity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A JDK HTTP server on 127.0.0.1 that records requests and answers from a script. */
final class LoopbackServer implements AutoCloseable {
  record Recorded(String method, URI uri, Map<String, List<String>> headers, String body) {}

  record Reply(int status, String body) {}

  private final HttpServer server;
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Reply> script = new ArrayDeque<>();
  private Function<Recorded, Reply> fallback = r -> new Reply(500, "{\"error\":\"unscripted\"}");

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Recorded r =
              new Recorded(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body);
          requests.add(r);
          Reply reply;
          synchronized (script) {
            reply = script.isEmpty() ? fallback.apply(r) : script.poll();
          }
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** Answers the next requests with these replies, in order. */
  LoopbackServer then(int status, String body) {
    synchronized (script) {
      script.add(new Reply(status, body));
    }
    return this;
  }

  /** Answers requests beyond the script with {@code f}. */
  LoopbackServer otherwise(Function<Recorded, Reply> f) {
    this.fallback = f;
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
