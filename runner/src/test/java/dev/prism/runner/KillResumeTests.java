package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL at random points and resumed each time ends with the same stats as an
 * uninterrupted run, one completion per request, and the provider paid at most once per request.
 */
class KillResumeTests {
  @TempDir Path dir;

  private static List<String> stats(Path out) throws SQLException {
    return Stores.stats(Stores.url(out));
  }

  private static long count(Path out, String sql) throws SQLException {
    return Stores.count(Stores.url(out), sql);
  }

  @Test
  void killedThreeTimesThenResumedEqualsAnUninterruptedRun() throws Exception {
    try (FakeProvider provider =
        FakeProvider.start(FakeProvider.Config.instant().withLatency(20))) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(models, provider.modelsYaml("local/fake"));
      String entry = "prism/arithmetic:num_instances=1200,seed=5,model=local/fake";
      List<String> common =
          List.of("--models", models.toString(), "--concurrency", "8", "--no-report");

      Path reference = dir.resolve("reference");
      List<String> args = new ArrayList<>(List.of("run", entry, "--output", reference.toString()));
      args.addAll(common);
      assertThat(Cli.run(args.toArray(String[]::new)).exit()).isZero();
      long paidForReference = provider.successfulCalls();

      Path killed = dir.resolve("killed");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.prism.runner.Main",
                  "run",
                  entry,
                  "--output",
                  killed.toString()));
      command.addAll(common);
      Random random = new Random(11);
      int kills = 0;
      for (int i = 0; i < 3; i++) {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("kill-" + i + ".log").toFile())
                .start();
        Thread.sleep(1200 + random.nextInt(1500));
        if (p.isAlive()) {
          p.destroyForcibly(); // SIGKILL: no shutdown hook runs
          kills++;
        }
        p.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(kills).as("the process was killed mid-run at least once").isGreaterThan(0);
      args = new ArrayList<>(List.of("run", entry, "--output", killed.toString()));
      args.addAll(common);
      Cli last = Cli.run(args.toArray(String[]::new));
      assertThat(last.exit()).as(last.err()).isZero();

      assertThat(stats(killed)).isNotEmpty().isEqualTo(stats(reference));
      assertThat(count(killed, "SELECT COUNT(*) FROM request"))
          .isEqualTo(count(reference, "SELECT COUNT(*) FROM request"));
      assertThat(count(killed, "SELECT COUNT(*) FROM completion"))
          .isEqualTo(count(killed, "SELECT COUNT(*) FROM request"));
      assertThat(count(killed, "SELECT COUNT(*) FROM run")).isEqualTo(1);
      // Each distinct request was paid for at most once more than the reference run needed:
      // a request in flight at a kill may be sent again, nothing else is.
      long distinct = count(killed, "SELECT COUNT(DISTINCT cache_key) FROM request");
      long paidForKilled = provider.successfulCalls() - paidForReference;
      assertThat(paidForKilled).isLessThanOrEqualTo(distinct + 3L * 8);
      assertThat(new File(killed.toFile(), "prism.mv.db")).exists();
    }
  }
}
