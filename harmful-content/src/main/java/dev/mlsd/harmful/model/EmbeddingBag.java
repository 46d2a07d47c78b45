package dev.mlsd.harmful.model;

import dev.mlsd.harmful.features.EncodedPosts;

/**
 * The n-gram part of the network's first layer, trained sparsely: a table with one row of {@code
 * width} weights per hash bucket, and a post's output is the mean of the rows of its ids. That is
 * exactly {@code tf . W} for the post's term frequencies {@code tf = count(id) / ids}, the product
 * a dense layer over a {@code buckets}-wide input computes, at a cost proportional to the post's
 * ids (about 160) instead of the buckets (16,384 or more). With id weights (IDF), each row is
 * multiplied by its bucket's fixed weight before the mean: {@code tf-idf . W}; the served graph
 * keeps the plain mean over rows pre-multiplied by the weights ({@link #servedTable()}).
 *
 * <p>Why not in DL4J: a dense layer over the term-frequency rows spends nearly all of its time
 * multiplying zeros, and DL4J's {@code EmbeddingSequenceLayer} with masked average pooling
 * materialises {@code [batch, width, longest post]} activations and was five times slower still on
 * this data. The rest of the network stays in DL4J, which hands this class the gradient of the loss
 * with respect to the bag's output ({@link MultiTaskNetwork}).
 *
 * <p>The optimiser is DL4J's: Adam over every row, with L2 weight decay added to the gradient
 * before the update (a lazy Adam that moves only the rows present in the batch, as TensorFlow's
 * {@code LazyAdam}, learnt the rare hate n-grams visibly slower here). The gradient is accumulated
 * sparsely; the update is one pass over the table per step.
 *
 * <p>Thread safety: not thread-safe; one training loop at a time. Units: none.
 *
 * <p>Book: chapter 5, "Model development" (the text encoder's first layer of the fused input).
 */
final class EmbeddingBag {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final int buckets;
  private final int width;
  private final float[] table;
  private final float[] m;
  private final float[] v;
  private final float[] gradient;
  private final float[] idWeights;
  private long step;

  private EmbeddingBag(
      int buckets, int width, float[] table, float[] idWeights, float[] m, float[] v, long step) {
    this.buckets = buckets;
    this.width = width;
    this.table = table;
    this.idWeights = idWeights;
    this.m = m;
    this.v = v;
    this.step = step;
    this.gradient = new float[table.length];
  }

  /**
   * A table with Gaussian weights of standard deviation {@code std}.
   *
   * @param idWeights a fixed weight per bucket that multiplies its row in the bag (IDF weighting,
   *     {@link dev.mlsd.harmful.features.InverseDocumentFrequency}), or null for 1
   * @param random the initialisation's source
   */
  static EmbeddingBag gaussian(
      int buckets, int width, double std, float[] idWeights, java.util.SplittableRandom random) {
    if (idWeights != null && idWeights.length != buckets) {
      throw new IllegalArgumentException("one id weight per bucket");
    }
    float[] t = new float[buckets * width];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) (random.nextGaussian() * std);
    }
    return new EmbeddingBag(
        buckets, width, t, idWeights, new float[t.length], new float[t.length], 0);
  }

  /** An independent copy: weights and optimiser state. */
  EmbeddingBag copy() {
    return new EmbeddingBag(buckets, width, table.clone(), idWeights, m.clone(), v.clone(), step);
  }

  private float idWeight(int id) {
    return idWeights == null ? 1f : idWeights[id];
  }

  /**
   * The bag's output for some posts: row {@code r} is the mean of the table rows of post {@code
   * rows[r]}'s ids (zeros for a post without ids).
   *
   * @return {@code [rows.length * width]}, row-major
   */
  float[] forward(EncodedPosts posts, int[] rows) {
    float[] out = new float[rows.length * width];
    int[] ids = posts.ids();
    for (int r = 0; r < rows.length; r++) {
      int from = posts.offsets()[rows[r]];
      int to = posts.offsets()[rows[r] + 1];
      if (to == from) {
        continue;
      }
      int o = r * width;
      for (int k = from; k < to; k++) {
        int base = ids[k] * width;
        float w = idWeight(ids[k]);
        for (int j = 0; j < width; j++) {
          out[o + j] += w * table[base + j];
        }
      }
      float inv = 1f / (to - from);
      for (int j = 0; j < width; j++) {
        out[o + j] *= inv;
      }
    }
    return out;
  }

  /**
   * One optimiser step from the gradient of the mini-batch loss with respect to the bag's output.
   *
   * @param rows the posts of the mini-batch, as given to {@link #forward}
   * @param outputGradient {@code [rows.length * width]}: dLoss / dOutput
   * @param learningRate Adam's learning rate
   * @param l2 the L2 coefficient (gradient += l2 * weight on the rows that move)
   */
  void step(
      EncodedPosts posts, int[] rows, float[] outputGradient, double learningRate, double l2) {
    int[] ids = posts.ids();
    for (int r = 0; r < rows.length; r++) {
      int from = posts.offsets()[rows[r]];
      int to = posts.offsets()[rows[r] + 1];
      if (to == from) {
        continue;
      }
      float inv = 1f / (to - from);
      int o = r * width;
      for (int k = from; k < to; k++) {
        int base = ids[k] * width;
        float w = inv * idWeight(ids[k]);
        for (int j = 0; j < width; j++) {
          gradient[base + j] += outputGradient[o + j] * w;
        }
      }
    }
    step++;
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    float alpha = (float) (learningRate * Math.sqrt(c2) / c1);
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float decay = (float) l2;
    // every row moves, as in DL4J's dense Adam: a row absent from this batch still follows its
    // momentum and its weight decay
    for (int j = 0; j < table.length; j++) {
      float g = gradient[j] + decay * table[j];
      float mj = b1 * m[j] + (1 - b1) * g;
      float vj = b2 * v[j] + (1 - b2) * g * g;
      m[j] = mj;
      v[j] = vj;
      table[j] -= alpha * mj / ((float) Math.sqrt(vj) + (float) EPSILON);
      gradient[j] = 0;
    }
  }

  /** A snapshot of the weights (for early stopping). */
  float[] weights() {
    return table.clone();
  }

  /** Restores weights taken by {@link #weights()}. */
  void setWeights(float[] w) {
    System.arraycopy(w, 0, table, 0, table.length);
  }

  /** The table itself, {@code [buckets, width]} row-major (not a copy). */
  float[] table() {
    return table;
  }

  /**
   * The rows as an unweighted mean bag serves them: row {@code k} times its id weight (a copy). The
   * mean of these rows over a post's ids equals {@link #forward}.
   */
  float[] servedTable() {
    float[] t = table.clone();
    if (idWeights != null) {
      for (int k = 0; k < buckets; k++) {
        for (int j = 0; j < width; j++) {
          t[k * width + j] *= idWeights[k];
        }
      }
    }
    return t;
  }

  int buckets() {
    return buckets;
  }

  int width() {
    return width;
  }
}
