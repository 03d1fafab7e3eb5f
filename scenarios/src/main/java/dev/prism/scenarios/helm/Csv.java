package dev.prism.scenarios.helm;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code csv.reader} with the default {@code excel} dialect (quote {@code "}, doubled
 * quotes inside quoted fields, line breaks allowed inside quotes, records end at {@code \n} or
 * {@code \r\n}) and a chosen delimiter. Empty lines give no record ({@code csv.reader} gives an
 * empty list, {@code csv.DictReader} skips them; HELM's data files have none). With {@code
 * skipInitialSpace}, spaces right after a delimiter are dropped ({@code skipinitialspace=True}).
 */
final class Csv {
  private Csv() {}

  /** A malformed file; {@link #line()} is 1-based. */
  static final class CsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    CsvException(long line, String message) {
      super(message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  /** Receives the records of a file one at a time. */
  @FunctionalInterface
  interface RowHandler {
    /**
     * @param row the fields, unmodifiable
     * @param line the 1-based line on which the record starts
     */
    void row(List<String> row, long line) throws IOException;
  }

  static List<List<String>> parse(Reader in, char delimiter) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    parse(in, delimiter, false, (row, line) -> rows.add(row));
    return rows;
  }

  /**
   * Streams the records of {@code in} to {@code handler}, so large files need not fit in memory.
   */
  static void parse(Reader in, char delimiter, boolean skipInitialSpace, RowHandler handler)
      throws IOException {
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false; // inside a quoted field
    boolean fieldStarted = false; // something (even "") was read for the current field
    boolean afterQuote = false; // a closing quote was just read
    boolean startOfField = true; // nothing but skipped spaces read for the current field
    long line = 1;
    long start = 1; // line on which the current record started
    char[] buffer = new char[1 << 16];
    int n;
    while ((n = in.read(buffer)) != -1) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
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
          continue;
        }
        if (afterQuote && c == '"') { // doubled quote inside a quoted field
          field.append('"');
          quoted = true;
          afterQuote = false;
          continue;
        }
        afterQuote = false;
        if (field.length() == 0 && !fieldStarted && row.isEmpty()) {
          start = line;
        }
        if (c == ' ' && skipInitialSpace && field.length() == 0 && !quoted && startOfField) {
          continue;
        }
        startOfField = false;
        if (c == delimiter) {
          row.add(field.toString());
          field.setLength(0);
          fieldStarted = true;
          startOfField = true;
        } else if (c == '\n' || c == '\r') {
          if (c == '\n') {
            line++;
          }
          if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            handler.row(List.copyOf(row), start);
          }
          row.clear();
          field.setLength(0);
          fieldStarted = false;
          startOfField = true;
        } else if (c == '"' && field.length() == 0) { // a quote opens a field only at its start
          quoted = true;
          fieldStarted = true;
        } else {
          field.append(c);
        }
      }
    }
    if (quoted) {
      throw new CsvException(line, "unexpected end of file inside a quoted field");
    }
    if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      handler.row(List.copyOf(row), start);
    }
  }
}
