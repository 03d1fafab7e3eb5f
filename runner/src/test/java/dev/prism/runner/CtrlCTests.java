package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) stops claiming requests, keeps what finished, exits 130; a re-run resumes. */
class CtrlCTests {
  @TempDir Path dir;

  @Test
  void sigintStoresInFlightWorkMarksTheRunInterruptedAndExits130() throws Exception {
    try (FakeProvider provider =
        FakeProvider.start(FakeProvider.Config.instant().withLatency(50))) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(models, provider.modelsYaml("local/fake"));
      Path out = dir.resolve("out");
      List<String> args =
          List.of(
              "run",
              "prism/arithmetic:num_instances=1200,seed=9,model=local/fake",
              "--models",
              models.toString(),
              "--concurrency",
              "4",
              "--no-report",
              "--output",
              out.toString());
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.prism.runner.Main"));
      command.addAll(args);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("run.log").toFile())
              .start();
      // Interrupt once requests are flowing (before that, Ctrl-C simply ends a process that has
      // written nothing yet).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (provider.calls() < 100 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("still running when Ctrl-C arrives").isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("run.log"))).isEqualTo(130);
      assertThat(Files.readString(dir.resolve("run.log"))).contains("interrupted");

      String url = "jdbc:h2:file:" + out.toAbsolutePath().resolve("prism");
      long stored;
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT status FROM run")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("interrupted");
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM completion WHERE success")) {
          rs.next();
          stored = rs.getLong(1);
        }
        // Claimed requests that were not sent went back to the queue: nothing stays leased.
        try (ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM work_item WHERE owner IS NOT NULL")) {
          rs.next();
          assertThat(rs.getLong(1)).isZero();
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM work_item")) {
          rs.next();
          assertThat(rs.getLong(1) + stored).isEqualTo(1200);
        }
      }
      assertThat(stored).isPositive().isLessThan(1200);
      // Every request the provider answered before the stop was stored, none was lost.
      assertThat(stored).isGreaterThanOrEqualTo(provider.successfulCalls() - 4);

      List<String> resume = new ArrayList<>(args);
      resume.set(resume.indexOf("4"), "32");
      Cli resumed = Cli.run(resume.toArray(String[]::new));
      assertThat(resumed.exit()).as(resumed.err()).isZero();
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM completion WHERE success")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1200);
      }
      assertThat(provider.duplicateSuccesses()).isZero();
    }
  }
}
