package dev.mlsd.core.io;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * An artifact's payload mapped from its file in segments of at most {@code segmentBytes} each
 * ({@link ArtifactFile#readMapped}), so that a payload may exceed the 2 GiB of one mapped buffer,
 * read as a little-endian stream. A value may straddle two segments (a float whose first bytes end
 * one and whose last bytes start the next); bulk reads copy whole runs from each segment and
 * assemble the straddling value from its bytes.
 *
 * <p>A reader may also keep part of the payload mapped instead of copying it ({@link #slice}): an
 * index that reads its float vectors from the file that way leaves them to the operating system's
 * page cache, off the Java heap.
 *
 * <p>Not thread-safe: a cursor owned by one reader (a {@link #slice} may be read from any thread).
 * The mapping lives until the payload and every slice of it are garbage collected.
 */
public final class MappedPayload {
  private final MemorySegment whole;
  private final ByteBuffer[] segments;
  private final long segmentBytes;
  private final long length;
  private int seg;
  private long position;

  MappedPayload(MemorySegment whole, List<ByteBuffer> segments, long segmentBytes, long length) {
    this.whole = whole;
    this.segments = new ByteBuffer[segments.size()];
    for (int i = 0; i < this.segments.length; i++) {
      this.segments[i] = segments.get(i).order(ByteOrder.LITTLE_ENDIAN);
    }
    this.segmentBytes = segmentBytes;
    this.length = length;
  }

  /** The payload's length in bytes. */
  public long length() {
    return length;
  }

  /** Bytes read so far: the payload offset of the next read. */
  public long position() {
    return position;
  }

  /**
   * A read-only view of {@code length} bytes of the payload from {@code offset}, not copied: its
   * reads go to the mapped file (in any number of segments, whatever {@code segmentBytes} was). The
   * mapping stays while the view is reachable. Does not move the cursor.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the payload
   */
  public MemorySegment slice(long offset, long length) {
    return whole.asSlice(offset, length);
  }

  /** Bytes not read yet. */
  public long remaining() {
    return length - position;
  }

  /** How many mapped segments hold the payload. */
  public int segmentCount() {
    return segments.length;
  }

  public int getInt() {
    ByteBuffer b = current(4);
    if (b != null) {
      position += 4;
      return b.getInt();
    }
    return (int) straddling(4);
  }

  public long getLong() {
    ByteBuffer b = current(8);
    if (b != null) {
      position += 8;
      return b.getLong();
    }
    return straddling(8);
  }

  public float getFloat() {
    return Float.intBitsToFloat(getInt());
  }

  /** Reads {@code n} floats into {@code a} from {@code off}. */
  public void getFloats(float[] a, int off, int n) {
    check(4L * n);
    while (n > 0) {
      ByteBuffer b = current(4);
      if (b == null) {
        a[off++] = getFloat();
        n--;
        continue;
      }
      int c = Math.min(n, b.remaining() / 4);
      b.asFloatBuffer().get(a, off, c);
      advance(b, 4 * c);
      off += c;
      n -= c;
    }
  }

  /** Reads {@code n} ints into {@code a} from {@code off}. */
  public void getInts(int[] a, int off, int n) {
    check(4L * n);
    while (n > 0) {
      ByteBuffer b = current(4);
      if (b == null) {
        a[off++] = getInt();
        n--;
        continue;
      }
      int c = Math.min(n, b.remaining() / 4);
      b.asIntBuffer().get(a, off, c);
      advance(b, 4 * c);
      off += c;
      n -= c;
    }
  }

  /** Reads {@code n} longs into {@code a} from {@code off}. */
  public void getLongs(long[] a, int off, int n) {
    check(8L * n);
    while (n > 0) {
      ByteBuffer b = current(8);
      if (b == null) {
        a[off++] = getLong();
        n--;
        continue;
      }
      int c = Math.min(n, b.remaining() / 8);
      b.asLongBuffer().get(a, off, c);
      advance(b, 8 * c);
      off += c;
      n -= c;
    }
  }

  /** Reads {@code n} bytes into {@code a} from {@code off}. */
  public void getBytes(byte[] a, int off, int n) {
    check(n);
    while (n > 0) {
      ByteBuffer b = current(1);
      int c = Math.min(n, b.remaining());
      b.get(a, off, c); // moves the segment's position
      position += c;
      off += c;
      n -= c;
    }
  }

  /** Skips {@code n} bytes. */
  public void skip(long n) {
    check(n);
    position += n;
    seg = (int) Math.min(segments.length - 1, position / segmentBytes);
    if (segments.length > 0) {
      segments[seg].position((int) (position - seg * segmentBytes));
    }
  }

  private void check(long bytes) {
    if (bytes < 0 || bytes > remaining()) {
      throw new IllegalStateException(
          "read of " + bytes + " bytes past the payload's end (" + remaining() + " left)");
    }
  }

  /**
   * The segment holding the next {@code bytes} bytes whole, positioned there; null when the value
   * straddles a segment boundary.
   */
  private ByteBuffer current(int bytes) {
    check(bytes);
    ByteBuffer b = segments[seg];
    if (!b.hasRemaining()) {
      seg++;
      b = segments[seg];
      b.position(0);
    }
    return b.remaining() >= bytes ? b : null;
  }

  private void advance(ByteBuffer b, int bytes) {
    b.position(b.position() + bytes);
    position += bytes;
  }

  /** Assembles a little-endian value whose bytes straddle segments. */
  private long straddling(int bytes) {
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      ByteBuffer b = current(1);
      v |= (b.get() & 0xFFL) << (8 * i);
      position++;
    }
    return v;
  }
}
