package dev.mlsd.core.inference;

/**
 * Embedding lookup: each row's ids in columns {@code [idColumn, idColumn + bagSize)} of the id
 * input select rows of {@code table}, and {@link Pooling} combines them. A negative id is padding:
 * it contributes nothing, and {@link Pooling#MEAN} divides by the number of real ids. An id at or
 * beyond the vocabulary is refused.
 *
 * @param idColumn first id column read
 * @param bagSize ids per row
 * @param vocab rows of the table
 * @param dim embedding width
 * @param table {@code [vocab, dim]}, row-major
 * @param pooling how the bag is combined
 */
record EmbeddingBag(int idColumn, int bagSize, int vocab, int dim, float[] table, Pooling pooling)
    implements Layer {

  EmbeddingBag {
    if (bagSize < 1 || dim < 1 || vocab < 1 || idColumn < 0) {
      throw new IllegalArgumentException(
          "embedding needs bagSize, dim, vocab >= 1 and idColumn >= 0");
    }
    InferenceGraph.requireLength("embedding table", table, (long) vocab * dim);
  }

  @Override
  public int width() {
    return pooling == Pooling.CONCAT || pooling == Pooling.CONCAT_NCW ? bagSize * dim : dim;
  }

  @Override
  public int[] inputs() {
    return new int[0];
  }

  @Override
  public long flopsPerRow() {
    return (long) bagSize * dim;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] y = s.buf[self];
    int[] ids = s.ids;
    int width = width();
    for (int r = 0; r < rows; r++) {
      int yr = s.off[self] + r * width;
      int idr = s.idOff + r * s.idWidth + idColumn;
      java.util.Arrays.fill(y, yr, yr + width, 0f);
      int count = 0;
      for (int t = 0; t < bagSize; t++) {
        int id = ids[idr + t];
        if (id < 0) {
          continue;
        }
        if (id >= vocab) {
          throw new IllegalArgumentException(
              "id " + id + " in id column " + (idColumn + t) + " is outside vocabulary " + vocab);
        }
        count++;
        int src = id * dim;
        if (pooling == Pooling.CONCAT) {
          System.arraycopy(table, src, y, yr + t * dim, dim);
        } else if (pooling == Pooling.CONCAT_NCW) {
          for (int d = 0; d < dim; d++) {
            y[yr + d * bagSize + t] = table[src + d];
          }
        } else {
          for (int d = 0; d < dim; d++) {
            y[yr + d] += table[src + d];
          }
        }
      }
      if (pooling == Pooling.MEAN && count > 1) {
        float inv = 1f / count;
        for (int d = 0; d < dim; d++) {
          y[yr + d] *= inv;
        }
      }
    }
  }
}
