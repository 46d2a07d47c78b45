package dev.mlsd.harmful.features;

/**
 * Featurised posts in compressed rows: post {@code i}'s n-gram ids are {@code ids[offsets[i],
 * offsets[i + 1])} and its dense row is {@code dense[i * denseWidth, (i + 1) * denseWidth)}. The
 * arrays are owned by the record and not copied.
 *
 * @param size the number of posts
 * @param buckets the id range: every id is in [0, buckets)
 * @param denseWidth floats per post
 * @param offsets {@code size + 1} offsets into {@code ids}
 * @param ids the bags of n-gram ids, concatenated
 * @param dense the dense rows, row-major
 * @param truncated posts whose n-grams exceeded {@link FeatureScratch#MAX_IDS}
 */
public record EncodedPosts(
    int size, int buckets, int denseWidth, int[] offsets, int[] ids, float[] dense, int truncated) {

  /** The number of ids of post {@code i}. */
  public int idCount(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /** Post {@code i}'s ids as a sparse index list (a copy; for the baseline and tests). */
  public int[] idsOf(int i) {
    return java.util.Arrays.copyOfRange(ids, offsets[i], offsets[i + 1]);
  }

  /**
   * Writes post {@code i}'s term frequencies over the buckets: {@code count(id) / idCount}, the
   * average the served graph's embedding bag computes.
   *
   * @param row receives {@code buckets} floats starting at {@code offset}; must be zero there on
   *     entry
   */
  public void writeTermFrequencies(int i, float[] row, int offset) {
    int n = idCount(i);
    if (n > 0) {
      float w = 1f / n;
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        row[offset + ids[k]] += w;
      }
    }
  }

  /** Writes post {@code i}'s dense row ({@code denseWidth} floats) at {@code offset}. */
  public void writeDense(int i, float[] row, int offset) {
    System.arraycopy(dense, i * denseWidth, row, offset, denseWidth);
  }
}
