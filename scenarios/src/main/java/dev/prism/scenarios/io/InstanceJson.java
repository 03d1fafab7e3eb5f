package dev.prism.scenarios.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and writes instances in HELM's Instance JSON shape, one object per line in {@code .jsonl}
 * files:
 *
 * <pre>{@code
 * {"id": "q1", "input": {"text": "Capital of France?"},
 *  "references": [{"output": {"text": "Paris"}, "tags": ["correct"]}],
 *  "split": "test", "sub_split": null,
 *  "perturbation": {"name": "typos", "robustness": true, "fairness": false}}
 * }</pre>
 *
 * <p>A chat instance (prompt method {@code chat}) carries HELM's {@code input.messages}, a list of
 * turns whose last is the user's; {@code input.text} may then be left out:
 *
 * <pre>{@code
 * {"id": "c1", "input": {"messages": [{"role": "system", "content": "Answer in one word."},
 *                                     {"role": "user", "content": "Capital of France?"}]},
 *  "references": [{"output": {"text": "Paris"}, "tags": ["correct"]}]}
 * }</pre>
 *
 * <p>Blank lines are skipped. {@code id}, {@code split} (default {@code test}), {@code sub_split},
 * {@code tags} (default none), {@code input.messages}, a code reference's {@code test_cases}
 * (HELM's {@code CodeReference}) and {@code perturbation} are optional; other keys (HELM's {@code
 * extra_data}, {@code contrast_inputs}, …) are ignored. A line without {@code id} gets {@code
 * id<i>}, {@code i} being its position among all instances read (HELM's {@code with_instance_ids}).
 * Two lines with the same id and perturbation are an error. Thread-safe.
 */
public final class InstanceJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Pattern SOURCE_EXCERPT =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");
  private static final String FIX_HINT = "Fix the line and run again";

  private InstanceJson() {}

  /**
   * Reads one JSONL file.
   *
   * @throws PrismUserException for the first problem, as {@code <file>:<line>: <what>}
   */
  public static List<Instance> readJsonl(Path file) {
    return readJsonl(List.of(file));
  }

  /**
   * Reads several JSONL files as one list, in order; positional ids count across files.
   *
   * @throws PrismUserException for the first problem, as {@code <file>:<line>: <what>}
   */
  public static List<Instance> readJsonl(List<Path> files) {
    Reader reader = new Reader(true);
    for (Path file : files) {
      reader.read(file);
      if (!reader.problems.isEmpty()) {
        Problem first = reader.problems.get(0);
        throw new PrismUserException(first.toString(), first.hint);
      }
    }
    return reader.instances();
  }

  /**
   * Reads JSONL from a stream (a resource, standard input), which is closed afterwards.
   *
   * @param source how messages name the stream, e.g. a resource or file name
   * @throws PrismUserException for the first problem, as {@code <source>:<line>: <what>}
   */
  public static List<Instance> readJsonl(InputStream in, String source) {
    Reader reader = new Reader(true);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
      reader.read(lines, source);
    } catch (CharacterCodingException e) {
      throw new PrismUserException(source + ": not valid UTF-8 text", "Save the file as UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (!reader.problems.isEmpty()) {
      Problem first = reader.problems.get(0);
      throw new PrismUserException(first.toString(), first.hint);
    }
    return reader.instances();
  }

  /**
   * Every problem in a JSONL file, each as {@code <file>:<line>: <what>} (or {@code <file>: <what>}
   * when the file cannot be read); empty when the file is valid.
   */
  public static List<String> validate(Path file) {
    Reader reader = new Reader(false);
    reader.read(file);
    return reader.problems.stream().map(Problem::toString).toList();
  }

  /**
   * The instance in HELM's JSON shape (keys in HELM's order; {@code sub_split}, {@code
   * perturbation}, {@code computed_on} and {@code input.messages} left out when absent).
   */
  public static ObjectNode toJson(Instance instance) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode input = node.putObject("input").put("text", instance.input());
    if (!instance.messages().isEmpty()) {
      writeMessages(instance.messages(), input.putArray("messages"));
    }
    ArrayNode refs = node.putArray("references");
    for (Reference reference : instance.references()) {
      ObjectNode ref = refs.addObject();
      ref.putObject("output").put("text", reference.text());
      ArrayNode tags = ref.putArray("tags");
      reference.tags().forEach(tags::add);
      if (!reference.testCases().isEmpty()) {
        ObjectNode cases = ref.putObject("test_cases");
        new TreeMap<>(reference.testCases()).forEach(cases::put); // sorted: same bytes every time
      }
    }
    node.put("split", instance.split().helmName());
    if (instance.subSplit() != null) {
      node.put("sub_split", instance.subSplit());
    }
    node.put("id", instance.id());
    PerturbationDescription p = instance.perturbation();
    if (p != null) {
      ObjectNode pn = node.putObject("perturbation");
      pn.put("name", p.name());
      pn.put("robustness", p.robustness());
      pn.put("fairness", p.fairness());
      if (p.computedOn() != null) {
        pn.put("computed_on", p.computedOn());
      }
    }
    return node;
  }

  /**
   * The instance a {@link #toJson} node (or a HELM instance object) describes.
   *
   * @throws IllegalArgumentException saying what is wrong, when the node is not an instance with an
   *     id
   */
  public static Instance fromJson(JsonNode node) {
    Objects.requireNonNull(node, "node");
    try {
      Instance instance = parse(node, null);
      if (instance == null) {
        throw new IllegalArgumentException("missing 'id'");
      }
      return instance;
    } catch (BadInstance e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Parses one instance object. Returns {@code null} when the object has no id and {@code
   * fallbackId} is {@code null}.
   */
  private static Instance parse(JsonNode node, String fallbackId) throws BadInstance {
    if (!node.isObject()) {
      throw new BadInstance("expected a JSON object, got " + describe(node));
    }
    String id = optionalText(node, "id", "'id'");
    if (id == null) {
      if (fallbackId == null) {
        return null;
      }
      id = fallbackId;
    }
    JsonNode input = node.get("input");
    if (input == null || input.isNull()) {
      throw new BadInstance("missing 'input' (expected {\"text\": \"...\"})");
    }
    if (!input.isObject()) {
      throw new BadInstance(
          "'input' must be an object like {\"text\": \"...\"}, got " + describe(input));
    }
    String text = optionalText(input, "text", "'input.text'");
    List<ChatMessage> messages;
    try {
      messages = messages(input.get("messages"), "input.messages");
    } catch (IllegalArgumentException e) {
      throw new BadInstance(e.getMessage());
    }
    if (text == null) {
      if (messages.isEmpty()) {
        throw new BadInstance("missing 'input.text' (or 'input.messages' for a chat instance)");
      }
      text = ""; // HELM's Input.text default
    }
    List<Reference> references = references(node.get("references"));
    String splitName = optionalText(node, "split", "'split'");
    Split split;
    try {
      split = splitName == null ? Split.TEST : Split.fromHelmName(splitName);
    } catch (IllegalArgumentException e) {
      throw new BadInstance(e.getMessage());
    }
    String subSplit = optionalText(node, "sub_split", "'sub_split'");
    return new Instance(
        id, text, references, split, subSplit, perturbation(node.get("perturbation")), messages);
  }

  /**
   * Chat messages in HELM's shape, {@code [{"role": "user", "content": "..."}, ...]}; empty when
   * {@code node} is absent or null. Roles are {@code system}, {@code user} and {@code assistant};
   * other keys of a message are ignored.
   *
   * @param where how messages name the array, e.g. {@code input.messages}
   * @throws IllegalArgumentException naming the bad element, e.g. {@code "'input.messages[1].role'
   *     must be one of system, user, assistant, got 'bot'"}
   */
  public static List<ChatMessage> messages(JsonNode node, String where) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          "'" + where + "' must be an array of {\"role\", \"content\"}, got " + describe(node));
    }
    List<ChatMessage> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      String at = where + "[" + i + "]";
      if (!m.isObject()) {
        throw new IllegalArgumentException("'" + at + "' must be an object, got " + describe(m));
      }
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual()) {
        throw new IllegalArgumentException("'" + at + ".role' must be a string");
      }
      if (content == null || !content.isTextual()) {
        throw new IllegalArgumentException("'" + at + ".content' must be a string");
      }
      ChatMessage.Role parsed;
      try {
        parsed = ChatMessage.Role.fromWireName(role.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'"
                + at
                + ".role' must be one of system, user, assistant, got '"
                + role.textValue()
                + "'",
            e);
      }
      out.add(new ChatMessage(parsed, content.textValue()));
    }
    return out;
  }

  /**
   * Appends {@code messages} to {@code array} in HELM's shape ({@code role}, then {@code content}).
   */
  public static void writeMessages(List<ChatMessage> messages, ArrayNode array) {
    for (ChatMessage m : messages) {
      array.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
  }

  private static List<Reference> references(JsonNode refs) throws BadInstance {
    if (refs == null || refs.isNull()) {
      throw new BadInstance("missing 'references' (use [] for none)");
    }
    if (!refs.isArray()) {
      throw new BadInstance("'references' must be an array, got " + describe(refs));
    }
    List<Reference> result = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String where = "references[" + i + "]";
      if (!ref.isObject()) {
        throw new BadInstance(where + " must be an object, got " + describe(ref));
      }
      JsonNode output = ref.get("output");
      String text = output != null && output.isObject() ? output.path("text").textValue() : null;
      if (text == null) {
        throw new BadInstance(where + " has no 'output.text' string");
      }
      result.add(
          new Reference(
              text, tags(ref.get("tags"), where), testCases(ref.get("test_cases"), where)));
    }
    return result;
  }

  private static List<String> tags(JsonNode tags, String where) throws BadInstance {
    if (tags == null || tags.isNull()) {
      return List.of();
    }
    if (!tags.isArray()) {
      throw new BadInstance(where + ".tags must be an array of strings, got " + describe(tags));
    }
    List<String> result = new ArrayList<>(tags.size());
    for (JsonNode tag : tags) {
      if (!tag.isTextual()) {
        throw new BadInstance(where + ".tags must be an array of strings, got " + describe(tag));
      }
      result.add(tag.textValue());
    }
    return result;
  }

  /**
   * A code reference's {@code test_cases} object; values that are not strings (HELM's APPS keeps
   * lists there) are kept as their JSON text.
   */
  private static Map<String, String> testCases(JsonNode cases, String where) throws BadInstance {
    if (cases == null || cases.isNull()) {
      return Map.of();
    }
    if (!cases.isObject()) {
      throw new BadInstance(where + ".test_cases must be an object, got " + describe(cases));
    }
    Map<String, String> result = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : cases.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNull()) {
        result.put(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
      }
    }
    return result;
  }

  private static PerturbationDescription perturbation(JsonNode p) throws BadInstance {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      throw new BadInstance("'perturbation' must be an object, got " + describe(p));
    }
    String name = optionalText(p, "name", "'perturbation.name'");
    if (name == null) {
      throw new BadInstance("missing 'perturbation.name'");
    }
    return new PerturbationDescription(
        name,
        flag(p, "robustness"),
        flag(p, "fairness"),
        optionalText(p, "computed_on", "'perturbation.computed_on'"));
  }

  private static boolean flag(JsonNode p, String key) throws BadInstance {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new BadInstance("'perturbation." + key + "' must be true or false, got " + describe(v));
    }
    return v.booleanValue();
  }

  private static String optionalText(JsonNode node, String key, String label) throws BadInstance {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInstance(label + " must be a string, got " + describe(v));
    }
    return v.textValue();
  }

  private static String describe(JsonNode node) {
    String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = node.toString();
    return kind + " " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }

  /** A problem with one line (or, with {@code line == 0}, with the whole file). */
  private record Problem(String file, int line, String what, String hint) {
    @Override
    public String toString() {
      return line == 0 ? file + ": " + what : file + ":" + line + ": " + what;
    }
  }

  /** Reads lines into instances, collecting problems; stops at the first when asked to. */
  private static final class Reader {
    private final boolean stopAtFirst;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();

    /** (id, perturbation name) → where it was first seen. */
    private final Map<List<String>, String> seen = new HashMap<>();

    /** Index of the next non-blank line among all files read. */
    private int position;

    Reader(boolean stopAtFirst) {
      this.stopAtFirst = stopAtFirst;
    }

    List<Instance> instances() {
      return List.copyOf(instances);
    }

    void read(Path file) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        read(in, file.toString());
      } catch (NoSuchFileException e) {
        problems.add(
            new Problem(file.toString(), 0, "file not found", "Check the path and run again"));
      } catch (CharacterCodingException e) {
        problems.add(
            new Problem(file.toString(), 0, "not valid UTF-8 text", "Save the file as UTF-8"));
      } catch (IOException e) {
        problems.add(
            new Problem(
                file.toString(), 0, "cannot read: " + e, "Check that the file is readable"));
      }
    }

    void read(BufferedReader in, String source) throws IOException {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // byte-order mark
        }
        if (line.isBlank()) {
          continue;
        }
        readLine(source, lineNo, line, "id" + position);
        position++;
        if (stopAtFirst && !problems.isEmpty()) {
          return;
        }
      }
    }

    private void readLine(String file, int lineNo, String line, String positionalId) {
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        problems.add(new Problem(file, lineNo, badJson(e), FIX_HINT));
        return;
      }
      Instance instance;
      try {
        instance = parse(node, positionalId);
      } catch (BadInstance e) {
        problems.add(new Problem(file, lineNo, e.getMessage(), FIX_HINT));
        return;
      }
      String where = file + ":" + lineNo;
      String perturbation = instance.perturbation() == null ? "" : instance.perturbation().name();
      String first = seen.putIfAbsent(List.of(instance.id(), perturbation), where);
      if (first != null) {
        String assigned = node.hasNonNull("id") ? "" : " (assigned by position; the line has none)";
        problems.add(
            new Problem(
                file,
                lineNo,
                "duplicate id '" + instance.id() + "'" + assigned + ", first used at " + first,
                "Give every instance a unique id, or leave all ids out"));
        return;
      }
      instances.add(instance);
    }

    private static String badJson(JacksonException e) {
      String what = e.getOriginalMessage();
      int newline = what.indexOf('\n');
      if (newline >= 0) {
        what = what.substring(0, newline);
      }
      // Jackson points at the object's start with a "[Source: …]" excerpt; the column says enough.
      what = SOURCE_EXCERPT.matcher(what).replaceAll("");
      int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      return "bad JSON" + (column > 0 ? " at column " + column : "") + ": " + what;
    }
  }

  /** A line that is JSON but not an instance. */
  private static final class BadInstance extends Exception {
    private static final long serialVersionUID = 1L;

    BadInstance(String message) {
      super(message);
    }
  }
}
