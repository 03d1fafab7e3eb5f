package dev.prism.adapters;

/**
 * One problem found in a deployments file.
 *
 * @param location {@code file:line}
 * @param message what is wrong
 * @param hint what to do; may be empty
 */
public record CatalogIssue(String location, String message, String hint) {
  /** {@code file:line: message (hint)}. */
  public String oneLine() {
    return location + ": " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
  }
}
