package dev.mlsd.visualsearch.features;

/**
 * Pixel operations shared by augmentation and serving: bilinear resizing of a rectangle of a
 * channels-last byte image into floats in [0, 1].
 *
 * <p>Thread safety: stateless.
 */
public final class ImageOps {
  private ImageOps() {}

  /**
   * Resizes the rectangle {@code (x0, y0, cw, ch)} of a byte image of width {@code w} and {@code c}
   * channels to {@code outH x outW}, bilinearly (pixel centres aligned), writing [0, 1] floats.
   */
  public static void resizeBilinear(
      byte[] src,
      int srcOff,
      int w,
      int c,
      int x0,
      int y0,
      int cw,
      int ch,
      float[] out,
      int outOff,
      int outH,
      int outW) {
    double sy = (double) ch / outH;
    double sx = (double) cw / outW;
    for (int y = 0; y < outH; y++) {
      double fy = Math.min(ch - 1, Math.max(0, (y + 0.5) * sy - 0.5));
      int iy = (int) fy;
      int iy1 = Math.min(ch - 1, iy + 1);
      float wy = (float) (fy - iy);
      for (int x = 0; x < outW; x++) {
        double fx = Math.min(cw - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        int ix = (int) fx;
        int ix1 = Math.min(cw - 1, ix + 1);
        float wx = (float) (fx - ix);
        int a = srcOff + ((y0 + iy) * w + x0 + ix) * c;
        int b = srcOff + ((y0 + iy) * w + x0 + ix1) * c;
        int d = srcOff + ((y0 + iy1) * w + x0 + ix) * c;
        int e = srcOff + ((y0 + iy1) * w + x0 + ix1) * c;
        int o = outOff + (y * outW + x) * c;
        for (int k = 0; k < c; k++) {
          float top = (src[a + k] & 0xff) * (1 - wx) + (src[b + k] & 0xff) * wx;
          float bottom = (src[d + k] & 0xff) * (1 - wx) + (src[e + k] & 0xff) * wx;
          out[o + k] = (top * (1 - wy) + bottom * wy) / 255f;
        }
      }
    }
  }

  /** {@link #resizeBilinear} rounded back to bytes (for crops served as images). */
  public static void resizeBilinearBytes(
      byte[] src,
      int srcOff,
      int w,
      int c,
      int x0,
      int y0,
      int cw,
      int ch,
      byte[] out,
      float[] tmp,
      int outH,
      int outW) {
    resizeBilinear(src, srcOff, w, c, x0, y0, cw, ch, tmp, 0, outH, outW);
    for (int i = 0; i < outH * outW * c; i++) {
      out[i] = (byte) Math.round(tmp[i] * 255f);
    }
  }
}
