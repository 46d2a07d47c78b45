package dev.mlsd.visualsearch.features;

import dev.mlsd.visualsearch.data.ImageSet;

/**
 * The preprocessing every image goes through, in training, in evaluation and for a served query:
 * scale the bytes to [0, 1], then z-score each channel with the mean and standard deviation of the
 * gallery (training) images. One instance serves all three, so training and serving cannot drift
 * apart.
 *
 * <p>Layout: channels-last ({@code (y * width + x) * channels + c}), the layout of {@link ImageSet}
 * and of core's inference graph.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 2, "Feature engineering" (resize, scale, z-score normalise, consistent colour
 * mode).
 *
 * @param height image height the encoder reads
 * @param width image width the encoder reads
 * @param channels 1 or 3
 * @param mean per-channel mean of the [0, 1]-scaled training pixels
 * @param std per-channel standard deviation (never 0)
 */
public record Preprocessor(int height, int width, int channels, float[] mean, float[] std) {

  public Preprocessor {
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException("one mean and one std per channel");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std must be positive, got " + s);
      }
    }
  }

  /** Learns the per-channel statistics from the training (gallery) images. */
  public static Preprocessor fit(ImageSet train) {
    int c = train.channels();
    double[] sum = new double[c];
    double[] sq = new double[c];
    byte[] p = train.pixels();
    for (int i = 0; i < p.length; i++) {
      double v = (p[i] & 0xff) / 255.0;
      sum[i % c] += v;
      sq[i % c] += v * v;
    }
    long n = (long) p.length / c;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int k = 0; k < c; k++) {
      double m = sum[k] / n;
      mean[k] = (float) m;
      std[k] = (float) Math.max(1e-6, Math.sqrt(Math.max(0, sq[k] / n - m * m)));
    }
    return new Preprocessor(train.height(), train.width(), c, mean, std);
  }

  /** Floats per image. */
  public int imageSize() {
    return height * width * channels;
  }

  /** Preprocesses one image of bytes into {@code out[outOff .. outOff + imageSize())}. */
  public void apply(byte[] pixels, int offset, float[] out, int outOff) {
    int n = imageSize();
    for (int i = 0; i < n; i++) {
      int c = i % channels;
      out[outOff + i] = ((pixels[offset + i] & 0xff) / 255f - mean[c]) / std[c];
    }
  }

  /** Z-scores one image already scaled to [0, 1] (an augmented view), in place. */
  public void normalise(float[] scaled, int off) {
    int n = imageSize();
    for (int i = 0; i < n; i++) {
      int c = i % channels;
      scaled[off + i] = (scaled[off + i] - mean[c]) / std[c];
    }
  }

  /** Preprocesses a whole set: {@code count * imageSize()} floats. */
  public float[] applyAll(ImageSet set) {
    float[] out = new float[set.count() * imageSize()];
    for (int i = 0; i < set.count(); i++) {
      apply(set.pixels(), i * imageSize(), out, i * imageSize());
    }
    return out;
  }
}
