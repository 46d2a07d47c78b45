package dev.mlsd.core.data;

/**
 * One malformed row: where it is and why it was refused.
 *
 * @param line the 1-based line number where the record starts
 * @param reason one line, e.g. "expected 40 columns, found 39"
 */
public record RowProblem(long line, String reason) {
  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
