package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV-backed scenario file through {@code prism validate} and {@code prism run}. */
class CsvScenarioCliTests {
  @TempDir Path dir;

  @Test
  void validateReportsEveryCsvProblemWithItsLine() throws Exception {
    Files.writeString(
        dir.resolve("sums.csv"),
        "id,question,answer,split\n"
            + "s1,What is 2 plus 3?,5,test\n"
            + "s2,What is 4 plus 4?,8,tets\n" // line 3: split typo
            + "s3,What is 1 plus 1?\n" // line 4: missing fields
            + "s1,What is 6 plus 1?,7,test\n"); // line 5: duplicate id
    Path yaml =
        Files.writeString(
            dir.resolve("sums.yaml"),
            "name: acme/sums\ninstances: sums.csv\n"
                + "columns: {input: question, correct: answer, split: split, id: id}\n");
    Cli cli = Cli.run("validate", yaml.toString());
    assertThat(cli.exit()).isEqualTo(2);
    Path csv = dir.resolve("sums.csv");
    assertThat(cli.out())
        .contains(csv + ":3: unknown split 'tets' (column 'split'). Did you mean 'test'?")
        .contains(csv + ":4: 2 fields, but the header has 4")
        .contains(csv + ":5: duplicate id 's1', first used at " + csv + ":2");
    assertThat(cli.err()).contains("3 problem(s) in 1 file(s)");

    Files.writeString(
        dir.resolve("sums.csv"),
        "id,question,answer,split\n"
            + "s1,What is 2 plus 3?,5,test\n"
            + "s2,\"What is 4 plus 4, exactly?\",8,test\n"
            + "s3,What is 1 plus 1?,3,test\n");
    Cli valid = Cli.run("validate", yaml.toString());
    assertThat(valid.exit()).as(valid.out()).isZero();

    Cli run =
        Cli.run(
            "run",
            yaml + ":model=simple/calculator",
            "--no-report",
            "--output",
            dir.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    // the calculator gets 2+3 and 4+4 right; the data's 1+1=3 is wrong on purpose
    assertThat(run.out()).contains("exact_match=0.667");
  }

  @Test
  void aMisspelledColumnStopsTheRunBeforeAnythingIsWritten() throws Exception {
    Files.writeString(dir.resolve("qa.csv"), "question,answer\nq,a\n");
    Path yaml =
        Files.writeString(
            dir.resolve("qa.yaml"),
            "name: acme/qa\ninstances: qa.csv\ncolumns: {input: question, correct: anwser}\n");
    Cli run =
        Cli.run("run", yaml + ":model=simple/echo", "--output", dir.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "prism: error: "
                + dir.resolve("qa.csv")
                + ":1: no column 'anwser' in the header (mapped as columns.correct at "
                + yaml
                + ":3). Did you mean 'answer'? The header has: question, answer"
                + System.lineSeparator());
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
