package dev.mlsd.recommendation.model;

import java.util.SplittableRandom;

/**
 * Weighted alternating least squares for implicit feedback: the book's matrix factorisation. The
 * feedback matrix {@code A} (1 where a user watched a video, 0 elsewhere) is factorised as {@code U
 * V^T}, minimising
 *
 * <pre>
 *   L = sum over observed (u,i) of c_ui (1 - u.v_i)^2
 *     + w0 * sum over unobserved (u,i) of (u.v_i)^2
 *     + lambda (|U|^2 + |V|^2)
 * </pre>
 *
 * where {@code c_ui} is the observed entry's confidence (watched 1, liked 2; see {@link
 * dev.mlsd.recommendation.data.Relevance}) and {@code w0 < 1} down-weights the unobserved entries.
 * Each half-step solves every user (then every item) exactly by a k x k Cholesky solve, using the
 * Gramian trick of Hu, Koren and Volinsky (ICDM 2008) so that the unobserved entries cost {@code
 * O(k^2)} per row, not {@code O(items k)}: {@code (w0 V^T V + sum_obs (c - w0) v v^T + lambda I) u
 * = sum_obs c v}. Because each half-step is an exact block minimiser, {@link #objective} never
 * increases from one sweep to the next (tested).
 *
 * <p>Plain Java, double-precision solves, float factors. Seeded: the same data, parameters and seed
 * give the same factors.
 *
 * <p>Thread safety: training is single-threaded; a trained model is read-only and its {@link
 * #foldIn} uses caller-owned scratch.
 *
 * <p>Book: chapter 6, "Model development", matrix factorisation (WALS).
 */
public final class Wals {
  /**
   * Training parameters.
   *
   * @param factors embedding length k, at least 1
   * @param lambda L2 regularisation, at least 0
   * @param unobservedWeight w0, in (0, 1]
   * @param iterations sweeps (one user half-step plus one item half-step each), at least 1
   * @param seed seed of the initial item factors
   */
  public record Params(
      int factors, double lambda, double unobservedWeight, int iterations, long seed) {
    public Params {
      if (factors < 1) {
        throw new IllegalArgumentException("factors must be >= 1, got " + factors);
      }
      if (!(lambda >= 0)) {
        throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
      }
      if (!(unobservedWeight > 0 && unobservedWeight <= 1)) {
        throw new IllegalArgumentException(
            "unobservedWeight must be in (0, 1], got " + unobservedWeight);
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
      }
    }
  }

  private final Params params;
  private final int users;
  private final int items;
  private final float[] userFactors;
  private final float[] itemFactors;

  private Wals(Params params, int users, int items, float[] uf, float[] vf) {
    this.params = params;
    this.users = users;
    this.items = items;
    this.userFactors = uf;
    this.itemFactors = vf;
  }

  /**
   * Trains on a feedback matrix.
   *
   * @param m the training matrix
   * @param p the parameters
   * @param afterSweep told the sweep number (1-based) and the objective after each sweep, or null
   * @return the trained model
   */
  public static Wals train(FeedbackMatrix m, Params p, SweepListener afterSweep) {
    Wals w = init(m, p);
    for (int it = 1; it <= p.iterations(); it++) {
      w.sweep(m);
      if (afterSweep != null) {
        afterSweep.afterSweep(it, w.objective(m));
      }
    }
    return w;
  }

  /** Told after each training sweep. */
  @FunctionalInterface
  public interface SweepListener {
    /**
     * @param sweep 1-based sweep number
     * @param objective the objective after it
     */
    void afterSweep(int sweep, double objective);
  }

  /** A model with seeded random item factors and zero user factors (before any sweep). */
  static Wals init(FeedbackMatrix m, Params p) {
    int k = p.factors();
    float[] uf = new float[m.users * k];
    float[] vf = new float[m.items * k];
    SplittableRandom rnd = new SplittableRandom(p.seed());
    double scale = 1 / Math.sqrt(k);
    for (int i = 0; i < vf.length; i++) {
      vf[i] = (float) (rnd.nextGaussian() * scale * 0.1);
    }
    return new Wals(p, m.users, m.items, uf, vf);
  }

  /** One sweep: solve all users given items, then all items given users. */
  void sweep(FeedbackMatrix m) {
    int k = params.factors();
    Solver s = new Solver(k);
    double[] gram = gramian(itemFactors, items, k);
    for (int u = 0; u < users; u++) {
      s.solve(
          gram,
          itemFactors,
          m.rowItems,
          m.rowWeights,
          m.rowStart[u],
          m.rowStart[u + 1],
          params,
          userFactors,
          u * k);
    }
    gram = gramian(userFactors, users, k);
    for (int i = 0; i < items; i++) {
      s.solve(
          gram,
          userFactors,
          m.colUsers,
          m.colWeights,
          m.colStart[i],
          m.colStart[i + 1],
          params,
          itemFactors,
          i * k);
    }
  }

