package dev.mlsd.visualsearch.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected by the gzip
 * magic bytes). An IDX file is a big-endian header, {@code 0x00 0x00 type dims}, then {@code dims}
 * 32-bit sizes, then the values row-major. Only unsigned bytes (type {@code 0x08}) occur in these
 * datasets and only they are accepted.
 *
 * <p>Errors are one line naming the file and what is wrong: a wrong magic number, a type other than
 * unsigned byte, an unexpected number of dimensions, a size that does not fit in memory, or a file
 * that ends before its header says (with how many items were complete). Bytes after the last item
 * are not an error but are counted in {@link Idx#trailingBytes()}.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 2, "Data preparation".
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /**
   * An IDX array of unsigned bytes.
   *
   * @param dims the sizes, outermost first (e.g. {@code [60000, 28, 28]})
   * @param values every value, row-major
   * @param trailingBytes bytes found after the last value (0 in a well-formed file)
   */
  public record Idx(int[] dims, byte[] values, long trailingBytes) {
    /** The number of items: the first dimension. */
    public int count() {
      return dims[0];
    }
  }

  /** Reads a file (plain or gzip). */
  public static Idx read(Path file, int expectedDims) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, expectedDims, file.getFileName().toString());
    }
  }

  /**
   * Reads an IDX stream (plain or gzip).
   *
   * @param in the stream; not closed
   * @param expectedDims 1 for labels, 3 for images
   * @param source a name for error messages
   * @throws IOException with a one-line reason if the stream is not a well-formed IDX array
   */
  public static Idx read(InputStream in, int expectedDims, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream raw = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    DataInputStream data = new DataInputStream(raw);
    int magic;
    try {
      magic = data.readInt();
    } catch (EOFException e) {
      throw new IOException(source + ": not an IDX file (shorter than its 4-byte magic number)");
    }
    if ((magic >>> 16) != 0) {
      throw new IOException(
          source + ": not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
    }
    int type = (magic >>> 8) & 0xff;
    int dims = magic & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new IOException(
          source + ": IDX value type 0x" + Integer.toHexString(type) + ", expected unsigned byte");
    }
    if (dims != expectedDims) {
      throw new IOException(source + ": " + dims + " dimensions, expected " + expectedDims);
    }
    int[] sizes = new int[dims];
    long total = 1;
    try {
      for (int i = 0; i < dims; i++) {
        sizes[i] = data.readInt();
        if (sizes[i] < 0) {
          throw new IOException(source + ": negative size " + sizes[i] + " in dimension " + i);
        }
        total *= sizes[i];
      }
    } catch (EOFException e) {
      throw new IOException(source + ": the header ends early");
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IOException(source + ": " + total + " values do not fit in one array");
    }
    byte[] values = new byte[(int) total];
    int read = data.readNBytes(values, 0, values.length);
    if (read < values.length) {
      long itemSize = dims == 1 ? 1 : total / Math.max(1, sizes[0]);
      throw new IOException(
          source
              + ": truncated: the header promises "
              + sizes[0]
              + " items, the file holds "
              + (read / Math.max(1, itemSize))
              + " complete ones");
    }
    long trailing = 0;
    for (long n; (n = data.skip(1 << 16)) > 0; ) {
      trailing += n;
    }
    return new Idx(sizes, values, trailing);
  }
}
