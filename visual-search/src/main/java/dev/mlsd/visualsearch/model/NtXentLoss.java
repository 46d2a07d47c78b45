package dev.mlsd.visualsearch.model;

/**
 * The contrastive loss of self-supervised training (NT-Xent, SimCLR's name for InfoNCE over all
 * pairs of a batch), with its gradient.
 *
 * <p>A batch holds {@code 2N} rows: rows {@code i} and {@code i + N} are two views of image {@code
 * i}. Each row is L2-normalised ({@code u = z / |z|}), every pair is scored {@code s_ij = u_i . u_j
 * / tau}, and each row takes a softmax over the {@code 2N - 1} other rows with its partner as the
 * label:
 *
 * <pre>
 *   loss = (1 / 2N) * sum_i [ -s_{i,p(i)} + log sum_{j != i} exp(s_ij) ]
 * </pre>
 *
 * The gradient, with {@code P_ij} the softmax of row {@code i}: {@code dL/du_i = (1 / 2N tau) *
 * sum_{j != i} (P_ij + P_ji - 2 [j = p(i)]) u_j}, then through the normalisation {@code dL/dz_i =
 * (g_i - u_i (u_i . g_i)) / |z_i|}.
 *
 * <p>The supervised-contrastive variant (Khosla et al., 2020; {@link #compute(float[], int, int,
 * double, int[], float[])} with labels) takes every other row of the same label as a positive and
 * averages over them: {@code loss_i = -(1 / |P(i)|) sum_{p in P(i)} s_ip + log sum_{j != i}
 * exp(s_ij)}; the gradient replaces {@code 2 [j = p(i)]} by {@code t_ij + t_ji} with {@code t_ij =
 * [j in P(i)] / |P(i)|}. With the image as the label it is NT-Xent exactly. It reads labels, so it
 * is only the upper reference, never the served encoder. {@code NtXentLossTest} checks both against
 * a hand computation and finite differences. (It is computed here in plain Java rather than in
 * SameDiff: the batch is a few hundred rows, and the gradient is then testable on its own.)
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 2, "Choosing the loss function" (softmax over similarities, cross-entropy with
 * the positive as the label).
 */
public final class NtXentLoss {
  private NtXentLoss() {}

  /**
   * Computes the loss and, when {@code grad} is not null, its gradient.
   *
   * @param z {@code 2N * d} floats, row-major: rows {@code i} and {@code i + N} are a positive pair
   * @param rows {@code 2N}, even and at least 2
   * @param d the embedding width
   * @param temperature {@code tau > 0}
   * @param grad receives {@code dL/dz} ({@code 2N * d} floats), or null for the loss alone
   * @return the mean loss over the {@code 2N} rows
   */
  public static double compute(float[] z, int rows, int d, double temperature, float[] grad) {
    if (rows < 2 || rows % 2 != 0) {
      throw new IllegalArgumentException("rows must be even and >= 2, got " + rows);
    }
    int[] image = new int[rows];
    for (int i = 0; i < rows; i++) {
      image[i] = i % (rows / 2);
    }
    return compute(z, rows, d, temperature, image, grad);
  }

  /**
   * The supervised-contrastive loss: every other row with the same label is a positive.
   *
   * @param z {@code rows * d} floats, row-major
   * @param rows at least 2; every row needs at least one other row of its label
   * @param d the embedding width
   * @param temperature {@code tau > 0}
   * @param labels one label per row
   * @param grad receives {@code dL/dz}, or null for the loss alone
   * @return the mean loss over the rows
   */
  public static double compute(
      float[] z, int rows, int d, double temperature, int[] labels, float[] grad) {
    if (rows < 2 || labels.length != rows) {
      throw new IllegalArgumentException("need >= 2 rows and one label per row, got " + rows);
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    double[] positives = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < rows; j++) {
        positives[i] += j != i && labels[j] == labels[i] ? 1 : 0;
      }
      if (positives[i] == 0) {
        throw new IllegalArgumentException("row " + i + " has no other row of its label");
      }
    }
    double[] u = new double[rows * d];
    double[] norm = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int k = 0; k < d; k++) {
        s += (double) z[i * d + k] * z[i * d + k];
      }
      norm[i] = Math.max(Math.sqrt(s), 1e-12);
      for (int k = 0; k < d; k++) {
        u[i * d + k] = z[i * d + k] / norm[i];
      }
    }
    // P: row-wise softmax of s_ij over j != i
    double[] p = new double[rows * rows];
    double loss = 0;
    for (int i = 0; i < rows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < rows; j++) {
        if (j != i) {
          double s = dot(u, i, j, d) / temperature;
          p[i * rows + j] = s;
          max = Math.max(max, s);
        }
      }
      double sum = 0;
      for (int j = 0; j < rows; j++) {
        if (j != i) {
          sum += Math.exp(p[i * rows + j] - max);
        }
      }
      double logSum = max + Math.log(sum);
      double positive = 0;
      for (int j = 0; j < rows; j++) {
        positive += j != i && labels[j] == labels[i] ? p[i * rows + j] : 0;
      }
      loss += logSum - positive / positives[i];
      for (int j = 0; j < rows; j++) {
        p[i * rows + j] = j == i ? 0 : Math.exp(p[i * rows + j] - logSum);
      }
    }
    loss /= rows;
    if (grad != null) {
      double scale = 1.0 / (rows * temperature);
      double[] g = new double[d];
      for (int i = 0; i < rows; i++) {
        java.util.Arrays.fill(g, 0);
        for (int j = 0; j < rows; j++) {
          if (j == i) {
            continue;
          }
          double t =
              labels[j] == labels[i] ? 1 / positives[i] + 1 / positives[j] : 0; // t_ij + t_ji
          double c = p[i * rows + j] + p[j * rows + i] - t;
          for (int k = 0; k < d; k++) {
            g[k] += c * u[j * d + k];
          }
        }
        double ug = 0;
        for (int k = 0; k < d; k++) {
          g[k] *= scale;
          ug += u[i * d + k] * g[k];
        }
        for (int k = 0; k < d; k++) {
          grad[i * d + k] = (float) ((g[k] - u[i * d + k] * ug) / norm[i]);
        }
      }
    }
    return loss;
  }

  private static double dot(double[] u, int i, int j, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      s += u[i * d + k] * u[j * d + k];
    }
    return s;
  }
}
