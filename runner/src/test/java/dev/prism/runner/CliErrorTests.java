package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User errors: exit 2, one line naming what and where, nothing written. */
class CliErrorTests {
  @TempDir Path dir;

  static String good(int i) {
    return "{\"id\":\"id"
        + i
        + "\",\"input\":{\"text\":\"q"
        + i
        + "\"},\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":[\"correct\"]}],"
        + "\"split\":\"test\"}";
  }

  private Path instancesWithLine7(String line7) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      lines.add(i == 7 ? line7 : good(i));
    }
    Path p = dir.resolve("bad.jsonl");
    Files.write(p, lines);
    return p;
  }

  private void assertUserErrorAndNothingWritten(Cli cli, String... fragments) {
    assertThat(cli.exit()).as(cli.out() + cli.err()).isEqualTo(2);
    String err = cli.err().strip();
    assertThat(err.lines().count()).as(err).isEqualTo(1);
    assertThat(err).startsWith("prism: error: ");
    for (String f : fragments) {
      assertThat(err).contains(f);
    }
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"id7\",\"input\":{\"text\":\"q\"},\"references\":[",
        "{\"id\":\"id7\",\"input\":{\"text\":\"q\"},\"split\":\"test\"}",
        "{\"id\":\"id7\",\"input\":{\"text\":\"q\"},\"references\":[],\"split\":\"dev\"}"
      })
  void malformedInstancesFileExitsTwoNamingFileAndLine(String line7) throws IOException {
    Path bad = instancesWithLine7(line7);
    Cli cli = Cli.run("run", bad + ":model=simple/echo", "--output", dir.resolve("out").toString());
    assertUserErrorAndNothingWritten(cli, "bad.jsonl:7");
  }

  @Test
  void unknownScenarioSuggestsTheClosestName() {
    Cli cli =
        Cli.run(
            "run", "prism/arithmetik:model=simple/echo", "--output", dir.resolve("out").toString());
    assertUserErrorAndNothingWritten(cli, "prism/arithmetik", "prism/arithmetic");
  }

  @Test
  void unknownModelSuggestsTheClosestName() {
    Cli cli =
        Cli.run(
            "run", "prism/arithmetic:model=simple/ecko", "--output", dir.resolve("out").toString());
    assertUserErrorAndNothingWritten(cli, "simple/ecko", "simple/echo");
  }

  @Test
  void nonPositiveWorkNumbersAreUserErrors() {
    for (String option : new String[] {"--concurrency", "--max-attempts", "--lease"}) {
      Cli run =
          Cli.run(
              "run",
              "prism/arithmetic:model=simple/echo",
              option,
              "0",
              "--output",
              dir.resolve("out").toString());
      assertUserErrorAndNothingWritten(run, option);
      Cli worker = Cli.run("worker", option, "0", "--output", dir.resolve("out").toString());
      assertUserErrorAndNothingWritten(worker, option);
    }
  }

  @Test
  void entryWithoutModelSaysHowToName() {
    Cli cli = Cli.run("run", "prism/arithmetic", "--output", dir.resolve("out").toString());
    assertUserErrorAndNothingWritten(cli, "model=");
  }

  @Test
  void unknownSubcommandAndOptionAreUsageErrors() {
    Cli cli = Cli.run("rnu");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("prism: error:").contains("run");
    Cli opt = Cli.run("run", "--suit", "quickstart");
    assertThat(opt.exit()).isEqualTo(2);
    assertThat(opt.err()).contains("--suit").contains("--suite");
  }

  @Test
  void missingPredictionsFileIsAUserError() throws IOException {
    Path instances = dir.resolve("i.jsonl");
    Files.write(instances, List.of(good(0)));
    Cli cli =
        Cli.run(
            "score",
            "--scenario",
            instances.toString(),
            "--predictions",
            dir.resolve("nope.jsonl").toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("nope.jsonl");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "score",
        "report",
        "list",
        "download",
        "perturb",
        "status",
        "validate",
        "export"
      })
  void everyCommandHasHelp(String command) {
    Cli cli = Cli.run(command, "--help");
    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).contains("Usage: prism " + command);
  }

  @Test
  void topLevelHelpListsCommands() {
    Cli cli = Cli.run("--help");
    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).contains("run").contains("score").contains("report").contains("list");
  }
}
