package dev.prism.scenarios.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ChatMessage;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import dev.prism.scenarios.declarative.ColumnMapping.Column;
import dev.prism.scenarios.io.Csv;
import dev.prism.scenarios.io.InstanceJson;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads instances from CSV files (RFC 4180, header row first; {@code .tsv} files are split at tabs)
 * through a {@link ColumnMapping}. Problems are reported as {@code file:line} of the CSV, the line
 * a record starts on; an unknown column name also names the YAML line that maps it and suggests the
 * closest header names.
 */
final class CsvInstances {
  private static final String FIX_ROW = "Fix the row and run again";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Split> SPLITS =
      Map.of(
          "train", Split.TRAIN,
          "valid", Split.VALID,
          "validation", Split.VALID,
          "test", Split.TEST);

  private final ColumnMapping mapping;
  private final Path yaml;
  private final boolean stopAtFirst;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();

  /** id → where it was first seen. */
  private final Map<String, String> seen = new HashMap<>();

  /** Index of the next data row among all files read, for positional ids. */
  private int position;

  private CsvInstances(ColumnMapping mapping, Path yaml, boolean stopAtFirst) {
    this.mapping = mapping;
    this.yaml = yaml;
    this.stopAtFirst = stopAtFirst;
  }

  /** Whether a file is read as CSV (by its extension). */
  static boolean isCsv(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".tsv");
  }

  /**
   * The instances of the files, in order; positional ids count across files.
   *
   * @throws PrismUserException for the first problem, as {@code <csv>:<line>: <what>}
   */
  static List<Instance> read(List<Path> files, ColumnMapping mapping, Path yaml) {
    CsvInstances reader = new CsvInstances(mapping, yaml, true);
    for (Path file : files) {
      reader.read(file);
      if (!reader.problems.isEmpty()) {
        Problem first = reader.problems.get(0);
        throw new PrismUserException(first.where() + first.what(), first.hint());
      }
    }
    return List.copyOf(reader.instances);
  }

  /** Every problem of the files, one line each ({@code <csv>:<line>: <what>. <hint>}). */
  static List<String> validate(List<Path> files, ColumnMapping mapping, Path yaml) {
    CsvInstances reader = new CsvInstances(mapping, yaml, false);
    files.forEach(reader::read);
    return Problem.oneLines(reader.problems);
  }

  private void read(Path file) {
    List<Csv.Row> rows;
    char delimiter =
        file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
    try (Reader in =
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
      rows = Csv.rows(in, delimiter);
    } catch (Csv.CsvException e) {
      problems.add(new Problem(file, e.line(), e.getMessage(), "Close the quote, or double it"));
      return;
    } catch (NoSuchFileException e) {
      problems.add(new Problem(file, 0, "file not found", "Check the path and run again"));
      return;
    } catch (CharacterCodingException e) {
      problems.add(new Problem(file, 0, "not valid UTF-8 text", "Save the file as UTF-8"));
      return;
    } catch (IOException e) {
      problems.add(new Problem(file, 0, "cannot read: " + e, "Check that the file is readable"));
      return;
    }
    if (rows.isEmpty()) {
      problems.add(
          new Problem(
              file, 0, "the file is empty", "Start it with a header row naming the columns"));
      return;
    }
    Map<String, Integer> header = header(file, rows.get(0));
    if (header == null) {
      return;
    }
    for (Csv.Row row : rows.subList(1, rows.size())) {
      int before = problems.size();
      readRow(file, header, row);
      position++;
      if (stopAtFirst && problems.size() > before) {
        return;
      }
    }
  }

  /** Column name → index; {@code null} after reporting a mapped column the header lacks. */
  private Map<String, Integer> header(Path file, Csv.Row row) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < row.fields().size(); i++) {
      String name = row.fields().get(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) { // byte-order mark
        name = name.substring(1).strip();
      }
      names.add(name);
      index.putIfAbsent(name, i);
    }
    int before = problems.size();
    for (Column column : mapping.all()) {
      String name = column.name();
      if (!index.containsKey(name)) {
        problems.add(
            new Problem(
                file,
                row.line(),
                "no column '"
                    + name
                    + "' in the header (mapped as "
                    + column.key()
                    + " at "
                    + yaml
                    + ":"
                    + column.yamlLine()
                    + ")",
                DeclarativeScenario.didYouMean(name, names)
                    + "The header has: "
                    + String.join(", ", names)));
      } else if (names.indexOf(name) != names.lastIndexOf(name)) {
        problems.add(
            new Problem(
                file,
                row.line(),
                "column '" + name + "' (" + column.key() + ") appears twice in the header",
                "Rename one of them"));
      }
    }
    return problems.size() > before ? null : index;
  }

  private void readRow(Path file, Map<String, Integer> header, Csv.Row row) {
    RowReader r = new RowReader(file, header, row);
    if (row.fields().size() != header.size()) {
      r.problem(
          row.fields().size() + " fields, but the header has " + header.size(),
          "Quote fields that contain the delimiter, quotes or line breaks");
      return;
    }
    String input = mapping.input() == null ? "" : r.cell(mapping.input());
    if (mapping.input() != null && input.isBlank()) {
      r.problem("empty input (" + r.label(mapping.input()) + ")", FIX_ROW);
      return;
    }
    List<ChatMessage> messages = r.messages();
    if (messages == null) {
      return;
    }
    List<Reference> references =
        mapping.choices().isEmpty() ? r.freeTextReferences() : r.choiceReferences();
    Split split = r.split();
    String id = r.id();
    if (references == null || split == null || id == null) {
      return;
    }
    String where = file + ":" + row.line();
    String first = seen.putIfAbsent(id, where);
    if (first != null) {
      r.problem(
          "duplicate id '" + id + "', first used at " + first,
          "Give every row a unique id, or map no id column");
      return;
    }
    String subSplit = mapping.subSplit() == null ? null : r.cell(mapping.subSplit());
    instances.add(
        new Instance(
            id,
            input,
            references,
            split,
            subSplit == null || subSplit.isEmpty() ? null : subSplit,
            null,
            messages));
  }

  /** One data row being read; its methods report problems and return {@code null} on one. */
  private final class RowReader {
    private final Path file;
    private final Map<String, Integer> header;
    private final Csv.Row row;

    RowReader(Path file, Map<String, Integer> header, Csv.Row row) {
      this.file = file;
      this.header = header;
      this.row = row;
    }

    String cell(Column column) {
      return row.fields().get(header.get(column.name()));
    }

    String label(Column column) {
      return "column '" + column.name() + "'";
    }

    void problem(String what, String hint) {
      problems.add(new Problem(file, row.line(), what, hint));
    }

    /** The chat messages of the row (none when no column is mapped), or {@code null}. */
    List<ChatMessage> messages() {
      Column column = mapping.messages();
      if (column == null) {
        return List.of();
      }
      String hint = "Write the cell as JSON, e.g. [{\"role\": \"user\", \"content\": \"Hi\"}]";
      List<ChatMessage> messages;
      try {
        messages = InstanceJson.messages(JSON.readTree(cell(column)), column.name());
      } catch (JsonProcessingException e) {
        problem(label(column) + " is not JSON: " + e.getOriginalMessage(), hint);
        return null;
      } catch (IllegalArgumentException e) {
        problem(e.getMessage() + " (" + label(column) + ")", hint);
        return null;
      }
      if (messages.isEmpty()) {
        problem("no chat messages (" + label(column) + ")", hint);
        return null;
      }
      return messages;
    }

    /** Every non-empty reference cell, then the correct cell, each once, all tagged correct. */
    List<Reference> freeTextReferences() {
      List<String> texts = new ArrayList<>();
      List<Column> columns = new ArrayList<>(mapping.references());
      if (mapping.correct() != null) {
        columns.add(mapping.correct());
      }
      for (Column column : columns) {
        String text = cell(column).strip();
        if (!text.isEmpty() && !texts.contains(text)) {
          texts.add(text);
        }
      }
      if (texts.isEmpty()) {
        problem(
            "no reference: "
                + String.join(", ", columns.stream().map(this::label).toList())
                + (columns.size() == 1 ? " is" : " are all")
                + " empty",
            "Fill in the answer, or remove the row");
        return null;
      }
      return texts.stream().map(Reference::correct).toList();
    }

    /** The non-empty choices in column order, the selected one(s) tagged correct. */
    List<Reference> choiceReferences() {
      List<String> options = new ArrayList<>();
      for (Column column : mapping.choices()) {
        options.add(cell(column).strip());
      }
      Integer answer = answerIndex(options);
      if (answer == null) {
        return null;
      }
      List<Reference> references = new ArrayList<>();
      for (int i = 0; i < options.size(); i++) {
        String text = options.get(i);
        if (text.isEmpty()) {
          continue;
        }
        boolean correct =
            mapping.correct() == null ? i == answer : text.equals(options.get(answer));
        references.add(correct ? Reference.correct(text) : Reference.wrong(text));
      }
      return references;
    }

    /** The 0-based position among the choice columns of the correct option. */
    private Integer answerIndex(List<String> options) {
      int index;
      if (mapping.correct() != null) {
        String text = cell(mapping.correct()).strip();
        index = options.indexOf(text);
        if (index < 0) {
          problem(
              "the correct answer '"
                  + text
                  + "' ("
                  + label(mapping.correct())
                  + ") is none of the choices",
              "Make it equal one choice's text; a column of letters maps as answer_letter, of"
                  + " 0-based numbers as answer_index");
          return null;
        }
      } else if (mapping.answerLetter() != null) {
        String letter = cell(mapping.answerLetter()).strip().toUpperCase(Locale.ROOT);
        index = letter.length() == 1 ? letter.charAt(0) - 'A' : -1;
        if (index < 0 || index >= options.size()) {
          problem(
              "answer letter '"
                  + cell(mapping.answerLetter())
                  + "' ("
                  + label(mapping.answerLetter())
                  + ") is not one of A to "
                  + (char) ('A' + options.size() - 1),
              FIX_ROW);
          return null;
        }
      } else {
        String number = cell(mapping.answerIndex()).strip();
        try {
          index = Integer.parseInt(number);
        } catch (NumberFormatException e) {
          index = -1;
        }
        if (index < 0 || index >= options.size()) {
          problem(
              "answer index '"
                  + number
                  + "' ("
                  + label(mapping.answerIndex())
                  + ") is not a whole number from 0 to "
                  + (options.size() - 1),
              "answer_index counts choices from 0; a column of letters maps as answer_letter");
          return null;
        }
      }
      if (options.get(index).isEmpty()) {
        problem(
            "the correct choice (" + label(mapping.choices().get(index)) + ") is empty", FIX_ROW);
        return null;
      }
      return index;
    }

    Split split() {
      if (mapping.split() == null) {
        return Split.TEST;
      }
      String name = cell(mapping.split()).strip();
      Split split = SPLITS.get(name.toLowerCase(Locale.ROOT));
      if (split == null) {
        problem(
            "unknown split '" + name + "' (" + label(mapping.split()) + ")",
            DeclarativeScenario.didYouMean(name, List.of("train", "valid", "test"))
                + "Valid splits: train, valid (or validation), test");
      }
      return split;
    }

    String id() {
      if (mapping.id() == null) {
        return "id" + position;
      }
      String id = cell(mapping.id()).strip();
      if (id.isEmpty()) {
        problem("empty id (" + label(mapping.id()) + ")", "Give every row an id");
        return null;
      }
      return id;
    }
  }
}
