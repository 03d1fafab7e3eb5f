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
 * files have none). Like Python, a quote inside an unquoted field is kept as a character. With
 * {@code skipInitialSpace}, spaces right after a delimiter are dropped ({@code
 * skipinitialspace=True}).
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

  /** Receives the records of a file one at a time. */
  @FunctionalInterface
  public interface RowHandler {
    /**
     * @param row the fields, unmodifiable
     * @param line the 1-based line on which the record starts
     */
    void row(List<String> row, long line) throws IOException;
  }

  /**
   * Streams the records of {@code in} to {@code handler}, so large files need not fit in memory.
   *
   * @throws CsvException for a quoted field that is never closed, at the line it opens
   */
  public static void parse(Reader in, char delimiter, boolean skipInitialSpace, RowHandler handler)
      throws IOException {
    Parser parser = new Parser(delimiter, skipInitialSpace, handler);
    char[] buffer = new char[1 << 16];
    int n;
    while ((n = in.read(buffer)) != -1) {
      for (int i = 0; i < n; i++) {
        parser.accept(buffer[i]);
      }
    }
    parser.finish();
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
    List<Row> rows = new ArrayList<>();
    parse(in, delimiter, false, (row, line) -> rows.add(new Row(row, line)));
    return rows;
  }

  /** A character-at-a-time state machine. */
  private static final class Parser {
    private final char delimiter;
    private final boolean skipInitialSpace;
    private final RowHandler handler;
    private final List<String> row = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean quoted; // inside a quoted field
    private boolean fieldStarted; // something (even "") was read for the current field
    private boolean afterQuote; // a closing quote was just read
    private boolean startOfField = true; // nothing but skipped spaces read for the current field
    private long line = 1;
    private long rowLine = 1; // where the current record started
    private long quoteLine; // where the open quoted field started

    Parser(char delimiter, boolean skipInitialSpace, RowHandler handler) {
      this.delimiter = delimiter;
      this.skipInitialSpace = skipInitialSpace;
      this.handler = handler;
    }

    void accept(char c) throws IOException {
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
      if (c == ' ' && skipInitialSpace && startOfField && field.length() == 0) {
        return;
      }
      startOfField = false;
      if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
        startOfField = true;
      } else if (c == '"' && field.length() == 0) { // a quote opens a field only at its start
        quoted = true;
        fieldStarted = true;
        quoteLine = line;
      } else {
        field.append(c);
      }
    }

    void finish() throws IOException {
      if (quoted) {
        throw new CsvException(
            quoteLine,
            "the quoted field opened on this line is never closed (unexpected end of file inside"
                + " a quoted field)");
      }
      if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
        endRecord();
      }
    }

    private void endRecord() throws IOException {
      row.add(field.toString());
      handler.row(List.copyOf(row), rowLine);
      row.clear();
      field.setLength(0);
      fieldStarted = false;
      startOfField = true;
    }
  }
}
