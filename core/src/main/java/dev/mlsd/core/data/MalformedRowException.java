package dev.mlsd.core.data;

/**
 * Thrown by a {@link DelimitedReader.RowHandler} to refuse one row; the reader counts it and goes
 * on.
 */
public final class MalformedRowException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason one line, naming the field and the offending value
   */
  public MalformedRowException(String reason) {
    super(reason, null, false, false);
  }
}
