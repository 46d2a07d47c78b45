package dev.mlsd.batch.model;

import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.ItemScorer;

/**
 * Scores every item by {@code u . y_i} with Spark ALS's item factors {@code Y}, the user {@code u}
 * folded in from the request's history by the half-step ALS itself takes for a user (so a warm user
 * whose history is their training rows gets ALS's own user factor back, up to float rounding):
 *
 * <pre>
 *   (Y^T Y + sum_h (c_h - 1) y_h y_h^T + regParam * n I) u = sum_h c_h y_h,   c_h = 1 + alpha w_h
 * </pre>
 *
 * over the history's distinct items h (a repeated item keeps its last row), {@code w_h} the
 * module's confidence weight, {@code n} their count. Served exactly as the module's {@code
 * WalsScorer} serves WALS, so the evaluator compares the two factorisations and nothing else.
 *
 * <p>Not thread-safe: owns the solve's scratch; one instance per thread.
 *
 * <p>Book: chapter 6, "Model development", matrix factorisation.
 */
public final class AlsScorer implements ItemScorer {
  private final float[] items;
  private final int k;
  private final double[] gram;
  private final double regParam;
  private final double alpha;
  private final double[] a;
  private final double[] b;
  private final float[] user;
  private final int[] lastRow;

  /**
   * @param itemFactors row-major item factors ({@link AlsTraining#itemFactors})
   * @param rank k
   * @param regParam ALS's L2 weight
   * @param alpha ALS's confidence scale
   */
  public AlsScorer(float[] itemFactors, int rank, double regParam, double alpha) {
    this.items = itemFactors;
    this.k = rank;
    this.regParam = regParam;
    this.alpha = alpha;
    this.gram = new double[k * k];
    int n = itemFactors.length / k;
    for (int i = 0; i < n; i++) {
      int o = i * k;
      for (int r = 0; r < k; r++) {
        double yr = itemFactors[o + r];
        for (int c = 0; c < k; c++) {
          gram[r * k + c] += yr * itemFactors[o + c];
        }
      }
    }
    this.a = new double[k * k];
    this.b = new double[k];
    this.user = new float[k];
    this.lastRow = new int[n];
    java.util.Arrays.fill(lastRow, -1);
  }

  @Override
  public String name() {
    return "ALS on Spark";
  }

  /** Folds the request's user in; valid until the next call. */
  public float[] userVector(UserRequest request) {
    System.arraycopy(gram, 0, a, 0, a.length);
    java.util.Arrays.fill(b, 0);
    // the last row of each item wins, as in the training observations
    for (int h = 0; h < request.length; h++) {
      lastRow[request.items[h]] = h;
    }
    int distinct = 0;
    for (int h = 0; h < request.length; h++) {
      int item = request.items[h];
      if (lastRow[item] != h) {
        continue;
      }
      distinct++;
      double c1 = alpha * Relevance.weight(request.ratings[h]);
      int o = item * k;
      for (int r = 0; r < k; r++) {
        double yr = items[o + r];
        b[r] += (1 + c1) * yr;
        for (int c = 0; c < k; c++) {
          a[r * k + c] += c1 * yr * items[o + c];
        }
      }
    }
    for (int h = 0; h < request.length; h++) {
      lastRow[request.items[h]] = -1;
    }
    for (int r = 0; r < k; r++) {
      a[r * k + r] += regParam * distinct;
    }
    solve();
    return user;
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    float[] u = userVector(request);
    int n = items.length / k;
    for (int i = 0; i < n; i++) {
      float s = 0;
      int o = i * k;
      for (int j = 0; j < k; j++) {
        s += u[j] * items[o + j];
      }
      out[i] = s;
    }
  }

  /** Cholesky solve of a u = b, in place; a singular system (empty history) gives u = 0. */
  private void solve() {
    for (int j = 0; j < k; j++) {
      double d = a[j * k + j];
      for (int p = 0; p < j; p++) {
        d -= a[j * k + p] * a[j * k + p];
      }
      if (!(d > 1e-12)) {
        java.util.Arrays.fill(user, 0f);
        return;
      }
      d = Math.sqrt(d);
      a[j * k + j] = d;
      for (int i = j + 1; i < k; i++) {
        double s = a[i * k + j];
        for (int p = 0; p < j; p++) {
          s -= a[i * k + p] * a[j * k + p];
        }
        a[i * k + j] = s / d;
      }
    }
    for (int i = 0; i < k; i++) {
      double s = b[i];
      for (int p = 0; p < i; p++) {
        s -= a[i * k + p] * b[p];
      }
      b[i] = s / a[i * k + i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double s = b[i];
      for (int p = i + 1; p < k; p++) {
        s -= a[p * k + i] * b[p];
      }
      b[i] = s / a[i * k + i];
      user[i] = (float) b[i];
    }
  }
}
