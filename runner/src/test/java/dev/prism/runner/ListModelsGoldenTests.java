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
    // The KEY column says whether the built-in deployments' keys are set in this environment.
    for (String key : new String[] {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"}) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          System.getenv(key) == null, key + " is set here; the golden file has it missing");
    }
    Cli cli = Cli.run("list", "models");
    assertThat(cli.exit()).isZero();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, cli.out(), StandardCharsets.UTF_8);
    }
    assertThat(cli.out()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
