package dev.mlsd.harmful.serving;

/** The review queue's backing store cannot be reached; the server answers 503, never 500. */
public final class ReviewQueueUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the cause. */
  public ReviewQueueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
