package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism validate} reports every problem at once, each with its line. */
class ValidateTests {
  @TempDir Path dir;

  @Test
  void threeDifferentMistakesAreAllReportedWithLineNumbers() throws Exception {
    String ok =
        "{\"id\":\"id%d\",\"input\":{\"text\":\"q\"},"
            + "\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}";
    Path file = dir.resolve("data.jsonl");
    Files.write(
        file,
        List.of(
            String.format(ok, 0),
            "{\"id\":\"id1\",\"input\":{\"text\":\"q\"},\"references\":[",
            String.format(ok, 2),
            "{\"id\":\"id3\",\"input\":{\"text\":\"q\"},\"split\":\"test\"}",
            "{\"id\":\"id4\",\"input\":{\"text\":\"q\"},\"references\":[],\"split\":\"dev\"}"));
    Cli cli = Cli.run("validate", file.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out())
        .contains("data.jsonl:2:")
        .contains("data.jsonl:4:")
        .contains("data.jsonl:5:");
    assertThat(cli.err()).contains("3 problem(s)");
  }

  @Test
  void validFileSaysSo() throws Exception {
    Path file = dir.resolve("ok.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"id0\",\"input\":{\"text\":\"q\"},"
            + "\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
            + "\"split\":\"test\"}\n");
    Cli cli = Cli.run("validate", file.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("1 file(s) valid");
  }
}
