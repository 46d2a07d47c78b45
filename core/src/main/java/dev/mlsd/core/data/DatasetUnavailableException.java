package dev.mlsd.core.data;

import java.io.IOException;

/** A dataset file that could not be found locally, downloaded, or that failed its checksum. */
public final class DatasetUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the full explanation: the dataset, the file, and what to do
   */
  public DatasetUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message the full explanation
   * @param cause the underlying failure
   */
  public DatasetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
