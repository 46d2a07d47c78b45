package dev.mlsd.benchmarks.ann;

import java.util.SplittableRandom;

/**
 * Principal components by subspace iteration on the covariance matrix: enough to turn 784 pixels
 * into a 64-d "embedding-shaped" vector set for the ANN benchmark, with no extra dependency.
 *
 * <p>The covariance is estimated on a seeded sample of the rows; {@link #ITERATIONS} rounds of
 * {@code Q = orth(C Q)} converge to the span of the top components (individual eigenvectors inside
 * a cluster of near-equal eigenvalues may still mix, which does not matter for a projection).
 */
final class Pca {
  static final int ITERATIONS = 40;
  private final float[] mean;
  private final double[][] basis; // [component][feature]

  private Pca(float[] mean, double[][] basis) {
    this.mean = mean;
    this.basis = basis;
  }

  static Pca fit(float[][] x, int components, int sampleRows, long seed) {
    int d = x[0].length;
    SplittableRandom r = new SplittableRandom(seed);
    int m = Math.min(sampleRows, x.length);
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = m == x.length ? i : r.nextInt(x.length);
    }
    float[] mean = new float[d];
    double[] sum = new double[d];
    for (int i : rows) {
      for (int j = 0; j < d; j++) {
        sum[j] += x[i][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / m);
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (int i : rows) {
      for (int j = 0; j < d; j++) {
        c[j] = x[i][j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = c[a];
        if (ca == 0) {
          continue;
        }
        double[] row = cov[a];
        for (int b = a; b < d; b++) {
          row[b] += ca * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= m;
        cov[b][a] = cov[a][b];
      }
    }
    double[][] q = new double[components][d];
    for (double[] v : q) {
      for (int j = 0; j < d; j++) {
        v[j] = r.nextDouble() - 0.5;
      }
    }
    orthonormalise(q);
    double[][] z = new double[components][d];
    for (int it = 0; it < ITERATIONS; it++) {
      for (int k = 0; k < components; k++) {
        double[] qk = q[k];
        double[] zk = z[k];
        for (int a = 0; a < d; a++) {
          double[] row = cov[a];
          double s = 0;
          for (int b = 0; b < d; b++) {
            s += row[b] * qk[b];
          }
          zk[a] = s;
        }
      }
      double[][] t = q;
      q = z;
      z = t;
      orthonormalise(q);
    }
    return new Pca(mean, q);
  }

  private static void orthonormalise(double[][] q) {
    for (int k = 0; k < q.length; k++) {
      for (int p = 0; p < k; p++) {
        double dot = 0;
        for (int j = 0; j < q[k].length; j++) {
          dot += q[k][j] * q[p][j];
        }
        for (int j = 0; j < q[k].length; j++) {
          q[k][j] -= dot * q[p][j];
        }
      }
      double norm = 0;
      for (double v : q[k]) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < q[k].length; j++) {
        q[k][j] /= norm;
      }
    }
  }

  float[][] project(float[][] x) {
    int d = mean.length;
    float[][] out = new float[x.length][basis.length];
    double[] c = new double[d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        c[j] = x[i][j] - mean[j];
      }
      for (int k = 0; k < basis.length; k++) {
        double s = 0;
        double[] b = basis[k];
        for (int j = 0; j < d; j++) {
          s += b[j] * c[j];
        }
        out[i][k] = (float) s;
      }
    }
    return out;
  }
}
