package dev.mlsd.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The project's one container format for trained models and indexes: explicit, versioned and
 * checksummed, never Java serialization.
 *
 * <p>Layout, all integers little-endian:
 *
 * <pre>
 *   magic        4 bytes   "MLSD"
 *   format       int32     container version, {@value #FORMAT_VERSION}
 *   kindLength   int32     then kind, UTF-8 ("hnsw-index", "dense-model", ...)
 *   kindVersion  int32     the payload layout version of that kind
 *   headerLength int32     then header, UTF-8 JSON (the model card, parameters)
 *   payloadLength int64    then payload, raw bytes, layout owned by the kind
 *   crc32c       int64     CRC32C of every byte above, in the low 32 bits
 * </pre>
 *
 * <p>Writes go to a temporary file in the same folder and are renamed into place atomically, so a
 * reader never sees a half-written file under the final name. Reads memory-map the file, check the
 * magic, every length against its limit (kind 256 bytes, header 4 MiB) and the file size, and the
 * checksum before allocating or returning anything: a truncated, corrupt or foreign file is refused
 * with {@link CorruptArtifactException}. A CRC32C proves the bytes are intact, not where they came
 * from: the kinds' readers bound every count and shape again before they allocate. The payload is
 * limited to 2 GiB (one mapped buffer).
 *
 * <p>Files that travel between machines can be signed: {@link #sign} writes an HMAC-SHA256 of the
 * whole file beside it, and {@link #readSigned} refuses a file whose signature is missing or does
 * not match the shared key before parsing it.
 *
 * <p>Thread safety: stateless; every method may be called from any thread.
 */
public final class ArtifactFile {
  /** The container layout version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] MAGIC = {'M', 'L', 'S', 'D'};

  /** The longest kind name, in UTF-8 bytes. */
  static final int MAX_KIND_BYTES = 256;

  /** The largest JSON header (model card, parameters), in UTF-8 bytes. */
  static final int MAX_HEADER_BYTES = 4 << 20;

  private ArtifactFile() {}

  /**
   * Writes an artifact atomically.
   *
   * @param file the destination; its parent folder is created if missing
   * @param kind the payload kind, non-empty
   * @param kindVersion the payload layout version, at least 1
   * @param headerJson the JSON header (model card); {@code "{}"} when there is none
   * @param payload the payload bytes from position to limit, little-endian by convention
   * @throws IOException if the file cannot be written
   */
  public static void write(
      Path file, String kind, int kindVersion, String headerJson, ByteBuffer payload)
      throws IOException {
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("kind must be non-empty");
    }
    if (kind.getBytes(StandardCharsets.UTF_8).length > MAX_KIND_BYTES
        || headerJson.getBytes(StandardCharsets.UTF_8).length > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException(
          "kind over " + MAX_KIND_BYTES + " bytes or header over " + MAX_HEADER_BYTES + " bytes");
    }
    if (kindVersion < 1) {
      throw new IllegalArgumentException("kindVersion must be >= 1, got " + kindVersion);
    }
    byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
    byte[] headerBytes = headerJson.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = payload.duplicate();
    ByteBuffer prefix =
        ByteBuffer.allocate(4 + 4 + 4 + kindBytes.length + 4 + 4 + headerBytes.length + 8)
            .order(ByteOrder.LITTLE_ENDIAN);
    prefix.put(MAGIC).putInt(FORMAT_VERSION).putInt(kindBytes.length).put(kindBytes);
    prefix.putInt(kindVersion).putInt(headerBytes.length).put(headerBytes);
    prefix.putLong(body.remaining()).flip();

    CRC32C crc = new CRC32C();
    crc.update(prefix.duplicate());
    crc.update(body.duplicate());
    ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putLong(crc.getValue()).flip();

    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(ch, prefix);
        writeFully(ch, body);
        writeFully(ch, trailer);
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads and verifies an artifact of the expected kind.
   *
   * @param file the artifact file
   * @param expectedKind the kind the caller can decode
   * @param maxKindVersion the newest payload layout version the caller can decode
   * @return the verified artifact
   * @throws CorruptArtifactException if the file is truncated, corrupt, of another kind or of a
   *     newer layout than the caller knows
   * @throws IOException if the file cannot be read
   */
  public static Artifact read(Path file, String expectedKind, int maxKindVersion)
      throws IOException {
    Artifact a = read(file);
    if (!a.kind().equals(expectedKind)) {
      throw new CorruptArtifactException(
          file, "holds a '" + a.kind() + "', expected a '" + expectedKind + "'");
    }
    if (a.kindVersion() > maxKindVersion) {
      throw new CorruptArtifactException(
          file,
          "'"
              + a.kind()
              + "' layout version "
              + a.kindVersion()
              + " is newer than this code reads ("
              + maxKindVersion
              + ")");
    }
    return a;
  }

  /**
   * Reads and verifies an artifact of any kind.
   *
   * @param file the artifact file
   * @return the verified artifact
   * @throws CorruptArtifactException if the file is truncated or corrupt
   * @throws IOException if the file cannot be read
   */
  public static Artifact read(Path file) throws IOException {
    ByteBuffer buf;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new CorruptArtifactException(file, "larger than 2 GiB (" + size + " bytes)");
      }
      buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
    }
    int size = buf.limit();
    require(file, size >= 4 + 4 + 4 + 4 + 4 + 8 + 8, "truncated: only " + size + " bytes");
    byte[] magic = new byte[4];
    buf.get(magic);
    require(file, java.util.Arrays.equals(magic, MAGIC), "not an mlsd artifact (bad magic)");
    int format = buf.getInt();
    require(
        file,
        format == FORMAT_VERSION,
        "container version " + format + ", this code reads " + FORMAT_VERSION);
    byte[] kind = readBytes(file, buf, MAX_KIND_BYTES, "kind");
    require(file, buf.remaining() >= 8, "truncated in the header");
    int kindVersion = buf.getInt();
    byte[] header = readBytes(file, buf, MAX_HEADER_BYTES, "header");
    require(file, buf.remaining() >= 8, "truncated before the payload");
    long payloadLength = buf.getLong();
    require(
        file,
        payloadLength >= 0 && payloadLength == buf.remaining() - 8L,
        "truncated or padded: payload says "
            + payloadLength
            + " bytes, file has "
            + Math.max(0, buf.remaining() - 8));
    int payloadStart = buf.position();
    int trailerStart = payloadStart + (int) payloadLength;

    CRC32C crc = new CRC32C();
    crc.update(buf.duplicate().position(0).limit(trailerStart));
    long stored = buf.getLong(trailerStart);
    require(file, stored == crc.getValue(), "checksum mismatch (the file is corrupt)");

    ByteBuffer payload = buf.duplicate().position(payloadStart).limit(trailerStart).slice();
    return Artifact.of(new String(kind, StandardCharsets.UTF_8), kindVersion, header, payload);
  }

  /** The suffix of the signature file written beside a signed artifact. */
  public static final String SIGNATURE_SUFFIX = ".hmac-sha256";

  /**
   * Signs a written artifact for travel between machines: writes {@code file + }{@value
   * #SIGNATURE_SUFFIX} holding the hex HMAC-SHA256 of every byte of the file under a shared key.
   * The checksum inside the file proves its bytes are intact; the signature proves they were
   * written by a holder of the key.
   *
   * @param file an artifact file
   * @param key the shared secret, at least 32 bytes
   * @throws IOException if the file cannot be read or the signature written
   */
  public static void sign(Path file, byte[] key) throws IOException {
    Files.writeString(
        signatureOf(file), java.util.HexFormat.of().formatHex(hmac(file, key)) + "\n");
  }

  /**
   * Reads an artifact only if its signature file matches it under {@code key} (checked in constant
   * time before anything in the file is parsed), then as {@link #read(Path, String, int)}.
   *
   * @throws CorruptArtifactException if the signature is missing, malformed or does not match, or
   *     the file is refused by {@link #read(Path, String, int)}
   * @throws IOException if a file cannot be read
   */
  public static Artifact readSigned(Path file, String expectedKind, int maxKindVersion, byte[] key)
      throws IOException {
    Path sig = signatureOf(file);
    if (!Files.isRegularFile(sig) || Files.size(sig) > 200) {
      throw new CorruptArtifactException(file, "no signature (" + sig.getFileName() + ")");
    }
    byte[] expected;
    try {
      expected = java.util.HexFormat.of().parseHex(Files.readString(sig).strip());
    } catch (IllegalArgumentException e) {
      throw new CorruptArtifactException(file, "malformed signature file");
    }
    if (!java.security.MessageDigest.isEqual(expected, hmac(file, key))) {
      throw new CorruptArtifactException(file, "signature mismatch: not signed with this key");
    }
    return read(file, expectedKind, maxKindVersion);
  }

  private static Path signatureOf(Path file) {
    return file.resolveSibling(file.getFileName() + SIGNATURE_SUFFIX);
  }

  private static byte[] hmac(Path file, byte[] key) throws IOException {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("an HMAC key needs at least 32 bytes");
    }
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (ch.read(buf.clear()) > 0) {
          mac.update(buf.flip());
        }
      }
      return mac.doFinal();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] readBytes(Path file, ByteBuffer buf, int max, String what)
      throws CorruptArtifactException {
    require(file, buf.remaining() >= 4, "truncated in the header");
    int n = buf.getInt();
    require(file, n >= 0 && n <= max, what + " length " + n + " outside [0, " + max + "]");
    require(file, n <= buf.remaining(), "truncated in the header");
    byte[] b = new byte[n];
    buf.get(b);
    return b;
  }

  private static void require(Path file, boolean ok, String reason)
      throws CorruptArtifactException {
    if (!ok) {
      throw new CorruptArtifactException(file, reason);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
