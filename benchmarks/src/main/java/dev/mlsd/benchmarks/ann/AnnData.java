package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.data.Datasets;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The vector sets of the ANN benchmark: the base vectors to index, queries to tune ef on, and a
 * disjoint set of queries to measure on.
 *
 * <ul>
 *   <li>{@code fmnist-784}: the 60,000 Fashion-MNIST training images as 784 pixels in [0, 1];
 *       queries are test-set images (the first {@code tune} to tune, the next {@code measure} to
 *       measure).
 *   <li>{@code fmnist-pca64}: the same images projected on their top 64 principal components
 *       (fitted on 20,000 training images).
 *   <li>{@code random64-N}: N uniform random vectors in [0, 1)^64, queries drawn the same way. The
 *       stress case.
 *   <li>{@code mogD-N} ({@code mog64-1m}, {@code mog128-1m}): <b>synthetic</b>: N vectors sampled
 *       from a mixture of 10 diagonal Gaussians fitted to the Fashion-MNIST images projected on
 *       their top D principal components (one per class label, weighted by class frequency).
 *       Real-shaped, but not real.
 * </ul>
 *
 * N accepts a k or m suffix ({@code random64-100k}, {@code mog64-1m}).
 */
record AnnData(String name, float[][] base, float[][] tune, float[][] measure) {

  static AnnData load(String name, int tune, int measure) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("fmnist-784")) {
      return fmnist(name, tune, measure, 0);
    }
    if (lower.equals("fmnist-pca64")) {
      return fmnist(name, tune, measure, 64);
    }
    if (lower.startsWith("random64-")) {
      int n = parseCount(lower.substring("random64-".length()));
      return new AnnData(name, uniform(n, 64, 1), uniform(tune, 64, 2), uniform(measure, 64, 3));
    }
    if (lower.startsWith("mog")) {
      int dash = lower.indexOf('-');
      int d = Integer.parseInt(lower.substring(3, dash));
      int n = parseCount(lower.substring(dash + 1));
      AnnData pca = fmnist("fmnist-pca" + d, 0, 0, d);
      int[] labels =
          IdxImages.readLabels(Datasets.require("fashion-mnist", "train-labels-idx1-ubyte.gz"));
      Mixture mix = Mixture.fit(pca.base(), labels, 10);
      return new AnnData(name, mix.sample(n, 11), mix.sample(tune, 12), mix.sample(measure, 13));
    }
    throw new IllegalArgumentException(
        "unknown dataset '" + name + "': fmnist-784, fmnist-pca64, random64-N, mogD-N");
  }

  /** Fashion-MNIST, projected on its top {@code pca} principal components (0: the pixels). */
  private static AnnData fmnist(String name, int tune, int measure, int pca) throws IOException {
    float[][] train =
        IdxImages.read(Datasets.require("fashion-mnist", "train-images-idx3-ubyte.gz"));
    float[][] test = IdxImages.read(Datasets.require("fashion-mnist", "t10k-images-idx3-ubyte.gz"));
    if (tune + measure > test.length) {
      throw new IllegalArgumentException("at most " + test.length + " queries");
    }
    if (pca > 0) {
      Pca p = Pca.fit(train, pca, 20_000, 7L);
      train = p.project(train);
      test = p.project(test);
    }
    return new AnnData(
        name,
        train,
        Arrays.copyOfRange(test, 0, tune),
        Arrays.copyOfRange(test, tune, tune + measure));
  }

  static int parseCount(String s) {
    int mult = 1;
    if (s.endsWith("k")) {
      mult = 1_000;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      mult = 1_000_000;
      s = s.substring(0, s.length() - 1);
    }
    return Math.multiplyExact(Integer.parseInt(s), mult);
  }

  static float[][] uniform(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] v = new float[n][d];
    for (float[] row : v) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextDouble();
      }
    }
    return v;
  }

  /** A mixture of diagonal Gaussians, one component per label. */
  record Mixture(double[] weights, float[][] means, float[][] sds) {
    static Mixture fit(float[][] x, int[] labels, int k) {
      int d = x[0].length;
      double[][] sum = new double[k][d];
      double[][] sq = new double[k][d];
      double[] count = new double[k];
      for (int i = 0; i < x.length; i++) {
        int c = labels[i];
        count[c]++;
        for (int j = 0; j < d; j++) {
          sum[c][j] += x[i][j];
          sq[c][j] += (double) x[i][j] * x[i][j];
        }
      }
      double[] w = new double[k];
      float[][] means = new float[k][d];
      float[][] sds = new float[k][d];
      for (int c = 0; c < k; c++) {
        w[c] = count[c] / x.length;
        for (int j = 0; j < d; j++) {
          double mu = sum[c][j] / count[c];
          means[c][j] = (float) mu;
          sds[c][j] = (float) Math.sqrt(Math.max(0, sq[c][j] / count[c] - mu * mu));
        }
      }
      return new Mixture(w, means, sds);
    }

    float[][] sample(int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int d = means[0].length;
      float[][] out = new float[n][d];
      for (float[] row : out) {
        double u = r.nextDouble();
        int c = 0;
        while (c < weights.length - 1 && (u -= weights[c]) > 0) {
          c++;
        }
        for (int j = 0; j < d; j++) {
          double g =
              Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
          row[j] = (float) (means[c][j] + sds[c][j] * g);
        }
      }
      return out;
    }
  }
}
