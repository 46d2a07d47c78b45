package dev.mlsd.core.inference;

/**
 * Pooling over images stored channels-last (see {@link Conv2d}): max pooling over {@code size x
 * size} windows with a stride and no padding (DL4J's truncate mode), or, with {@code global}, the
 * average over all pixels, which leaves {@code c} values per image.
 *
 * @param input the node read
 * @param h input height
 * @param w input width
 * @param c channels
 * @param size window size (ignored when global)
 * @param stride window stride (ignored when global)
 * @param global true for global average pooling
 */
record Pool2d(int input, int h, int w, int c, int size, int stride, boolean global)
    implements Layer {
  Pool2d {
    if (h < 1 || w < 1 || c < 1) {
      throw new IllegalArgumentException("pooling needs positive sizes");
    }
    if (!global && (size < 1 || stride < 1 || size > h || size > w)) {
      throw new IllegalArgumentException("max pooling needs 1 <= size <= image and stride >= 1");
    }
  }

  int hOut() {
    return global ? 1 : (h - size) / stride + 1;
  }

  int wOut() {
    return global ? 1 : (w - size) / stride + 1;
  }

  @Override
  public int width() {
    return hOut() * wOut() * c;
  }

  @Override
  public int[] inputs() {
    return new int[] {input};
  }

  @Override
  public long flopsPerRow() {
    return (long) h * w * c;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] x = s.buf[input];
    float[] y = s.buf[self];
    int inWidth = h * w * c;
    int outWidth = width();
    for (int r = 0; r < rows; r++) {
      int xr = s.off[input] + r * inWidth;
      int yr = s.off[self] + r * outWidth;
      if (global) {
        java.util.Arrays.fill(y, yr, yr + c, 0f);
        for (int p = 0; p < h * w; p++) {
          for (int ch = 0; ch < c; ch++) {
            y[yr + ch] += x[xr + p * c + ch];
          }
        }
        float inv = 1f / (h * w);
        for (int ch = 0; ch < c; ch++) {
          y[yr + ch] *= inv;
        }
        continue;
      }
      int ho = hOut();
      int wo = wOut();
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
          int o = yr + (oy * wo + ox) * c;
          java.util.Arrays.fill(y, o, o + c, Float.NEGATIVE_INFINITY);
          for (int ky = 0; ky < size; ky++) {
            for (int kx = 0; kx < size; kx++) {
              int i = xr + ((oy * stride + ky) * w + ox * stride + kx) * c;
              for (int ch = 0; ch < c; ch++) {
                y[o + ch] = Math.max(y[o + ch], x[i + ch]);
              }
            }
          }
        }
      }
    }
  }
}
