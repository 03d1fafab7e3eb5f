package dev.prism.scenarios.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code csv.reader} with the default {@code excel} dialect (quote {@code "}, doubled
 * quotes inside quoted fields, line breaks allowed inside quotes, records end at {@code \n} or
 * {@code \r\n}) and a chosen delimiter; for RFC 4180 files this is RFC 4180. Empty lines give no
 * record ({@code csv.reader} gives an empty list, {@code csv.DictReader} skips them; HELM's data
 * files have none). Like Python, a quote inside an unquoted field is kept as a character.
 */
public final class Csv {
  private Csv() {}

  /**
   * One record and the 1-based line it starts on (a quoted field may span several lines).
   *
   * @param fields the record's fields; copied
   * @param line the physical line of the record's first character
   */
  public record Row(List<String> fields, long line) {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  /** A malformed file; {@link #line()} is 1-based. */
  public static final class CsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    CsvException(long line, String message) {
      super(message);
      this.line = line;
    }

    /** Where the problem starts. */
    public long line() {
      return line;
    }
  }

  /**
   * The records of {@code in}.
   *
   * @throws CsvException for a quoted field that is never closed, at the line it opens
   */
  public static List<List<String>> parse(Reader in, char delimiter) throws IOException {
    return rows(in, delimiter).stream().map(Row::fields).toList();
  }

  /**
   * The records of {@code in} with the line each starts on.
   *
   * @throws CsvException for a quoted field that is never closed, at the line it opens
   */
  public static List<Row> rows(Reader in, char delimiter) throws IOException {
    Parser parser = new Parser(delimiter);
    char[] buffer = new char[1 << 16];
    int n;
    while ((n = in.read(buffer)) != -1) {
      for (int i = 0; i < n; i++) {
        parser.accept(buffer[i]);
      }
    }
    return parser.finish();
  }

  /** A character-at-a-time state machine. */
  private static final class Parser {
    private final char delimiter;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> row = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean quoted; // inside a quoted field
    private boolean fieldStarted; // something (even "") was read for the current field
    private boolean afterQuote; // a closing quote was just read
    private long line = 1;
    private long rowLine = 1; // where the current record started
    private long quoteLine; // where the open quoted field started

    Parser(char delimiter) {
      this.delimiter = delimiter;
    }

    void accept(char c) {
      if (quoted) {
        if (c == '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        return;
      }
      if (afterQuote && c == '"') { // doubled quote inside a quoted field
        field.append('"');
        quoted = true;
        afterQuote = false;
        return;
      }
      afterQuote = false;
      boolean newRecord = !fieldStarted && field.length() == 0 && row.isEmpty();
      if (c == '\n' || c == '\r') {
        if (!newRecord) {
          endRecord();
        }
        if (c == '\n') {
          line++;
        }
        return;
      }
      if (newRecord) {
        rowLine = line;
      }
      if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '"' && field.length() == 0) { // a quote opens a field only at its start
        quoted = true;
        fieldStarted = true;
        quoteLine = line;
      } else {
        field.append(c);
      }
    }

    List<Row> finish() throws CsvException {
      if (quoted) {
        throw new CsvException(
            quoteLine,
            "the quoted field opened on this line is never closed (unexpected end of file inside"
                + " a quoted field)");
      }
      if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
        endRecord();
      }
      return rows;
    }

    private void endRecord() {
      row.add(field.toString());
      rows.add(new Row(row, rowLine));
      row.clear();
      field.setLength(0);
      fieldStarted = false;
    }
  }
}
