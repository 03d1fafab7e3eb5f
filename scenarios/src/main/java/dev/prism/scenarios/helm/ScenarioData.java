package dev.prism.scenarios.helm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.io.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Finds and reads the downloaded files of a {@link DataRequirements} scenario: missing files become
 * a {@link PrismUserException} with the {@code prism download} hint, malformed ones name the file
 * and line. Stateless.
 */
public final class ScenarioData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioData() {}

  /**
   * {@code <dataDir>/<dataName>/<relativePath>}, which must exist (file or folder).
   *
   * @throws PrismUserException {@code scenario 'mmlu' needs data file …, which is missing}, hint
   *     {@code Run: prism download mmlu}
   */
  public static Path require(DataRequirements scenario, ScenarioContext context, String relative) {
    Path path = context.dataDir().resolve(scenario.dataName()).resolve(relative);
    if (!Files.exists(path)) {
      throw new PrismUserException(
          "scenario '" + scenario.dataName() + "' needs data file " + path + ", which is missing",
          "Run: prism download " + scenario.dataName());
    }
    return path;
  }

  /** Receives one JSON line at a time. */
  @FunctionalInterface
  interface JsonLineHandler {
    /**
     * @param row the parsed line
     * @param line its 1-based line number
     */
    void line(JsonNode row, int line);
  }

  /** One JSON object per non-blank line; {@code .gz} files are decompressed. */
  static List<JsonNode> readJsonl(Path file) {
    List<JsonNode> rows = new ArrayList<>();
    forEachJsonLine(file, (row, line) -> rows.add(row));
    return rows;
  }

  /**
   * Streams the JSON lines of {@code file} (decompressed when {@code .gz}) to {@code handler}, so
   * that files too large for memory (Natural Questions) can be read.
   */
  static void forEachJsonLine(Path file, JsonLineHandler handler) {
    try (BufferedReader reader = new BufferedReader(open(file))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = JSON.readTree(line);
        } catch (JacksonException e) {
          throw malformed(file, number, "bad JSON (" + e.getOriginalMessage() + ")");
        }
        handler.line(row, number);
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Streams the elements of the top-level array field {@code field} of a JSON document (e.g.
   * SQuAD-style {@code {"data": [...]}}) to {@code handler}, one tree at a time, so the whole
   * document need not be held as a tree; {@code line} is each element's 1-based line.
   */
  static void forEachArrayElement(Path file, String field, JsonLineHandler handler) {
    try (Reader reader = open(file);
        JsonParser parser = JSON.createParser(reader)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(file, 1, "expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!name.equals(field)) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw malformed(
              file, parser.currentLocation().getLineNr(), "'" + field + "' is no array");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          int line = parser.currentLocation().getLineNr();
          handler.line(parser.readValueAsTree(), line);
        }
        return;
      }
      throw malformed(file, 0, "no array '" + field + "'");
    } catch (JacksonException e) {
      throw malformed(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "bad JSON");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** A whole JSON document. */
  static JsonNode readJson(Path file) {
    try (Reader reader = open(file)) {
      return JSON.readTree(reader);
    } catch (JacksonException e) {
      throw malformed(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "bad JSON");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Rows of a CSV file read like Python's {@code csv.reader} with the default dialect. */
  static List<List<String>> readCsv(Path file) {
    return readDelimited(file, ',');
  }

  /** Rows of a delimited file read like Python's {@code csv.reader(delimiter=…)}. */
  static List<List<String>> readDelimited(Path file, char delimiter) {
    try (Reader reader = open(file)) {
      return Csv.parse(reader, delimiter);
    } catch (Csv.CsvException e) {
      throw malformed(file, e.line(), e.getMessage());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Streams the records of a delimited file to {@code handler} (Python's {@code csv.reader} with
   * this delimiter and {@code skipinitialspace}); {@code .gz} files are decompressed.
   */
  static void streamDelimited(
      Path file, char delimiter, boolean skipInitialSpace, Csv.RowHandler handler) {
    try (Reader reader = open(file)) {
      Csv.parse(reader, delimiter, skipInitialSpace, handler);
    } catch (Csv.CsvException e) {
      throw malformed(file, e.line(), e.getMessage());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * The records after the header as {@code dict(zip(header, row))}, like Python's {@code
   * csv.DictReader} (or the {@code zip} loop of a loading script) over a file opened in text mode,
   * so line breaks inside fields read as {@code \n}.
   */
  static List<Map<String, String>> readDictCsv(Path file, boolean skipInitialSpace) {
    String text = Py.universalNewlines(readString(file));
    List<List<String>> records = new ArrayList<>();
    try {
      Csv.parse(new StringReader(text), ',', skipInitialSpace, (row, line) -> records.add(row));
    } catch (Csv.CsvException e) {
      throw malformed(file, e.line(), e.getMessage());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (records.isEmpty()) {
      throw malformed(file, 1, "no header row");
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
        row.put(header.get(i), record.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The whole file as UTF-8 text. */
  static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The text field {@code name} of JSON row {@code index} (0-based) of {@code file}. */
  static String text(JsonNode row, String name, Path file, int index) {
    JsonNode value = row.get(name);
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw malformed(file, index + 1, "missing field '" + name + "'");
    }
    return value.asText();
  }

  /** The array or object field {@code name} of JSON row {@code index} (0-based) of {@code file}. */
  static JsonNode node(JsonNode row, String name, Path file, int index) {
    JsonNode value = row.get(name);
    if (value == null || value.isNull() || value.isValueNode()) {
      throw malformed(file, index + 1, "missing field '" + name + "'");
    }
    return value;
  }

  static PrismUserException malformed(Path file, long line, String what) {
    return new PrismUserException(
        file + (line > 0 ? ":" + line : "") + ": " + what,
        "Delete the file and download it again with prism download");
  }

  private static Reader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static UncheckedIOException unreadable(Path file, IOException e) {
    return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
  }
}
