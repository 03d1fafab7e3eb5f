package dev.prism.scenarios.declarative;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One mistake in a scenario file or one of its CSV files, found while collecting every mistake at
 * once ({@code prism validate}).
 *
 * @param file the file it is in
 * @param line the line it is on, 1-based; 0 for the whole file
 * @param what what is wrong
 * @param hint what to do; may be empty
 */
record Problem(Path file, long line, String what, String hint) {
  /** The order {@code prism validate} lists a file's problems in: by line, ties as found. */
  static final Comparator<Problem> BY_LINE = Comparator.comparingLong(Problem::line);

  Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(hint, "hint");
  }

  /** {@code <file>:<line>: } or, for the whole file, {@code <file>: }. */
  String where() {
    return line == 0 ? file + ": " : file + ":" + line + ": ";
  }

  /** {@code <file>:<line>: <what>. <hint>}, the line {@code prism validate} prints. */
  String oneLine() {
    return where() + what + (hint.isEmpty() ? "" : ". " + hint);
  }

  static List<String> oneLines(List<Problem> problems) {
    return problems.stream().map(Problem::oneLine).toList();
  }
}
