package dev.mlsd.core.inference;

/**
 * The factorization machine's second-order term (Rendle 2010) in its O(kn) form: with the row
 * holding {@code n} field embeddings {@code v_i} of width {@code k} side by side, {@code y = 0.5 *
 * sum_f ((sum_i v_if)^2 - sum_i v_if^2)}, which equals {@code sum_{i<j} <v_i, v_j>}. One value per
 * row.
 *
 * @param input the node holding the {@code n * k} embedding values per row
 * @param fields {@code n}
 * @param k the embedding width
 * @param ncw false when field {@code i}'s vector sits at {@code [i * k, (i + 1) * k)} ({@link
 *     Pooling#CONCAT}); true when element {@code (f, i)} sits at {@code f * fields + i} ({@link
 *     Pooling#CONCAT_NCW})
 */
record FmSecondOrder(int input, int fields, int k, boolean ncw) implements Layer {
  FmSecondOrder {
    if (fields < 1 || k < 1) {
      throw new IllegalArgumentException("FM needs fields >= 1 and k >= 1");
    }
  }

  @Override
  public int width() {
    return 1;
  }

  @Override
  public int[] inputs() {
    return new int[] {input};
  }

  @Override
  public long flopsPerRow() {
    return 3L * fields * k + 3L * k;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels kernels) {
    float[] x = s.buf[input];
    float[] y = s.buf[self];
    int width = fields * k;
    // position of (field i, dimension f) = i * fieldStride + f * dimStride
    int fieldStride = ncw ? 1 : k;
    int dimStride = ncw ? fields : 1;
    for (int r = 0; r < rows; r++) {
      int xr = s.off[input] + r * width;
      float acc = 0f;
      for (int f = 0; f < k; f++) {
        float sum = 0f;
        float sq = 0f;
        for (int i = 0; i < fields; i++) {
          float v = x[xr + i * fieldStride + f * dimStride];
          sum += v;
          sq = Math.fma(v, v, sq);
        }
        acc += sum * sum - sq;
      }
      y[s.off[self] + r] = 0.5f * acc;
    }
  }
}
