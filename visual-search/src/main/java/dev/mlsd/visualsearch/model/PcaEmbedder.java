package dev.mlsd.visualsearch.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classical baseline: the first {@code k} principal components of the preprocessed pixels,
 * L2-normalised. Fitted on a seeded sample of the gallery: the covariance matrix by ND4J's BLAS and
 * its eigenvectors by ND4J's LAPACK ({@code syev}); the projection {@code (x - mean) V} then runs
 * as one dense layer of core's inference graph (weights {@code V}, bias {@code -mean V}).
 *
 * <p>(Smile's PCA needs a system OpenBLAS that a fresh machine does not have; ND4J ships its own.)
 *
 * <p>Thread safety: the returned encoder is thread-safe.
 */
public final class PcaEmbedder {
  private PcaEmbedder() {}

  /**
   * Fits the components.
   *
   * @param images preprocessed gallery images
   * @param count how many images {@code images} holds
   * @param inputSize floats per image
   * @param sample how many images to fit on (a seeded sample when fewer than count)
   * @param k components kept
   * @param seed the sample's seed
   * @return the projection as an embedder named {@code "PCA-k of pixels"}
   */
  public static Encoder fit(
      float[] images, int count, int inputSize, int sample, int k, long seed) {
    if (k < 1 || k > inputSize) {
      throw new IllegalArgumentException("k must be in 1.." + inputSize + ", got " + k);
    }
    int n = Math.min(sample, count);
    int[] ids = new java.util.SplittableRandom(seed).ints(0, count).distinct().limit(n).toArray();
    double[] mean = new double[inputSize];
    double[] x = new double[n * inputSize];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < inputSize; j++) {
        double v = images[ids[i] * inputSize + j];
        x[i * inputSize + j] = v;
        mean[j] += v / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < inputSize; j++) {
        x[i * inputSize + j] -= mean[j];
      }
    }
    INDArray xs = Nd4j.create(x, new long[] {n, inputSize}, 'c');
    INDArray cov = xs.transpose().mmul(xs).divi(n - 1).castTo(DataType.DOUBLE).dup('f');
    INDArray eigenvalues =
        Eigen.symmetricGeneralizedEigenvalues(cov, true); // ascending; cov = vectors
    float[] w = new float[inputSize * k];
    float[] b = new float[k];
    for (int c = 0; c < k; c++) {
      int col = inputSize - 1 - c; // largest eigenvalues last
      double bias = 0;
      for (int j = 0; j < inputSize; j++) {
        double v = cov.getDouble(j, col);
        w[j * k + c] = (float) v;
        bias -= mean[j] * v;
      }
      b[c] = (float) bias;
    }
    if (eigenvalues.length() != inputSize) {
      throw new IllegalStateException("eigen decomposition returned " + eigenvalues.length());
    }
    InferenceGraph.Builder g = InferenceGraph.builder(inputSize, 0);
    g.dense(g.input(), w, b, Activation.IDENTITY);
    return new Encoder("PCA-" + k + " of pixels", g.build());
  }
}
