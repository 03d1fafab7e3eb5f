package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --concurrency N} is what the model server sees: never more than N requests at once, and N
 * while enough are queued (the workers take the next claim as soon as they are free).
 */
class ConcurrencyBoundTests {
  @TempDir Path dir;

  @Test
  void theServerSeesExactlyTheConcurrencyAsked() throws Exception {
    try (FakeProvider provider =
        FakeProvider.start(FakeProvider.Config.instant().withLatency(20))) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(models, provider.modelsYaml("local/fake"));
      Cli cli =
          Cli.run(
              "run",
              "prism/arithmetic:num_instances=300,model=local/fake",
              "--models",
              models.toString(),
              "--concurrency",
              "6",
              "--no-report",
              "--output",
              dir.resolve("out").toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      assertThat(provider.successfulCalls()).isEqualTo(300);
      assertThat(provider.maxConcurrentCalls()).isEqualTo(6);
    }
  }
}
