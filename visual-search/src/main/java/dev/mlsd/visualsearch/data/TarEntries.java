package dev.mlsd.visualsearch.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The little of the POSIX tar format needed to pull one file out of an archive: 512-byte headers
 * (name in bytes 0-99, size as octal in bytes 124-135, type in byte 156), each followed by the
 * file's bytes padded to a multiple of 512; two zero blocks end the archive.
 *
 * <p>Thread safety: stateless.
 */
final class TarEntries {
  private static final int BLOCK = 512;
  private static final long MAX_ENTRY = 256L << 20;

  private TarEntries() {}

  /**
   * The bytes of the first regular file whose name ends with {@code "/" + fileName} (or equals it).
   *
   * @return the bytes, or null if the archive has no such file
   * @throws IOException if a header is malformed or the archive ends inside an entry
   */
  static byte[] find(InputStream in, String fileName) throws IOException {
    byte[] header = new byte[BLOCK];
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
        return null;
      }
      if (isZero(header)) {
        return null;
      }
      String name = cString(header, 0, 100);
      long size = octal(header, 124, 12);
      if (size < 0 || size > MAX_ENTRY) {
        throw new IOException("tar entry " + name + " has a bad size field");
      }
      char type = (char) header[156];
      long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
      boolean regular = type == '0' || type == 0;
      if (regular && (name.equals(fileName) || name.endsWith("/" + fileName))) {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
          throw new IOException("tar entry " + name + " is truncated");
        }
        return data;
      }
      in.skipNBytes(padded);
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }

  private static long octal(byte[] b, int off, int len) {
    long v = 0;
    for (int i = off; i < off + len; i++) {
      int c = b[i];
      if (c == 0 || c == ' ') {
        if (v > 0 || i > off) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        return -1;
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }
}
