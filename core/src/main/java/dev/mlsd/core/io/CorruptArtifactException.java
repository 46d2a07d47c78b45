package dev.mlsd.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** An artifact file that is truncated, of the wrong kind or version, or fails its checksum. */
public final class CorruptArtifactException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file that was refused
   * @param reason what is wrong with it, one line
   */
  public CorruptArtifactException(Path file, String reason) {
    super("Refusing " + file + ": " + reason);
  }
}
