package dev.mlsd.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One artifact read back from an {@link ArtifactFile}, checksum already verified.
 *
 * @param kind what the payload is, for example {@code "hnsw-index"} or {@code "dense-model"}
 * @param kindVersion the version of that kind's payload layout
 * @param header the UTF-8 JSON header (model card, parameters); may be {@code "{}"}
 * @param payload the payload, little-endian, positioned at 0; read-only
 */
public record Artifact(String kind, int kindVersion, String header, ByteBuffer payload) {

  /** Builds an artifact from the raw header bytes and payload. */
  static Artifact of(String kind, int kindVersion, byte[] header, ByteBuffer payload) {
    return new Artifact(
        kind,
        kindVersion,
        new String(header, StandardCharsets.UTF_8),
        payload.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
  }
}
