package dev.mlsd.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The payload of an artifact written as a stream ({@link ArtifactFile#write(java.nio.file.Path,
 * String, int, String, long, ArtifactFile.PayloadWriter)}): little-endian primitives and bulk
 * arrays through one 1 MiB buffer, checksummed as they go, so that a payload of any size (over 2
 * GiB too) is written without a copy of it in memory.
 *
 * <p>Not thread-safe: owned by the one write in progress.
 */
public final class PayloadOutput {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final CRC32C crc;
  private final ByteBuffer buf =
      ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private long written;

  PayloadOutput(FileChannel channel, CRC32C crc) {
    this.channel = channel;
    this.crc = crc;
  }

  /** Bytes written so far. */
  public long written() {
    return written + buf.position();
  }

  public PayloadOutput putInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
    return this;
  }

  public PayloadOutput putLong(long v) throws IOException {
    room(8);
    buf.putLong(v);
    return this;
  }

  /** Writes {@code n} floats of {@code a} from {@code off}. */
  public PayloadOutput putFloats(float[] a, int off, int n) throws IOException {
    while (n > 0) {
      room(4);
      int c = Math.min(n, buf.remaining() / 4);
      buf.asFloatBuffer().put(a, off, c);
      buf.position(buf.position() + 4 * c);
      off += c;
      n -= c;
    }
    return this;
  }

  /** Writes {@code n} ints of {@code a} from {@code off}. */
  public PayloadOutput putInts(int[] a, int off, int n) throws IOException {
    while (n > 0) {
      room(4);
      int c = Math.min(n, buf.remaining() / 4);
      buf.asIntBuffer().put(a, off, c);
      buf.position(buf.position() + 4 * c);
      off += c;
      n -= c;
    }
    return this;
  }

  /** Writes {@code n} longs of {@code a} from {@code off}. */
  public PayloadOutput putLongs(long[] a, int off, int n) throws IOException {
    while (n > 0) {
      room(8);
      int c = Math.min(n, buf.remaining() / 8);
      buf.asLongBuffer().put(a, off, c);
      buf.position(buf.position() + 8 * c);
      off += c;
      n -= c;
    }
    return this;
  }

  /** Writes {@code n} bytes of {@code a} from {@code off}. */
  public PayloadOutput putBytes(byte[] a, int off, int n) throws IOException {
    while (n > 0) {
      room(1);
      int c = Math.min(n, buf.remaining());
      buf.put(a, off, c);
      off += c;
      n -= c;
    }
    return this;
  }

  /** Makes room for at least {@code bytes} (at most 8) in the buffer. */
  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  void flush() throws IOException {
    buf.flip();
    written += buf.remaining();
    crc.update(buf.duplicate());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }
}
