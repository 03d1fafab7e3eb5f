package dev.prism.core;

/**
 * A mistake the user can fix (bad input file, unknown name, missing data). The CLI prints {@link
 * #getMessage()} (what failed and where, e.g. {@code file:line}) followed by {@link #hint()} (what
 * to do) on one line and exits with status 2, without a stack trace.
 */
public class PrismUserException extends RuntimeException {
  private final String hint;

  /**
   * @param message what failed and where, e.g. {@code "data.jsonl:7: bad JSON (…)"}
   * @param hint what to do about it; may be empty
   */
  public PrismUserException(String message, String hint) {
    super(message);
    this.hint = hint == null ? "" : hint;
  }

  public PrismUserException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint == null ? "" : hint;
  }

  /** What the user should do; never {@code null}, possibly empty. */
  public String hint() {
    return hint;
  }

  /** Message and hint as the one line the CLI prints. */
  public String oneLine() {
    String line = hint.isEmpty() ? getMessage() : getMessage() + ". " + hint;
    return line.replace('\n', ' ');
  }
}
