package dev.mlsd.visualsearch.model;

import dev.mlsd.visualsearch.features.Preprocessor;

/**
 * The trivial baseline: the image's own pixels, scaled to [0, 1] (the z-score undone), as the
 * embedding; cosine similarity between them. Strong on centred product photos.
 *
 * <p>Thread safety: immutable.
 */
public final class RawPixelEmbedder implements ImageEmbedder {
  private final Preprocessor pre;

  public RawPixelEmbedder(Preprocessor pre) {
    this.pre = pre;
  }

  @Override
  public String name() {
    return "raw pixels";
  }

  @Override
  public int dimension() {
    return pre.imageSize();
  }

  @Override
  public void embed(float[] images, int first, int rows, float[] out) {
    int d = dimension();
    int c = pre.channels();
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < d; i++) {
        out[r * d + i] = images[(first + r) * d + i] * pre.std()[i % c] + pre.mean()[i % c];
      }
    }
    ImageEmbedder.normaliseRows(out, 0, rows, d);
  }
}
