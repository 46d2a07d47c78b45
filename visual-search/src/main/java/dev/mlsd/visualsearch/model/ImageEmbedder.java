package dev.mlsd.visualsearch.model;

import java.util.stream.IntStream;

/**
 * Maps preprocessed images to L2-normalised embeddings: the trained encoder and each baseline (raw
 * pixels, PCA, the same CNN with random weights) behind one interface, so the evaluation and the
 * server treat them alike.
 *
 * <p>Thread safety: implementations are thread-safe (per-thread scratch where they need any).
 *
 * <p>Book: chapter 2, "Embedding generation service".
 */
public interface ImageEmbedder {
  /** A short name for tables and the report, e.g. {@code "raw pixels"}. */
  String name();

  /** The embedding width. */
  int dimension();

  /**
   * Embeds {@code rows} images.
   *
   * @param images preprocessed images, channels-last, one after another
   * @param first the first image to embed
   * @param rows how many
   * @param out receives {@code rows * dimension()} floats from {@code out[0]}, each row of unit
   *     length (a zero row stays zero)
   */
  void embed(float[] images, int first, int rows, float[] out);

  /** Embeds a whole set, in parallel chunks: {@code count * dimension()} floats. */
  default float[] embedAll(float[] images, int count) {
    int chunk = 256;
    int d = dimension();
    float[] out = new float[count * d];
    IntStream.range(0, (count + chunk - 1) / chunk)
        .parallel()
        .forEach(
            c -> {
              int from = c * chunk;
              int n = Math.min(chunk, count - from);
              float[] part = new float[n * d];
              embed(images, from, n, part);
              System.arraycopy(part, 0, out, from * d, n * d);
            });
    return out;
  }

  /** Scales each row of {@code v} to unit length in place (a zero row stays zero). */
  static void normaliseRows(float[] v, int off, int rows, int d) {
    for (int r = 0; r < rows; r++) {
      int o = off + r * d;
      double s = 0;
      for (int k = 0; k < d; k++) {
        s += v[o + k] * v[o + k];
      }
      if (s > 0) {
        float inv = (float) (1 / Math.sqrt(s));
        for (int k = 0; k < d; k++) {
          v[o + k] *= inv;
        }
      }
    }
  }
}
