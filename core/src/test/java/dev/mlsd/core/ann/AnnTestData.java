package dev.mlsd.core.ann;

import java.util.SplittableRandom;

/** Seeded vector sets for the ANN tests; recall through {@link RecallAgainstExact}. */
final class AnnTestData {
  private AnnTestData() {}

  /** Uniform random vectors in [-1, 1)^d. */
  static float[][] uniform(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] v = new float[n][d];
    for (float[] row : v) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (2 * r.nextDouble() - 1);
      }
    }
    return v;
  }

  /** A mixture of isotropic Gaussians: cluster centres in [-1, 1)^d, spread sigma around them. */
  static float[][] clustered(int n, int d, int clusters, double sigma, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = uniform(clusters, d, seed ^ 0x5DEECE66DL);
    float[][] v = new float[n][d];
    for (float[] row : v) {
      float[] c = centres[r.nextInt(clusters)];
      for (int j = 0; j < d; j++) {
        row[j] = (float) (c[j] + sigma * gaussian(r));
      }
    }
    return v;
  }

  /** Rescales each vector to a seeded random norm in [lo, hi). */
  static float[][] withNormsIn(float[][] v, double lo, double hi) {
    SplittableRandom r = new SplittableRandom(99);
    for (float[] row : v) {
      double norm = 0;
      for (float x : row) {
        norm += x * x;
      }
      double scale = (lo + (hi - lo) * r.nextDouble()) / Math.sqrt(norm);
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (row[j] * scale);
      }
    }
    return v;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static <T extends VectorIndex> T addAll(T index, float[][] vectors) {
    for (float[] v : vectors) {
      index.add(v);
    }
    return index;
  }

  /** Recall@k of the searcher against the exact scan, over the queries. */
  static double recall(
      VectorIndex.Searcher approx,
      VectorIndex.Searcher exact,
      float[][] queries,
      int k,
      SearchParams params,
      java.util.function.IntPredicate filter) {
    return RecallAgainstExact.recall(approx, exact, queries, k, params, filter);
  }
}
