package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code prism list models} is read by people: its output is pinned. Regenerate on purpose with
 * {@code -Dgolden.update=true} and review the diff.
 */
class ListModelsGoldenTests {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/list-models.txt");

  @Test
  void listModelsMatchesTheGoldenFile() throws IOException {
    Cli cli = Cli.run("list", "models");
    assertThat(cli.exit()).isZero();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, cli.out(), StandardCharsets.UTF_8);
    }
    assertThat(cli.out()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
