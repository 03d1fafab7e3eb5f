package dev.prism.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 for {@link FakeProvider}: one thread per connection,
 * blocking I/O, keep-alive, {@code Content-Length} or chunked request bodies. The JDK's {@code
 * HttpServer} hands every request from its selector thread to a worker and back, which on a
 * two-core machine costs the client being measured about as much CPU as its own work.
 */
final class LoopbackHttpServer implements AutoCloseable {
  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  private static final int MAX_LINE = 64 * 1024;
  private static final Map<Integer, String> REASONS =
      Map.of(
          200, "OK",
          400, "Bad Request",
          404, "Not Found",
          429, "Too Many Requests",
          500, "Internal Server Error");

  private final ServerSocket server;
  private final Map<String, Handler> handlers;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Starts listening on a free loopback port.
   *
   * @param handlers by exact request path; other paths get 404
   */
  LoopbackHttpServer(Map<String, Handler> handlers) throws IOException {
    this.handlers = Map.copyOf(handlers);
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-provider");
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        // Headers and body go out in one write; no waiting on the client's delayed ACK.
        socket.setTcpNoDelay(true);
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      while (!closed) {
        String requestLine = readLine(in);
        if (requestLine == null) {
          return;
        }
        if (requestLine.isEmpty()) {
          continue;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
          return;
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
        }
        byte[] body = body(in, headers);
        String path = parts[1];
        int query = path.indexOf('?');
        Exchange exchange =
            new Exchange(socket, out, query < 0 ? path : path.substring(0, query), body);
        Handler handler = handlers.get(exchange.path());
        if (handler == null) {
          exchange.send(404, new byte[0]);
        } else {
          handler.handle(exchange);
        }
        if (!exchange.responded) {
          exchange.drop();
        }
        if (exchange.dropped
            || "close".equalsIgnoreCase(headers.get("connection"))
            || parts[2].equals("HTTP/1.0")) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away, or the server is closing: nothing to answer.
    } finally {
      open.remove(socket);
    }
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("content-length");
    if (length != null) {
      return readExactly(in, Integer.parseInt(length));
    }
    if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine(in);
      if (size == null) {
        throw new IOException("connection closed in a chunked body");
      }
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = readLine(in);
            trailer != null && !trailer.isEmpty();
            trailer = readLine(in)) {
          // Trailers are not used.
        }
        return body.toByteArray();
      }
      body.write(readExactly(in, n));
      readLine(in);
    }
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new IOException("connection closed in a request body");
    }
    return bytes;
  }

  /** A line without its CRLF (or LF); {@code null} at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() == MAX_LINE) {
        throw new IOException("request line or header longer than " + MAX_LINE);
      }
      line.append((char) b);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /** One request and the means to answer it once. */
  static final class Exchange {
    private final Socket socket;
    private final OutputStream out;
    private final String path;
    private final byte[] body;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private boolean responded;
    private boolean dropped;

    private Exchange(Socket socket, OutputStream out, String path, byte[] body) {
      this.socket = socket;
      this.out = out;
      this.path = path;
      this.body = body;
    }

    String path() {
      return path;
    }

    byte[] body() {
      return body;
    }

    /** Sets a response header (before the answer is sent). */
    void header(String name, String value) {
      responseHeaders.put(name, value);
    }

    /** Sends the whole answer. */
    void send(int status, byte[] answer) throws IOException {
      sendPart(status, answer, answer.length);
      out.flush();
    }

    /**
     * Announces {@code answer.length} bytes, sends the first {@code sent} and closes the connection
     * mid-body.
     */
    void sendTruncated(int status, byte[] answer, int sent) throws IOException {
      sendPart(status, answer, sent);
      out.flush();
      drop();
    }

    private void sendPart(int status, byte[] answer, int sent) throws IOException {
      responded = true;
      StringBuilder head =
          new StringBuilder("HTTP/1.1 ")
              .append(status)
              .append(' ')
              .append(REASONS.getOrDefault(status, "Status"))
              .append("\r\n");
      responseHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(answer.length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(answer, 0, sent);
    }

    /** Closes the connection without (the rest of) an answer. */
    void drop() throws IOException {
      responded = true;
      dropped = true;
      try {
        socket.close();
      } catch (SocketException e) {
        // Already closed by the client.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
    threads.shutdownNow();
  }
}
