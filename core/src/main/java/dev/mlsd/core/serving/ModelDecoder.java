package dev.mlsd.core.serving;

import dev.mlsd.core.io.Artifact;
import java.io.IOException;

/**
 * Turns a verified model file into a servable model. The payload layout belongs to the model's
 * kind; the decoder checks it (sizes, shapes) and throws rather than serve a half-read model.
 *
 * @param <M> the model type
 */
@FunctionalInterface
public interface ModelDecoder<M> {
  /**
   * @param artifact the file's contents, checksum already verified
   * @return the model, ready to serve
   * @throws IOException if the payload does not hold a valid model of this kind
   */
  M decode(Artifact artifact) throws IOException;
}
