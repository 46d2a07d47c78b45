package dev.mlsd.core.featurestore;

/** A feature store could not be written (reads never throw for store faults; they fall back). */
public final class FeatureStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, one line
   * @param cause the store's exception
   */
  public FeatureStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
