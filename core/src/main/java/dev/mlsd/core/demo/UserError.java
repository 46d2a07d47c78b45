package dev.mlsd.core.demo;

/**
 * A mistake the user can fix (a bad flag value, a missing file, a dataset not downloaded), as
 * opposed to a bug. {@link DemoLauncher} prints its message as one line and exits with status 2;
 * the stack trace only with {@code --verbose}. The message is the whole explanation: what is wrong
 * and what to do.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line: what is wrong and what to do
   */
  public UserError(String message) {
    super(message);
  }

  /**
   * @param message one line: what is wrong and what to do
   * @param cause the underlying failure (shown with {@code --verbose})
   */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
