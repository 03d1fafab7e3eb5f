package dev.prism.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.CancellingThread;
import dev.prism.core.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interrupting the thread that makes a call cancels the call, whether it runs on that thread (a
 * {@link CancellingThread}, as the run engine's workers are) or on OkHttp's dispatcher: the caller
 * gets {@link InterruptedException}, not the server's (here endless) silence: without the
 * cancellation the caller would still be waiting when the test stops waiting for it.
 */
class HttpTransportInterruptTests {
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void interruptingTheCallerCancelsACallTheServerNeverAnswers(boolean cancellingThread)
      throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        HttpTransport transport =
            new HttpTransport(
                new Deployment("a/b", "openai", "b", 1, Map.of()),
                "test deployment",
                null,
                s -> Optional.empty())) {
      CountDownLatch requestArrived = new CountDownLatch(1);
      Thread silent =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  in.read();
                  requestArrived.countDown();
                  in.readAllBytes(); // holds the connection open, never answers
                } catch (IOException e) {
                  // The client went away.
                }
              });
      silent.setDaemon(true);
      silent.start();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Runnable call =
          () -> {
            try {
              transport.post(
                  "http://127.0.0.1:" + server.getLocalPort() + "/v1/completions",
                  new ObjectMapper().createObjectNode().put("prompt", "hi"),
                  Map.of(),
                  HttpTransport.json(root -> "answered"));
            } catch (Throwable t) {
              thrown.set(t);
            }
          };
      BiFunction<Runnable, String, Thread> threads =
          cancellingThread ? CancellingThread::new : Thread::new;
      Thread caller = threads.apply(call, "caller");
      caller.start();
      assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
      caller.interrupt();
      caller.join(10_000);
      assertThat(caller.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
  }
}
