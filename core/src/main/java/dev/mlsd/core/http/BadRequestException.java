package dev.mlsd.core.http;

/**
 * Bad input, answered with a 4xx status and a one-line reason: the only way a handler produces a
 * 4xx. Thrown by request validation ({@link Validation}) and by handlers for input they cannot
 * serve. Any other exception from a handler, a plain {@link IllegalArgumentException} included, is
 * a server fault and answered 500: an internal check failing is not the client's mistake.
 *
 * <p>It extends {@link IllegalArgumentException} so that code which validates its arguments with
 * {@link Validation} keeps throwing what callers outside HTTP expect.
 */
public final class BadRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status a 4xx status
   * @param reason one line, shown to the client
   */
  public BadRequestException(int status, String reason) {
    super(reason);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("not a 4xx status: " + status);
    }
    this.status = status;
  }

  /** 400 Bad Request. */
  public static BadRequestException badRequest(String reason) {
    return new BadRequestException(400, reason);
  }

  /** 404 Not Found for an id the service does not know, e.g. {@code unknownId("user", 42)}. */
  public static BadRequestException unknownId(String what, long id) {
    return new BadRequestException(404, "unknown " + what + " id " + id);
  }

  /** The status to send. */
  public int status() {
    return status;
  }
}