  /** The training objective L of the class comment on a matrix. */
  public double objective(FeedbackMatrix m) {
    int k = params.factors();
    double[] gu = gramian(userFactors, users, k);
    double[] gv = gramian(itemFactors, items, k);
    double all = 0;
    for (int x = 0; x < k * k; x++) {
      all += gu[x] * gv[x];
    }
    double observed = 0;
    double observedSq = 0;
    for (int u = 0; u < users; u++) {
      for (int p = m.rowStart[u]; p < m.rowStart[u + 1]; p++) {
        double d = dot(userFactors, u * k, itemFactors, m.rowItems[p] * k, k);
        observed += m.rowWeights[p] * (1 - d) * (1 - d);
        observedSq += d * d;
      }
    }
    double reg = 0;
    for (float f : userFactors) {
      reg += f * f;
    }
    for (float f : itemFactors) {
      reg += f * f;
    }
    return observed + params.unobservedWeight() * (all - observedSq) + params.lambda() * reg;
  }

  /**
   * Folds a new user in: the user factor that minimises the objective for this history with the
   * item factors fixed (one least-squares solve). Used for cold-start users and for users whose
   * history grew after training.
   *
   * @param historyItems item indices (duplicates are counted twice)
   * @param weights confidence of each, parallel
   * @param n how many to read
   * @param scratch caller-owned scratch from {@link #newScratch()}
   * @param out receives k values
   */
  public void foldIn(
      int[] historyItems, float[] weights, int n, FoldInScratch scratch, float[] out) {
    scratch.solver.solve(scratch.gram, itemFactors, historyItems, weights, 0, n, params, out, 0);
  }

  /** Scratch state for {@link #foldIn}: one per thread. */
  public static final class FoldInScratch {
    final Solver solver;
    final double[] gram;

    FoldInScratch(Solver solver, double[] gram) {
      this.solver = solver;
      this.gram = gram;
    }
  }

  /** New fold-in scratch (holds a copy of the item Gramian). */
  public FoldInScratch newScratch() {
    return new FoldInScratch(
        new Solver(params.factors()), gramian(itemFactors, items, params.factors()));
  }

  /** The parameters. */
  public Params params() {
    return params;
  }

  /** Embedding length. */
  public int factors() {
    return params.factors();
  }

  /** Row-major user factors, users x k (read only). */
  public float[] userFactors() {
    return userFactors;
  }

  /** Row-major item factors, items x k (read only). */
  public float[] itemFactors() {
    return itemFactors;
  }

  static double dot(float[] a, int ao, float[] b, int bo, int k) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += a[ao + j] * b[bo + j];
    }
    return s;
  }

  static double[] gramian(float[] f, int rows, int k) {
    double[] g = new double[k * k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      for (int a = 0; a < k; a++) {
        double fa = f[o + a];
        if (fa == 0) {
          continue;
        }
        for (int b = a; b < k; b++) {
          g[a * k + b] += fa * f[o + b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        g[a * k + b] = g[b * k + a];
      }
    }
    return g;
  }

  /** Builds and solves one row's normal equations; owns its scratch. Single-threaded. */
  static final class Solver {
    private final int k;
    private final double[] a;
    private final double[] b;

    Solver(int k) {
      this.k = k;
      this.a = new double[k * k];
      this.b = new double[k];
    }

    void solve(
        double[] gram,
        float[] other,
        int[] idx,
        float[] w,
        int from,
        int to,
        Params p,
        float[] out,
        int outOff) {
      double w0 = p.unobservedWeight();
      for (int x = 0; x < k * k; x++) {
        a[x] = w0 * gram[x];
      }
      java.util.Arrays.fill(b, 0);
      for (int q = from; q < to; q++) {
        int o = idx[q] * k;
        double c = w[q];
        double extra = c - w0;
        for (int r = 0; r < k; r++) {
          double vr = other[o + r];
          b[r] += c * vr;
          double ev = extra * vr;
          for (int s = r; s < k; s++) {
            a[r * k + s] += ev * other[o + s];
          }
        }
      }
      for (int r = 0; r < k; r++) {
        for (int s = 0; s < r; s++) {
          a[r * k + s] = a[s * k + r];
        }
        a[r * k + r] += p.lambda() + 1e-9;
      }
      // Cholesky: a = L L^T, in place (lower triangle)
      for (int j = 0; j < k; j++) {
        double d = a[j * k + j];
        for (int t = 0; t < j; t++) {
          d -= a[j * k + t] * a[j * k + t];
        }
        d = Math.sqrt(Math.max(d, 1e-12));
        a[j * k + j] = d;
        for (int i = j + 1; i < k; i++) {
          double s = a[i * k + j];
          for (int t = 0; t < j; t++) {
            s -= a[i * k + t] * a[j * k + t];
          }
          a[i * k + j] = s / d;
        }
      }
      for (int i = 0; i < k; i++) {
        double s = b[i];
        for (int t = 0; t < i; t++) {
          s -= a[i * k + t] * b[t];
        }
        b[i] = s / a[i * k + i];
      }
      for (int i = k - 1; i >= 0; i--) {
        double s = b[i];
        for (int t = i + 1; t < k; t++) {
          s -= a[t * k + i] * b[t];
        }
        b[i] = s / a[i * k + i];
      }
      for (int i = 0; i < k; i++) {
        out[outOff + i] = (float) b[i];
      }
    }
  }
}
