package dev.prism.scenarios.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A YAML document read into plain values that remember their line, so that every complaint about a
 * scenario file can say {@code file:line}. Jackson's tree model drops locations, hence this small
 * reader over the streaming parser.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /**
   * A value and the line it starts on. {@code value} is a {@link String}, {@link Long}, {@link
   * Double}, {@link Boolean}, {@code null}, a {@code List<Node>} or a {@code Map<String, Entry>}.
   */
  record Node(Object value, int line) {
    boolean isMap() {
      return value instanceof Map;
    }

    boolean isList() {
      return value instanceof List;
    }

    @SuppressWarnings("unchecked") // built only by this reader, with these types
    Map<String, Entry> map() {
      return (Map<String, Entry>) value;
    }

    @SuppressWarnings("unchecked") // built only by this reader, with these types
    List<Node> list() {
      return (List<Node>) value;
    }

    /** How the value reads in an error message: {@code text 'x'}, {@code a number}, … */
    String describe() {
      if (value == null) {
        return "nothing (null)";
      } else if (value instanceof String s) {
        return "text '" + s + "'";
      } else if (value instanceof Boolean b) {
        return "the boolean " + b;
      } else if (value instanceof Number n) {
        return "the number " + n;
      } else if (isList()) {
        return "a list";
      }
      return "a mapping";
    }
  }

  /** A mapping entry: the key's line and the value. */
  record Entry(int keyLine, Node value) {}

  /**
   * Reads one YAML document. A duplicate key (the first value is kept) and a second document (which
   * is ignored) go to {@code problems}, so that reading goes on to find the schema's problems.
   *
   * @throws PrismUserException for a missing file, bad YAML syntax (with its line and column: the
   *     parser cannot go on) or an empty file
   */
  static Node read(Path file, Consumer<Problem> problems) {
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PrismUserException(
            file + ": the file is empty", "Add at least 'name' and 'instances'");
      }
      Node root = value(file, parser, problems);
      if (parser.nextToken() != null) {
        problems.accept(
            new Problem(
                file,
                line(parser),
                "more than one YAML document",
                "Keep one scenario per file and remove the '---' separator"));
      }
      return root;
    } catch (NoSuchFileException e) {
      throw new PrismUserException(
          "scenario file '" + file + "' not found", "Check the path and run again");
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? file.toString()
              : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new PrismUserException(
          where + ": bad YAML: " + summary(e.getOriginalMessage()),
          "Fix the YAML syntax (indentation, quotes, colons) and run again",
          e);
    } catch (IOException e) {
      throw new PrismUserException(
          file + ": cannot read: " + e.getMessage(), "Check that the file is readable", e);
    }
  }

  /**
   * SnakeYAML's message without its source excerpts: the unindented lines ("while scanning a quoted
   * scalar", "found unexpected end of stream") joined into one.
   */
  static String summary(String message) {
    return String.join(
        "; ",
        message
            .lines()
            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
            .map(String::strip)
            .toList());
  }

  /** The value whose first token is the parser's current token. */
  private static Node value(Path file, JsonParser parser, Consumer<Problem> problems)
      throws IOException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          Map<String, Entry> map = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            parser.nextToken();
            Entry entry = new Entry(keyLine, value(file, parser, problems));
            Entry first = map.putIfAbsent(key, entry);
            if (first != null) {
              problems.accept(
                  new Problem(
                      file,
                      keyLine,
                      "duplicate key '" + key + "' (first on line " + first.keyLine() + ")",
                      "Remove one of them"));
            }
          }
          return new Node(map, line);
        }
      case START_ARRAY:
        {
          List<Node> list = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(file, parser, problems));
          }
          return new Node(list, line);
        }
      case VALUE_STRING:
        return new Node(parser.getText(), line);
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return new Node(parser.getDoubleValue(), line);
        }
        return new Node(parser.getLongValue(), line);
      case VALUE_NUMBER_FLOAT:
        return new Node(parser.getDoubleValue(), line);
      case VALUE_TRUE:
        return new Node(Boolean.TRUE, line);
      case VALUE_FALSE:
        return new Node(Boolean.FALSE, line);
      case VALUE_NULL:
        return new Node(null, line);
      default:
        throw new PrismUserException(
            file + ":" + line + ": unsupported YAML content (" + token + ")",
            "Use plain mappings, lists and scalars");
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
