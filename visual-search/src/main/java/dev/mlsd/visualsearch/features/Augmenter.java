package dev.mlsd.visualsearch.features;

import java.util.SplittableRandom;

/**
 * The random view of an image that self-supervised training compares (SimCLR's augmentations,
 * scaled down to 28x28 and 32x32 images): a random crop resized back to full size, a horizontal
 * flip, a small translation, then Gaussian noise or a small erased rectangle. Two views of the same
 * image are a positive pair; views of other images in the batch are negatives.
 *
 * <p>Determinism: every draw comes from the {@link SplittableRandom} passed in, so a view depends
 * only on the image and the random's seed (training derives it from (seed, epoch, image, view)).
 *
 * <p>Output: the image scaled to [0, 1], channels-last, same shape as the input.
 *
 * <p>Thread safety: immutable; {@link #view} uses only its arguments.
 *
 * <p>Book: chapter 2, "Constructing the dataset" (self-supervision: augmented copies of an image as
 * its positives).
 *
 * @param minCropArea smallest crop, as a share of the image's area, in (0, 1]; 1 turns cropping off
 * @param flipProbability chance of a horizontal flip
 * @param maxShift largest translation in pixels, each direction
 * @param noiseStd standard deviation of the added Gaussian noise (on [0, 1] values)
 * @param noiseProbability chance of adding noise
 * @param eraseProbability chance of erasing a small rectangle (2-10% of the area)
 */
public record Augmenter(
    double minCropArea,
    double flipProbability,
    int maxShift,
    double noiseStd,
    double noiseProbability,
    double eraseProbability) {

  /**
   * The augmentations the demo trains with: crops of 60-100% of the area (smaller crops of a 28x28
   * garment often lose what makes its class), flips, shifts of up to 2 pixels, noise a third of the
   * time, erasing a tenth.
   */
  public static final Augmenter DEFAULT = new Augmenter(0.6, 0.5, 2, 0.05, 0.3, 0.1);

  public Augmenter {
    if (!(minCropArea > 0 && minCropArea <= 1) || maxShift < 0 || noiseStd < 0) {
      throw new IllegalArgumentException("bad augmentation parameters");
    }
  }

  /**
   * Writes one random view of an image.
   *
   * @param src the image bytes, channels-last
   * @param srcOff where the image starts in {@code src}
   * @param h height
   * @param w width
   * @param c channels
   * @param out receives {@code h * w * c} floats in [0, 1] at {@code outOff}
   * @param tmp scratch of at least {@code h * w * c} floats
   * @param r the random source for this view
   */
  public void view(
      byte[] src,
      int srcOff,
      int h,
      int w,
      int c,
      float[] out,
      int outOff,
      float[] tmp,
      SplittableRandom r) {
    // 1. random resized crop (area share and aspect ratio drawn), bilinear back to h x w
    double area = minCropArea + (1 - minCropArea) * r.nextDouble();
    double logRatio = Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4)) * r.nextDouble();
    double ratio = Math.exp(logRatio);
    boolean crop = minCropArea < 1;
    int cw = crop ? (int) Math.max(2, Math.min(w, Math.round(Math.sqrt(area * ratio) * w))) : w;
    int ch = crop ? (int) Math.max(2, Math.min(h, Math.round(Math.sqrt(area / ratio) * h))) : h;
    int x0 = r.nextInt(w - cw + 1);
    int y0 = r.nextInt(h - ch + 1);
    boolean flip = r.nextDouble() < flipProbability;
    int dx = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
    int dy = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
    ImageOps.resizeBilinear(src, srcOff, w, c, x0, y0, cw, ch, tmp, 0, h, w);
    // 2. flip and 3. translate (zero fill), in one pass from tmp into out
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sy = y - dy;
        int sx0 = x - dx;
        int sx = flip ? w - 1 - sx0 : sx0;
        int o = outOff + (y * w + x) * c;
        if (sy < 0 || sy >= h || sx0 < 0 || sx0 >= w) {
          for (int k = 0; k < c; k++) {
            out[o + k] = 0f;
          }
        } else {
          System.arraycopy(tmp, (sy * w + sx) * c, out, o, c);
        }
      }
    }
    // 4. noise or erasing
    if (r.nextDouble() < noiseProbability) {
      for (int i = 0; i < h * w * c; i++) {
        float v = out[outOff + i] + (float) (noiseStd * r.nextGaussian());
        out[outOff + i] = Math.min(1f, Math.max(0f, v));
      }
    }
    if (r.nextDouble() < eraseProbability) {
      double share = 0.02 + 0.08 * r.nextDouble();
      int ew = Math.max(1, (int) Math.round(Math.sqrt(share) * w));
      int eh = Math.max(1, (int) Math.round(Math.sqrt(share) * h));
      int ex = r.nextInt(w - ew + 1);
      int ey = r.nextInt(h - eh + 1);
      for (int y = ey; y < ey + eh; y++) {
        for (int x = ex; x < ex + ew; x++) {
          for (int k = 0; k < c; k++) {
            out[outOff + (y * w + x) * c + k] = 0f;
          }
        }
      }
    }
  }
}
