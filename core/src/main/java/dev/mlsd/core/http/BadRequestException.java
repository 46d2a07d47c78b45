package dev.mlsd.core.http;

/**
 * Bad input, answered with a 4xx status and a one-line reason. Thrown by request validation and
 * handlers; an {@link IllegalArgumentException} from a handler is answered the same way with 400.
 */
public final class BadRequestException extends RuntimeException {
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
