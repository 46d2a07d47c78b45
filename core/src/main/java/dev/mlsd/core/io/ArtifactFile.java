package dev.mlsd.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 * from: the kinds' readers bound every count and shape again before they allocate. {@link
 * #read(Path)} maps the file as one buffer, so its payload is limited to 2 GiB; payloads of any
 * size are streamed out by {@link #write(Path, String, int, String, long, PayloadWriter)} and
 * mapped back in segments by {@link #readMapped} (the same bytes on disk).
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
    ByteBuffer body = payload.duplicate();
    ByteBuffer prefix = prefix(kind, kindVersion, headerJson, body.remaining());

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
   * Writes a payload as a stream ({@link #write(Path, String, int, String, long, PayloadWriter)}).
   */
  @FunctionalInterface
  public interface PayloadWriter {
    /** Writes exactly the promised number of bytes. */
    void write(PayloadOutput out) throws IOException;
  }

  /**
   * Writes an artifact atomically whose payload is streamed by {@code body} instead of held in one
   * buffer: the same bytes as {@link #write(Path, String, int, String, ByteBuffer)}, for payloads
   * of any size (over 2 GiB too) and without a second copy of them in memory.
   *
   * @param payloadLength the exact number of bytes {@code body} writes
   * @throws IllegalStateException if {@code body} writes another number of bytes (nothing is left
   *     under the final name)
   * @throws IOException if the file cannot be written
   */
  public static void write(
      Path file,
      String kind,
      int kindVersion,
      String headerJson,
      long payloadLength,
      PayloadWriter body)
      throws IOException {
    if (payloadLength < 0) {
      throw new IllegalArgumentException("payloadLength must be >= 0, got " + payloadLength);
    }
    ByteBuffer prefix = prefix(kind, kindVersion, headerJson, payloadLength);
    CRC32C crc = new CRC32C();
    crc.update(prefix.duplicate());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(ch, prefix);
        PayloadOutput out = new PayloadOutput(ch, crc);
        body.write(out);
        out.flush();
        if (out.written() != payloadLength) {
          throw new IllegalStateException(
              "payload promised " + payloadLength + " bytes, wrote " + out.written());
        }
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        writeFully(ch, trailer.putLong(crc.getValue()).flip());
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

  /** The container's fields before the payload, checked. */
  private static ByteBuffer prefix(
      String kind, int kindVersion, String headerJson, long payloadLength) {
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("kind must be non-empty");
    }
    byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
    byte[] headerBytes = headerJson.getBytes(StandardCharsets.UTF_8);
    if (kindBytes.length > MAX_KIND_BYTES || headerBytes.length > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException(
          "kind over " + MAX_KIND_BYTES + " bytes or header over " + MAX_HEADER_BYTES + " bytes");
    }
    if (kindVersion < 1) {
      throw new IllegalArgumentException("kindVersion must be >= 1, got " + kindVersion);
    }
    ByteBuffer prefix =
        ByteBuffer.allocate(4 + 4 + 4 + kindBytes.length + 4 + 4 + headerBytes.length + 8)
            .order(ByteOrder.LITTLE_ENDIAN);
    prefix.put(MAGIC).putInt(FORMAT_VERSION).putInt(kindBytes.length).put(kindBytes);
    prefix.putInt(kindVersion).putInt(headerBytes.length).put(headerBytes);
    return prefix.putLong(payloadLength).flip();
  }

  /** The segment size {@link #readMapped(Path, String, int)} maps: 1 GiB. */
  public static final int DEFAULT_SEGMENT_BYTES = 1 << 30;

  /**
   * An artifact read back with its payload mapped in segments ({@link MappedPayload}), checksum
   * verified.
   *
   * @param kind what the payload is
   * @param kindVersion the version of that kind's payload layout
   * @param header the UTF-8 JSON header
   * @param payload the payload, positioned at 0
   */
  public record MappedArtifact(
      String kind, int kindVersion, String header, MappedPayload payload) {}

  /**
   * Reads and verifies an artifact of the expected kind whose payload may exceed 2 GiB, mapping it
   * in segments of {@value #DEFAULT_SEGMENT_BYTES} bytes.
   *
   * @see #readMapped(Path, String, int, int)
   */
  public static MappedArtifact readMapped(Path file, String expectedKind, int maxKindVersion)
      throws IOException {
    return readMapped(file, expectedKind, maxKindVersion, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * Reads and verifies an artifact of the expected kind, its payload mapped in segments of at most
   * {@code segmentBytes} (tests use small ones to put values across segment boundaries). Checks the
   * same things as {@link #read(Path, String, int)}, in the same order: lengths against their
   * limits and the file size, then the checksum of every byte, then the kind and its version.
   *
   * @param segmentBytes the most bytes one mapped segment holds, at least 1
   * @throws CorruptArtifactException if the file is truncated, corrupt, of another kind or of a
   *     newer layout than the caller knows
   * @throws IOException if the file cannot be read
   */
  public static MappedArtifact readMapped(
      Path file, String expectedKind, int maxKindVersion, int segmentBytes) throws IOException {
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("segmentBytes must be >= 1, got " + segmentBytes);
    }
    Prefix p;
    List<ByteBuffer> segments = new ArrayList<>();
    MemorySegment whole;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long prefixLimit = 4 + 4 + 4 + MAX_KIND_BYTES + 4 + 4 + MAX_HEADER_BYTES + 8;
      ByteBuffer head =
          ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, prefixLimit))
              .order(ByteOrder.LITTLE_ENDIAN);
      p = parsePrefix(file, head, size);
      CRC32C crc = new CRC32C();
      crc.update(head.duplicate().position(0).limit((int) p.payloadStart()));
      // one mapping of the whole payload (any size), read through views of at most segmentBytes
      // each; the views keep the mapping alive, and so does any slice a reader keeps
      whole =
          ch.map(
              FileChannel.MapMode.READ_ONLY, p.payloadStart(), p.payloadLength(), Arena.ofAuto());
      for (long off = 0; off < p.payloadLength(); off += segmentBytes) {
        long len = Math.min(segmentBytes, p.payloadLength() - off);
        ByteBuffer seg = whole.asSlice(off, len).asByteBuffer();
        crc.update(seg.duplicate());
        segments.add(seg);
      }
      ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      while (trailer.hasRemaining()) {
        if (ch.read(trailer, size - 8 + trailer.position()) < 0) {
          break;
        }
      }
      require(file, !trailer.hasRemaining(), "truncated in the checksum");
      require(
          file, trailer.getLong(0) == crc.getValue(), "checksum mismatch (the file is corrupt)");
    }
    String kind = new String(p.kind(), StandardCharsets.UTF_8);
    if (!kind.equals(expectedKind)) {
      throw new CorruptArtifactException(
          file, "holds a '" + kind + "', expected a '" + expectedKind + "'");
    }
    if (p.kindVersion() > maxKindVersion) {
      throw new CorruptArtifactException(
          file,
          "'"
              + kind
              + "' layout version "
              + p.kindVersion()
              + " is newer than this code reads ("
              + maxKindVersion
              + ")");
    }
    return new MappedArtifact(
        kind,
        p.kindVersion(),
        new String(p.header(), StandardCharsets.UTF_8),
        new MappedPayload(whole, segments, segmentBytes, p.payloadLength()));
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
    Prefix p = parsePrefix(file, buf, buf.limit());
    byte[] kind = p.kind();
    int kindVersion = p.kindVersion();
    byte[] header = p.header();
    int payloadStart = (int) p.payloadStart();
    int trailerStart = payloadStart + (int) p.payloadLength();

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

  /** The container's fields before the payload. */
  private record Prefix(
      byte[] kind, int kindVersion, byte[] header, long payloadStart, long payloadLength) {}

  /**
   * Parses and bounds-checks the fields before the payload from {@code buf} (the file's first
   * bytes, positioned at 0), against the file's size.
   */
  private static Prefix parsePrefix(Path file, ByteBuffer buf, long fileSize)
      throws CorruptArtifactException {
    require(file, fileSize >= 4 + 4 + 4 + 4 + 4 + 8 + 8, "truncated: only " + fileSize + " bytes");
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
    long payloadStart = buf.position();
    long available = fileSize - payloadStart - 8;
    require(
        file,
        payloadLength >= 0 && payloadLength == available,
        "truncated or padded: payload says "
            + payloadLength
            + " bytes, file has "
            + Math.max(0, available));
    return new Prefix(kind, kindVersion, header, payloadStart, payloadLength);
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
