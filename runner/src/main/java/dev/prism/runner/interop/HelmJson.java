package dev.prism.runner.interop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and writing HELM's JSON files: indented by two spaces, {@code "key": value}. */
final class HelmJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private HelmJson() {}

  /** A pretty printer that writes what Python's {@code json.dump(indent=2)} writes. */
  static DefaultPrettyPrinter printer() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    p.indentObjectsWith(indenter);
    p.indentArraysWith(indenter);
    return p;
  }

  /** Writes one JSON value to a file, indented. */
  static void write(Path file, JsonNode value) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = generator(out)) {
      g.writeTree(value);
      g.writeRaw('\n');
    }
  }

  /** An indented generator over {@code out}. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = MAPPER.getFactory().createGenerator(out);
    g.setPrettyPrinter(printer());
    return g;
  }

  /**
   * Reads a whole JSON file.
   *
   * @throws PrismUserException naming the file when it is missing or not JSON
   */
  static JsonNode read(Path file) {
    try (JsonParser p = parser(file)) {
      JsonNode node = MAPPER.readTree(p);
      if (node == null) {
        throw malformed(file, "empty file");
      }
      return node;
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /**
   * A streaming parser over a file.
   *
   * @throws PrismUserException naming the file when it is missing
   */
  static JsonParser parser(Path file) {
    try {
      return MAPPER.getFactory().createParser(Files.newInputStream(file));
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** The user error for a file that cannot be read or parsed. */
  static PrismUserException failure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return missing(file);
    }
    if (e instanceof JsonProcessingException j) {
      String what = j.getOriginalMessage();
      int newline = what.indexOf('\n');
      what = newline >= 0 ? what.substring(0, newline) : what;
      int line = j.getLocation() == null ? -1 : j.getLocation().getLineNr();
      return malformed(file, "bad JSON" + (line > 0 ? " at line " + line : "") + ": " + what);
    }
    return new PrismUserException(
        file + ": cannot read: " + e.getMessage(), "Check that the file is readable", e);
  }

  static PrismUserException missing(Path file) {
    return new PrismUserException(
        file + ": file not found",
        "A HELM run folder needs run_spec.json, scenario_state.json and stats.json");
  }

  static PrismUserException malformed(Path file, String what) {
    return new PrismUserException(
        file + ": " + what, "Check that the folder holds HELM's own output, unchanged");
  }
}
