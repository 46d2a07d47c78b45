package dev.mlsd.benchmarks.ann;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a gzip IDX image file (MNIST, Fashion-MNIST) as one float row per image, pixels / 255. */
final class IdxImages {
  private static final int IMAGES_MAGIC = 0x00000803;

  private IdxImages() {}

  static float[][] read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new IOException(file + ": not an IDX image file (magic " + magic + ")");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 20) {
        throw new IOException(file + ": bad shape " + n + " x " + rows + " x " + cols);
      }
      int d = rows * cols;
      float[][] out = new float[n][d];
      byte[] buf = new byte[d];
      for (float[] row : out) {
        in.readFully(buf);
        for (int j = 0; j < d; j++) {
          row[j] = (buf[j] & 0xFF) / 255f;
        }
      }
      return out;
    }
  }

  /** Reads a gzip IDX label file as ints. */
  static int[] readLabels(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if (magic != 0x00000801) {
        throw new IOException(file + ": not an IDX label file (magic " + magic + ")");
      }
      int n = in.readInt();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    }
  }
}
