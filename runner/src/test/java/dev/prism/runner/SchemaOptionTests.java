package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism report --schema FILE} lays the leaderboard out from a user's schema. */
class SchemaOptionTests {
  @TempDir Path dir;

  @Test
  void userSchemaIsUsedAndABadOneIsAUserError() throws Exception {
    Path out = dir.resolve("out");
    assertThat(
            Cli.run(
                    "run",
                    "prism/arithmetic:model=simple/calculator",
                    "--no-report",
                    "-o",
                    out.toString())
                .exit())
        .isZero();
    Path schema = dir.resolve("schema.yaml");
    try (InputStream in =
        getClass().getResourceAsStream("/dev/prism/reports/schema/default-schema.yaml")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Files.writeString(
          schema, text.replace("display_name: Accuracy", "display_name: Correctness"));
    }
    Cli ok = Cli.run("report", "--schema", schema.toString(), "-o", out.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(Files.readString(out.resolve("site/index.html"))).contains("Correctness");

    Files.writeString(schema, "metric_groups: 7\n");
    Cli bad = Cli.run("report", "--schema", schema.toString(), "-o", out.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("prism: error:").contains("schema.yaml");
  }
}
