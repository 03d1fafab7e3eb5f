package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import dev.prism.testkit.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code prism worker} processes on one shared database (PostgreSQL, and an H2 server started
 * with {@code prism db server}) finish a suite queued with {@code prism run --enqueue-only}; the
 * stats equal a single-process run's and no request is paid twice.
 */
class WorkersTests {
  private static final String ENTRY =
      "prism/arithmetic:num_instances=600,seed=5,model=local/fake,data_augmentation=offline";

  @TempDir Path dir;
  private FakeProvider provider;
  private Path models;

  @BeforeEach
  void provider() throws IOException {
    provider = FakeProvider.start(FakeProvider.Config.instant().withLatency(15));
    models = dir.resolve("models.yaml");
    Files.writeString(models, provider.modelsYaml("local/fake"));
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void threeWorkersOnPostgreSqlEqualASingleProcessRun() throws Exception {
    boolean required = "1".equals(System.getenv("PRISM_REQUIRE_POSTGRES"));
    if (!required) {
      Assumptions.assumeTrue(
          LocalPostgres.binaries().isPresent(),
          "PostgreSQL is not installed here (.ci/run installs it and sets"
              + " PRISM_REQUIRE_POSTGRES=1)");
    }
    try (LocalPostgres pg = LocalPostgres.start(dir.resolve("pg"))) {
      threeWorkersEqualASingleProcessRun(pg.jdbcUrl());
    }
  }

  @Test
  void threeWorkersOnAnH2ServerEqualASingleProcessRun() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server =
        prism(
            "db-server.log",
            List.of(
                "db",
                "server",
                "--port",
                Integer.toString(port),
                "--output",
                dir.resolve("shared").toString()));
    try {
      awaitPort(port, server);
      threeWorkersEqualASingleProcessRun("jdbc:h2:tcp://localhost:" + port + "/prism");
    } finally {
      server.destroy(); // SIGTERM: the server's shutdown hook stops it cleanly
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private void threeWorkersEqualASingleProcessRun(String url) throws Exception {
    Path reference = dir.resolve("reference");
    Cli ref =
        Cli.run(
            "run",
            ENTRY,
            "--models",
            models.toString(),
            "--no-report",
            "--output",
            reference.toString());
    assertThat(ref.exit()).as(ref.err()).isZero();
    long paidForReference = provider.successfulCalls();

    Cli queued =
        Cli.run(
            "run",
            ENTRY,
            "--models",
            models.toString(),
            "--db",
            url,
            "--enqueue-only",
            "--suite",
            "lab");
    assertThat(queued.exit()).as(queued.err()).isZero();
    assertThat(queued.out()).contains("Queued").contains("prism worker");
    assertThat(provider.successfulCalls()).isEqualTo(paidForReference);
    long requests = Stores.count(url, "SELECT COUNT(*) FROM request");
    assertThat(Stores.count(url, "SELECT COUNT(*) FROM work_item")).isEqualTo(requests);

    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(
          prism(
              "worker-" + i + ".log",
              List.of(
                  "worker",
                  "--db",
                  url,
                  "--suite",
                  "lab",
                  "--models",
                  models.toString(),
                  "--concurrency",
                  "4")));
    }
    for (int i = 0; i < workers.size(); i++) {
      Process w = workers.get(i);
      assertThat(w.waitFor(240, TimeUnit.SECONDS)).as("worker " + i + " finished").isTrue();
      assertThat(w.exitValue()).as(log("worker-" + i + ".log")).isZero();
    }
    StringBuilder logs = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      logs.append(log("worker-" + i + ".log"));
    }
    assertThat(logs.toString()).as("one worker scored the run").contains("Worker done: scored 1");

    assertThat(Stores.stats(url)).isNotEmpty().isEqualTo(Stores.stats(Stores.url(reference)));
    assertThat(Stores.count(url, "SELECT COUNT(*) FROM work_item")).isZero();
    assertThat(Stores.count(url, "SELECT COUNT(*) FROM completion")).isEqualTo(requests);
    assertThat(Stores.count(url, "SELECT COUNT(*) FROM run WHERE status = 'completed'"))
        .isEqualTo(1);
    // Nothing paid twice: the workers made exactly one successful call per distinct request.
    long distinct = Stores.count(url, "SELECT COUNT(DISTINCT cache_key) FROM request");
    assertThat(provider.successfulCalls() - paidForReference).isEqualTo(distinct);
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  private Process prism(String logName, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.prism.runner.Main"));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(logName).toFile())
        .start();
  }

  private static void awaitPort(int port, Process server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("database server running").isTrue();
      try (Socket s = new Socket("localhost", port)) {
        assertThat(s.isConnected()).isTrue();
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("database server did not open port " + port);
  }
}
