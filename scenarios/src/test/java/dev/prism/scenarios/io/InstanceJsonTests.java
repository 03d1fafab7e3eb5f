package dev.prism.scenarios.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceJsonTests {
  private static final String GOOD =
      "{\"id\": \"q1\", \"input\": {\"text\": \"Capital of France?\"}, \"references\": [{\"output\":"
          + " {\"text\": \"Paris\"}, \"tags\": [\"correct\"]}, {\"output\": {\"text\": \"Lyon\"},"
          + " \"tags\": []}], \"split\": \"test\"}";

  @TempDir Path dir;

  @Test
  void readsHelmInstanceLines() throws IOException {
    Path file =
        write(
            "data.jsonl",
            GOOD,
            "",
            "{\"input\": {\"text\": \"x\"}, \"references\": [], \"split\": \"train\","
                + " \"sub_split\": \"toxic\", \"extra_data\": {\"ignored\": true}}",
            "   ",
            "{\"id\": \"p\", \"input\": {\"text\": \"y\"}, \"references\": [{\"output\": {\"text\":"
                + " \"z\"}}], \"split\": \"valid\", \"perturbation\": {\"name\": \"typos\","
                + " \"robustness\": true, \"fairness\": false, \"prob\": 0.1}}");

    List<Instance> instances = InstanceJson.readJsonl(file);

    assertThat(instances).hasSize(3);
    Instance first = instances.get(0);
    assertThat(first.id()).isEqualTo("q1");
    assertThat(first.input()).isEqualTo("Capital of France?");
    assertThat(first.references())
        .containsExactly(Reference.correct("Paris"), Reference.wrong("Lyon"));
    assertThat(first.split()).isEqualTo(Split.TEST);
    Instance second = instances.get(1);
    assertThat(second.id())
        .as("positional id among instances, blank lines not counted")
        .isEqualTo("id1");
    assertThat(second.split()).isEqualTo(Split.TRAIN);
    assertThat(second.subSplit()).isEqualTo("toxic");
    Instance third = instances.get(2);
    assertThat(third.references().get(0).tags()).isEmpty();
    assertThat(third.perturbation())
        .isEqualTo(new PerturbationDescription("typos", true, false, null));
  }

  @Test
  void missingSplitMeansTest() throws IOException {
    Path file = write("a.jsonl", "{\"input\": {\"text\": \"x\"}, \"references\": []}");
    assertThat(InstanceJson.readJsonl(file).get(0).split()).isEqualTo(Split.TEST);
  }

  @Test
  void badJsonOnLineSevenNamesFileAndLine() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add(GOOD.replace("q1", "q" + i));
    }
    lines.add("{\"input\": {\"text\": \"x\"},, }");
    Path file = write("data.jsonl", lines.toArray(String[]::new));

    assertThatThrownBy(() -> InstanceJson.readJsonl(file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(file + ":7: bad JSON at column ")
        .hasMessageNotContaining("\n")
        .extracting(e -> ((PrismUserException) e).hint())
        .isEqualTo("Fix the line and run again");
  }

  @Test
  void eachKindOfMistakeIsReportedWithItsLine() throws IOException {
    assertProblem("[1, 2]", ":1: expected a JSON object, got array [1,2]");
    assertProblem("{\"references\": []}", ":1: missing 'input'");
    assertProblem("{\"input\": \"x\", \"references\": []}", ":1: 'input' must be an object");
    assertProblem("{\"input\": {}, \"references\": []}", ":1: missing 'input.text'");
    assertProblem(
        "{\"input\": {\"text\": 3}, \"references\": []}", ":1: 'input.text' must be a string");
    assertProblem("{\"input\": {\"text\": \"x\"}}", ":1: missing 'references' (use [] for none)");
    assertProblem(
        "{\"input\": {\"text\": \"x\"}, \"references\": {}}",
        ":1: 'references' must be an array, got object {}");
    assertProblem(
        "{\"input\": {\"text\": \"x\"}, \"references\": [{\"tags\": []}]}",
        ":1: references[0] has no 'output.text' string");
    assertProblem(
        "{\"input\": {\"text\": \"x\"}, \"references\": [{\"output\": {\"text\": \"a\"}, \"tags\":"
            + " \"correct\"}]}",
        ":1: references[0].tags must be an array of strings");
    assertProblem(
        "{\"input\": {\"text\": \"x\"}, \"references\": [], \"split\": \"tset\"}",
        ":1: unknown split 'tset' (expected one of: train, valid, test)");
    assertProblem(
        "{\"input\": {\"text\": \"x\"}, \"references\": [], \"perturbation\": {\"robustness\": true}}",
        ":1: missing 'perturbation.name'");
    assertProblem("{\"input\": {\"text\": \"x\"}, \"references\": []} {}", ":1: bad JSON");
  }

  @Test
  void duplicateIdsAreRejected() throws IOException {
    Path file = write("dup.jsonl", GOOD, GOOD);
    assertThatThrownBy(() -> InstanceJson.readJsonl(file))
        .hasMessage(file + ":2: duplicate id 'q1', first used at " + file + ":1");

    Path clash =
        write("clash.jsonl", GOOD.replace("q1", "id1"), GOOD.replace("\"id\": \"q1\", ", ""));
    assertThatThrownBy(() -> InstanceJson.readJsonl(clash))
        .hasMessageContaining(":2: duplicate id 'id1' (assigned by position; the line has none)");
  }

  @Test
  void perturbedCopiesMayShareTheirOriginalsId() throws IOException {
    String copy =
        GOOD.replace("}], \"split\"", "}], \"perturbation\": {\"name\": \"typos\"}, \"split\"");
    assertThat(InstanceJson.readJsonl(write("p.jsonl", GOOD, copy))).hasSize(2);
  }

  @Test
  void validateReportsEveryProblem() throws IOException {
    Path file =
        write(
            "v.jsonl",
            GOOD,
            "not json",
            "{\"input\": {\"text\": \"x\"}, \"references\": [], \"split\": \"dev\"}",
            GOOD.replace("q1", "q2"),
            "{\"input\": {\"text\": \"x\"}}");

    assertThat(InstanceJson.validate(file))
        .hasSize(3)
        .satisfies(p -> assertThat(p.get(0)).startsWith(file + ":2: bad JSON"))
        .satisfies(p -> assertThat(p.get(1)).startsWith(file + ":3: unknown split 'dev'"))
        .satisfies(p -> assertThat(p.get(2)).startsWith(file + ":5: missing 'references'"));
    assertThat(InstanceJson.validate(write("ok.jsonl", GOOD))).isEmpty();
  }

  @Test
  void unreadableFilesAreUserErrors() throws IOException {
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> InstanceJson.readJsonl(missing))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(missing + ": file not found");
    assertThat(InstanceJson.validate(missing)).containsExactly(missing + ": file not found");

    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xE9, '"', '}', '\n'});
    assertThatThrownBy(() -> InstanceJson.readJsonl(latin1))
        .hasMessage(latin1 + ": not valid UTF-8 text");
  }

  @Test
  void byteOrderMarkIsIgnored() throws IOException {
    Path file = write("bom.jsonl", "\uFEFF" + GOOD);
    assertThat(InstanceJson.readJsonl(file)).extracting(Instance::id).containsExactly("q1");
  }

  @Test
  void positionalIdsCountAcrossFiles() throws IOException {
    String noId = GOOD.replace("\"id\": \"q1\", ", "");
    Path a = write("a.jsonl", noId, noId);
    Path b = write("b.jsonl", noId);
    assertThat(InstanceJson.readJsonl(List.of(a, b)))
        .extracting(Instance::id)
        .containsExactly("id0", "id1", "id2");
  }

  @Test
  void readsStreams() {
    byte[] bytes = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(InstanceJson.readJsonl(new ByteArrayInputStream(bytes), "res.jsonl")).hasSize(1);
    byte[] bad = "{}\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> InstanceJson.readJsonl(new ByteArrayInputStream(bad), "res.jsonl"))
        .hasMessage("res.jsonl:1: missing 'input' (expected {\"text\": \"...\"})");
  }

  @Test
  void jsonRoundTrip() {
    List<Instance> originals =
        List.of(
            Instance.of(
                "id0", "q", List.of(Reference.correct("a"), Reference.wrong("b")), Split.TRAIN),
            new Instance(
                "id1",
                "ünï \"quoted\"\n",
                List.of(new Reference("x", List.of("correct", "rank=1"))),
                Split.VALID,
                "toxic",
                new PerturbationDescription("typos", true, false, null)),
            new Instance(
                "id2",
                "",
                List.of(),
                Split.TEST,
                null,
                new PerturbationDescription("dialect", false, true, "worst")));

    for (Instance original : originals) {
      ObjectNode json = InstanceJson.toJson(original);
      assertThat(InstanceJson.fromJson(json)).isEqualTo(original);
    }
  }

  @Test
  void toJsonWritesHelmsShapeAndOrder() throws IOException {
    Instance instance =
        new Instance(
            "id7",
            "q",
            List.of(Reference.correct("a")),
            Split.TEST,
            null,
            new PerturbationDescription("typos", true, false, null));
    assertThat(new ObjectMapper().writeValueAsString(InstanceJson.toJson(instance)))
        .isEqualTo(
            "{\"input\":{\"text\":\"q\"},\"references\":[{\"output\":{\"text\":\"a\"},\"tags\":"
                + "[\"correct\"]}],\"split\":\"test\",\"id\":\"id7\",\"perturbation\":"
                + "{\"name\":\"typos\",\"robustness\":true,\"fairness\":false}}");
  }

  @Test
  void codeReferencesKeepTheirTestCasesSortedByKey() throws IOException {
    Reference code =
        new Reference(
            "    return 1\n",
            List.of("correct"),
            Map.of("test", "def check(c):\n    assert c() == 1\n", "entry_point", "one"));
    Instance instance = Instance.of("id0", "def one():\n", List.of(code), Split.TEST);

    ObjectNode json = InstanceJson.toJson(instance);

    assertThat(new ObjectMapper().writeValueAsString(json.get("references").get(0)))
        .isEqualTo(
            "{\"output\":{\"text\":\"    return 1\\n\"},\"tags\":[\"correct\"],"
                + "\"test_cases\":{\"entry_point\":\"one\",\"test\":"
                + "\"def check(c):\\n    assert c() == 1\\n\"}}");
    assertThat(InstanceJson.fromJson(json)).isEqualTo(instance);
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file,
        "{\"id\": \"a\", \"input\": {\"text\": \"q\"}, \"references\": [{\"output\":"
            + " {\"text\": \"x\"}, \"test_cases\": [1]}]}\n");
    assertThat(InstanceJson.validate(file))
        .singleElement()
        .asString()
        .startsWith(file + ":1: references[0].test_cases must be an object, got array [1]");
  }

  @Test
  void fromJsonRejectsNodesThatAreNotInstances() {
    ObjectNode noId = InstanceJson.toJson(Instance.of("x", "q", List.of(), Split.TEST));
    noId.remove("id");
    assertThatThrownBy(() -> InstanceJson.fromJson(noId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing 'id'");
    assertThatThrownBy(() -> InstanceJson.fromJson(new ObjectMapper().createArrayNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("expected a JSON object");
  }

  private void assertProblem(String line, String expected) throws IOException {
    Path file = write("bad.jsonl", line);
    assertThatThrownBy(() -> InstanceJson.readJsonl(file))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(file + expected);
  }

  @Test
  void chatInstancesCarryHelmsInputMessagesAndRoundTrip() throws IOException {
    Path file =
        write(
            "chat.jsonl",
            "{\"id\": \"c1\", \"input\": {\"messages\": [{\"role\": \"system\", \"content\":"
                + " \"Be terse.\"}, {\"role\": \"user\", \"content\": \"2+2?\", \"name\":"
                + " \"ignored\"}]}, \"references\": [{\"output\": {\"text\": \"4\"}, \"tags\":"
                + " [\"correct\"]}]}",
            "{\"id\": \"c2\", \"input\": {\"text\": \"kept\", \"messages\": [{\"role\":"
                + " \"user\", \"content\": \"Hi\"}]}, \"references\": []}");

    List<Instance> instances = InstanceJson.readJsonl(file);

    assertThat(instances.get(0).input()).isEmpty();
    assertThat(instances.get(0).messages())
        .containsExactly(ChatMessage.system("Be terse."), ChatMessage.user("2+2?"));
    assertThat(instances.get(1).input()).isEqualTo("kept");
    assertThat(instances.get(1).messages()).containsExactly(ChatMessage.user("Hi"));
    ObjectNode json = InstanceJson.toJson(instances.get(0));
    assertThat(json.get("input").toString())
        .isEqualTo(
            "{\"text\":\"\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                + "{\"role\":\"user\",\"content\":\"2+2?\"}]}");
    assertThat(InstanceJson.fromJson(json)).isEqualTo(instances.get(0));
    assertThat(InstanceJson.toJson(Instance.of("p", "x", List.of(), Split.TEST)).get("input"))
        .as("no messages key for a plain instance, so its JSON (and hashes) stay as before")
        .hasToString("{\"text\":\"x\"}");
  }

  @Test
  void badMessagesNameTheLineAndTheElement() throws IOException {
    String refs = ", \"references\": []}";
    assertThat(
            InstanceJson.validate(
                write(
                    "bad.jsonl",
                    "{\"input\": {\"messages\": [{\"role\": \"bot\", \"content\": \"x\"}]}" + refs,
                    "{\"input\": {\"messages\": [{\"role\": \"user\"}]}" + refs,
                    "{\"input\": {\"messages\": {\"role\": \"user\"}}" + refs,
                    "{\"input\": {\"messages\": [\"hi\"]}" + refs,
                    "{\"input\": {}" + refs)))
        .extracting(p -> p.substring(p.indexOf(".jsonl:") + 6))
        .containsExactly(
            ":1: 'input.messages[0].role' must be one of system, user, assistant, got 'bot'",
            ":2: 'input.messages[0].content' must be a string",
            ":3: 'input.messages' must be an array of {\"role\", \"content\"}, got object"
                + " {\"role\":\"user\"}",
            ":4: 'input.messages[0]' must be an object, got string \"hi\"",
            ":5: missing 'input.text' (or 'input.messages' for a chat instance)");
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }
}
