package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import dev.prism.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that ended in error stay failed when the same command runs again, and {@code
 * --retry-errors} makes exactly those again.
 */
class RetryErrorsTests {
  private static final String ENTRY = "prism/arithmetic:num_instances=200,seed=3,model=local/fake";

  @TempDir Path dir;

  private Path models(FakeProvider provider) throws IOException {
    return Files.writeString(dir.resolve("models.yaml"), provider.modelsYaml("local/fake"));
  }

  private Cli run(Path models, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                ENTRY,
                "--models",
                models.toString(),
                "--max-attempts",
                "1",
                "--no-report",
                "--output",
                dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void failedRequestsAreRetriedOnlyWhenAsked() throws Exception {
    String url = Stores.url(dir.resolve("out"));
    long failed;
    try (FakeProvider faulty =
        FakeProvider.start(
            FakeProvider.Config.instant().withFaults(0.3, List.of(Fault.SERVER_ERROR), 0, 7))) {
      Cli first = run(models(faulty));
      assertThat(first.exit()).as(first.err()).isZero();
      failed = Stores.count(url, "SELECT COUNT(*) FROM completion WHERE NOT success");
      assertThat(failed).isPositive();
      assertThat(Stores.count(url, "SELECT status = 'completed_with_errors' FROM run"))
          .isEqualTo(1);
    }
    try (FakeProvider healthy = FakeProvider.start(FakeProvider.Config.instant())) {
      Path models = models(healthy);
      Cli again = run(models);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(healthy.calls()).as("errors are kept without --retry-errors").isZero();
      assertThat(again.out()).contains("failed=" + failed);

      Cli retried = run(models, "--retry-errors");
      assertThat(retried.exit()).as(retried.err()).isZero();
      assertThat(healthy.calls()).as("only the failed requests are made again").isEqualTo(failed);
      assertThat(Stores.count(url, "SELECT COUNT(*) FROM completion WHERE NOT success")).isZero();
      assertThat(Stores.count(url, "SELECT COUNT(*) FROM completion"))
          .isEqualTo(Stores.count(url, "SELECT COUNT(*) FROM request"));
      assertThat(Stores.count(url, "SELECT status = 'completed' FROM run")).isEqualTo(1);
      assertThat(retried.out()).contains("failed=0");
    }
  }
}
