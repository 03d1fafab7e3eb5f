package dev.prism.adapters;

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
 * deployments file can say {@code file:line}. (A copy of the scenarios module's reader; the two
 * modules do not depend on each other.) Jackson's tree model drops locations, hence this small
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
   * is ignored) go to {@code issues}, so that reading goes on to find the schema's problems.
   *
   * @throws PrismUserException for a missing file, bad YAML syntax (the parser cannot go on) or an
   *     empty file
   */
  static Node read(Path file, Consumer<CatalogIssue> issues) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), issues);
    } catch (NoSuchFileException e) {
      throw new PrismUserException(
          "deployments file '" + file + "' not found", "Check the path and run again");
    } catch (IOException e) {
      throw new PrismUserException(
          file + ": cannot read: " + e.getMessage(), "Check that the file is readable", e);
    }
  }

  /** Reads one YAML document from {@code in}; {@code file} names it in messages. */
  static Node read(InputStream in, String file, Consumer<CatalogIssue> issues) {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PrismUserException(
            file + ": the file is empty", "Add a 'model_deployments:' list");
      }
      Node root = value(file, parser, issues);
      if (parser.nextToken() != null) {
        issues.accept(
            new CatalogIssue(
                file + ":" + line(parser),
                "more than one YAML document",
                "Keep one document per file and remove the '---' separator"));
      }
      return root;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1 ? file.toString() : file + ":" + at.getLineNr();
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
  private static Node value(String file, JsonParser parser, Consumer<CatalogIssue> issues)
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
            Entry entry = new Entry(keyLine, value(file, parser, issues));
            Entry first = map.putIfAbsent(key, entry);
            if (first != null) {
              issues.accept(
                  new CatalogIssue(
                      file + ":" + keyLine,
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
            list.add(value(file, parser, issues));
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
