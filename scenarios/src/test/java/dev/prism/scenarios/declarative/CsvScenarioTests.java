package dev.prism.scenarios.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarative scenarios over CSV files with a {@code columns} mapping. */
class CsvScenarioTests {
  @TempDir Path dir;

  private List<Instance> instances(String yaml) throws IOException {
    return DeclarativeScenario.fromYaml(write("s.yaml", yaml))
        .instances(new ScenarioContext(Map.of(), dir));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void freeTextAnswersWithQuotesCommasLineBreaksSplitsAndIds() throws IOException {
    write(
        "qa.csv",
        "id,question,answer,alias,split,subject\r\n"
            + "q1,\"Capital of France, in one word?\",Paris,,train,geo\r\n"
            + "q2,\"Say \"\"hi\"\"\nthen stop\",hi,Hi,TEST,\r\n"
            + "q3,Largest planet?,Jupiter,Jupiter,validation,astro\r\n");
    List<Instance> got =
        instances(
            """
            name: acme/qa
            instances: qa.csv
            columns:
              input: question
              references: [answer, alias]
              correct: answer
              split: split
              sub_split: subject
              id: id
            """);
    assertThat(got)
        .containsExactly(
            new Instance(
                "q1",
                "Capital of France, in one word?",
                List.of(Reference.correct("Paris")),
                Split.TRAIN,
                "geo",
                null),
            new Instance(
                "q2",
                "Say \"hi\"\nthen stop",
                List.of(Reference.correct("hi"), Reference.correct("Hi")),
                Split.TEST,
                null,
                null),
            new Instance(
                "q3",
                "Largest planet?",
                List.of(Reference.correct("Jupiter")),
                Split.VALID,
                "astro",
                null));
  }

  @Test
  void multipleChoiceByLetterIndexOrTextAndPositionalIdsAcrossFiles() throws IOException {
    write("a.csv", "question,A,B,C,D,answer\nWhich is even?,1,2,3,,b\n");
    write("b.csv", "question,A,B,C,D,answer\n2+2?,3,4,5,6,A\n");
    List<Instance> byLetter =
        instances(
            """
            name: acme/mc
            instances: [a.csv, b.csv]
            columns: {input: question, choices: [A, B, C, D], answer_letter: answer}
            """);
    assertThat(byLetter)
        .containsExactly(
            Instance.of(
                "id0",
                "Which is even?",
                List.of(Reference.wrong("1"), Reference.correct("2"), Reference.wrong("3")),
                Split.TEST),
            Instance.of(
                "id1",
                "2+2?",
                List.of(
                    Reference.correct("3"),
                    Reference.wrong("4"),
                    Reference.wrong("5"),
                    Reference.wrong("6")),
                Split.TEST));

    write("c.tsv", "q\topts1\topts2\tlabel\tgold\nPick yes\tno\tyes\t1\tyes\n");
    for (String selector : List.of("answer_index: label", "correct: gold")) {
      List<Instance> tsv =
          instances(
              "name: acme/tsv\ninstances: c.tsv\ncolumns:\n  input: q\n  choices: [opts1, opts2]\n  "
                  + selector
                  + "\n");
      assertThat(tsv.get(0).references())
          .as(selector)
          .containsExactly(Reference.wrong("no"), Reference.correct("yes"));
    }
  }

  @Test
  void unknownColumnNamesTheCsvHeaderLineTheYamlLineAndTheClosestNames() throws IOException {
    write("qa.csv", "question,answer\nq,a\n");
    write(
        "s.yaml",
        """
        name: acme/qa
        instances: qa.csv
        columns:
          input: questoin
          correct: answer
        """);
    Path csv = dir.resolve("qa.csv");
    assertThatThrownBy(
            () ->
                DeclarativeScenario.fromYaml(dir.resolve("s.yaml"))
                    .instances(new ScenarioContext(Map.of(), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            csv
                + ":1: no column 'questoin' in the header (mapped as columns.input at "
                + dir.resolve("s.yaml")
                + ":4)")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Did you mean 'question'? The header has: question, answer");
  }

  @Test
  void validationReportsEveryBadRowAtTheLineItStartsOn() throws IOException {
    write(
        "qa.csv",
        String.join(
            "\n",
            "id,question,answer,split",
            "a,\"two",
            "lines\",x,test", // record 2 starts on line 2 and spans line 3
            "b,q,y", // line 4: a field missing
            "c,q,z,tset", // line 5: unknown split
            "a,q,w,test", // line 6: duplicate id
            "d,,v,test", // line 7: empty input
            "e,q,,train", // line 8: no reference
            "f,q,u,train",
            ""));
    DeclarativeScenario s =
        DeclarativeScenario.fromYaml(
            write(
                "s.yaml",
                "name: acme/qa\ninstances: qa.csv\n"
                    + "columns: {input: question, correct: answer, split: split, id: id}\n"));
    Path csv = dir.resolve("qa.csv");
    assertThat(s.validateInstances())
        .containsExactly(
            csv
                + ":4: 3 fields, but the header has 4. Quote fields that contain the delimiter,"
                + " quotes or line breaks",
            csv
                + ":5: unknown split 'tset' (column 'split'). Did you mean 'test'? Valid splits:"
                + " train, valid (or validation), test",
            csv
                + ":6: duplicate id 'a', first used at "
                + csv
                + ":2. Give every row a unique id, or map no id column",
            csv + ":7: empty input (column 'question'). Fix the row and run again",
            csv
                + ":8: no reference: column 'answer' is empty. Fill in the answer, or remove the row");
    assertThatThrownBy(() -> s.instances(new ScenarioContext(Map.of(), dir)))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(csv + ":4: 3 fields, but the header has 4");
  }

  @Test
  void badAnswersAndAnUnclosedQuoteAreRowProblems() throws IOException {
    write("mc.csv", "q,A,B,ans\nx,1,2,C\ny,1,2,B\nz,1,\"2,ans\n");
    DeclarativeScenario s =
        DeclarativeScenario.fromYaml(
            write(
                "s.yaml",
                "name: acme/mc\ninstances: mc.csv\n"
                    + "columns: {input: q, choices: [A, B], answer_letter: ans}\n"));
    Path csv = dir.resolve("mc.csv");
    assertThat(s.validateInstances())
        .containsExactly(
            csv
                + ":4: the quoted field opened on this line is never closed (unexpected end of"
                + " file inside a quoted field). Close the quote, or double it");
    write("mc.csv", "q,A,B,ans\nx,1,2,C\ny,1,2,B\n");
    assertThat(s.validateInstances())
        .containsExactly(
            csv
                + ":2: answer letter 'C' (column 'ans') is not one of A to B. Fix the row and run"
                + " again");
  }

  @Test
  void aMessagesColumnHoldsEachRowsChatAsJson() throws IOException {
    write(
        "chat.csv",
        "chat,answer\n"
            + "\"[{\"\"role\"\": \"\"system\"\", \"\"content\"\": \"\"Be terse.\"\"},"
            + " {\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"2+2?\"\"}]\",4\n");
    List<Instance> got =
        instances(
            """
            name: acme/chat
            instances: chat.csv
            columns: {messages: chat, correct: answer}
            prompt_format: {method: chat}
            """);
    assertThat(got)
        .containsExactly(
            new Instance(
                "id0",
                "",
                List.of(Reference.correct("4")),
                Split.TEST,
                null,
                null,
                List.of(ChatMessage.system("Be terse."), ChatMessage.user("2+2?"))));
  }

  @Test
  void badMessageCellsAreRowProblems() throws IOException {
    write(
        "chat.csv",
        "q,chat,answer\n"
            + "a,not json,x\n"
            + "b,[],x\n"
            + "c,\"[{\"\"role\"\": \"\"bot\"\", \"\"content\"\": \"\"hi\"\"}]\",x\n");
    DeclarativeScenario s =
        DeclarativeScenario.fromYaml(
            write(
                "s.yaml",
                "name: acme/chat\ninstances: chat.csv\n"
                    + "columns: {input: q, messages: chat, correct: answer}\n"));
    String csv = dir.resolve("chat.csv").toString();
    assertThat(s.validateInstances())
        .hasSize(3)
        .satisfies(p -> assertThat(p.get(0)).startsWith(csv + ":2: column 'chat' is not JSON: "))
        .satisfies(
            p ->
                assertThat(p.get(1))
                    .startsWith(
                        csv + ":3: no chat messages (column 'chat'). Write the cell as JSON"))
        .satisfies(
            p ->
                assertThat(p.get(2))
                    .startsWith(
                        csv
                            + ":4: 'chat[0].role' must be one of system, user, assistant, got"
                            + " 'bot' (column 'chat')"));
  }

  @Test
  void mappingMistakesNameTheYamlLine() throws IOException {
    write("qa.csv", "question,answer\nq,a\n");
    write("qa.jsonl", "");
    String head = "name: acme/qa\ninstances: qa.csv\n";
    assertYamlError(
        head + "columns:\n  input: question\n  choises: [a, b]\n",
        ":5: unknown key 'choises' in columns",
        "Did you mean 'choices'?");
    assertYamlError(head, ":2: instances file 'qa.csv' is CSV, but there is no 'columns'", "");
    assertYamlError(
        "name: acme/qa\ninstances: qa.jsonl\ncolumns: {input: question}\n",
        ":3: 'columns' maps the columns of CSV files, but no instances file ends in .csv",
        "");
    assertYamlError(
        "name: acme/qa\ninstances: [qa.csv, qa.jsonl]\ncolumns: {input: question}\n",
        ":2: 'instances' mixes CSV and JSONL files",
        "");
    assertYamlError(head + "columns:\n  correct: answer\n", ":3: 'columns' has no 'input'", "");
    assertYamlError(
        head + "columns:\n  input: question\n  correct: answer\n  messages: [a, b]\n",
        ":6: 'columns.messages' must be one column name, got a list",
        "");
    assertYamlError(
        head + "columns:\n  input: question\n", ":3: 'columns' maps no answer", "correct: answer");
    assertYamlError(
        head + "columns:\n  input: question\n  answer_index: answer\n",
        ":5: 'answer_index' picks one of the 'choices', but no 'choices' are mapped",
        "");
    assertYamlError(
        head + "columns:\n  input: question\n  choices: [answer, question]\n",
        ":5: 'choices' needs the correct one",
        "");
    assertYamlError(
        head
            + "columns:\n  input: question\n  choices: [answer, question]\n"
            + "  correct: answer\n  answer_letter: answer\n",
        ":7: map only one of correct, answer_letter",
        "");
    assertYamlError(
        head + "columns:\n  input: 3\n  correct: answer\n",
        ":4: 'columns.input' must be a column name, got the number 3",
        "quotes");
  }

  private void assertYamlError(String yaml, String message, String hint) throws IOException {
    Path file = write("bad.yaml", yaml);
    assertThatThrownBy(() -> DeclarativeScenario.fromYaml(file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(file + message)
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains(hint));
  }
}
