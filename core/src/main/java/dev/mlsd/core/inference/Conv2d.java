package dev.mlsd.core.inference;

/**
 * A 2-D convolution over images stored channels-last (NHWC: row {@code r} holds image {@code r} as
 * {@code h * w * cin} floats, pixel {@code (y, x)} channel {@code c} at {@code (y * w + x) * cin +
 * c}), with zero padding and a stride, computed as im2col followed by the batched dense product:
 * the patch matrix {@code [hOut * wOut, kh * kw * cin]} times the kernel matrix {@code [kh * kw *
 * cin, cout]}. The output is NHWC again, {@code hOut * wOut * cout} per image.
 *
 * <p>Kernel layout: row {@code (ky * kw + kx) * cin + ci}, column {@code co}, row-major; {@link
 * dev.mlsd.core.inference.dl4j.Dl4jExport} converts DL4J's {@code [cout, cin, kh, kw]}.
 *
 * @param input the node read
 * @param h input height
 * @param w input width
 * @param cin input channels
 * @param cout output channels
 * @param kh kernel height
 * @param kw kernel width
 * @param stride the same in both directions
 * @param pad zero padding on every side
 * @param kernel {@code kh * kw * cin * cout} values
 * @param b bias, {@code cout} values
 * @param activation applied after the product
 */
record Conv2d(
    int input,
    int h,
    int w,
    int cin,
    int cout,
    int kh,
    int kw,
    int stride,
    int pad,
    float[] kernel,
    float[] b,
    Activation activation)
    implements Layer {
  Conv2d {
    if (h < 1 || w < 1 || cin < 1 || cout < 1 || kh < 1 || kw < 1 || stride < 1 || pad < 0) {
      throw new IllegalArgumentException("conv2d needs positive sizes and stride, pad >= 0");
    }
    if (h > InferenceGraph.MAX_WIDTH || w > InferenceGraph.MAX_WIDTH || pad >= kh || pad >= kw) {
      // a pad as large as the kernel adds output rows that see nothing but padding
      throw new IllegalArgumentException(
          "conv2d pad " + pad + " must be smaller than the kernel " + kh + "x" + kw);
    }
    if (h + 2 * pad < kh || w + 2 * pad < kw) {
      throw new IllegalArgumentException("conv2d kernel is larger than the padded image");
    }
    long hOut = (h + 2L * pad - kh) / stride + 1;
    long wOut = (w + 2L * pad - kw) / stride + 1;
    if (hOut * wOut * cout > InferenceGraph.MAX_WIDTH
        || hOut * wOut * kh * kw * cin > InferenceGraph.MAX_SCRATCH_FLOATS) {
      throw new IllegalArgumentException(
          "conv2d output "
              + hOut
              + "x"
              + wOut
              + "x"
              + cout
              + " or its patch matrix is larger than the limits ("
              + InferenceGraph.MAX_WIDTH
              + " and "
              + InferenceGraph.MAX_SCRATCH_FLOATS
              + " floats)");
    }
    InferenceGraph.requireLength("conv2d kernel", kernel, (long) kh * kw * cin * cout);
    InferenceGraph.requireLength("conv2d bias", b, cout);
  }

  int hOut() {
    return (h + 2 * pad - kh) / stride + 1;
  }

  int wOut() {
    return (w + 2 * pad - kw) / stride + 1;
  }

  @Override
  public int width() {
    return hOut() * wOut() * cout;
  }

  @Override
  public int[] inputs() {
    return new int[] {input};
  }

  @Override
  public long tmpFloats(int capacity) {
    // one image's patch matrix at a time
    return (long) hOut() * wOut() * kh * kw * cin;
  }

  @Override
  public long flopsPerRow() {
    return 2L * hOut() * wOut() * kh * kw * cin * cout;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] x = s.buf[input];
    float[] y = s.buf[self];
    float[] patches = s.tmp;
    int ho = hOut();
    int wo = wOut();
    int patch = kh * kw * cin;
    int inWidth = h * w * cin;
    int outWidth = width();
    for (int r = 0; r < rows; r++) {
      int xr = s.off[input] + r * inWidth;
      int p = 0;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
          for (int ky = 0; ky < kh; ky++) {
            int iy = oy * stride - pad + ky;
            for (int kx = 0; kx < kw; kx++) {
              int ix = ox * stride - pad + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                java.util.Arrays.fill(patches, p, p + cin, 0f);
              } else {
                System.arraycopy(x, xr + (iy * w + ix) * cin, patches, p, cin);
              }
              p += cin;
            }
          }
        }
      }
      int yr = s.off[self] + r * outWidth;
      k.dense(patches, 0, ho * wo, patch, kernel, b, cout, y, yr);
      activation.apply(y, yr, ho * wo, cout, Activation.DEFAULT_LEAKY_ALPHA);
    }
  }
}
