package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;
import org.bytedeco.openblas.global.openblas;

/**
 * Baseline: EASE (Steck, 2019, "Embarrassingly shallow autoencoders for sparse data"), a linear
 * item-item model with a closed form. With {@code X} the binary user-item training matrix and
 * {@code P = (XᵀX + λI)⁻¹}, the weights are {@code B = I − P·diag(1/diag(P))}, that is {@code
 * B[i][j] = −P[i][j] / P[j][j]} off the diagonal and 0 on it (an item may not predict itself). A
 * request's score for item j is {@code Σ_h w_h B[h][j]} over its history items h, with weight 1
 * each ({@link #scoreAll}) or a recency weight ({@link #scoreRecent}).
 *
 * <p>The inverse is LAPACK's ({@code spotrf} then {@code spotri}: Cholesky, since {@code XᵀX + λI}
 * is symmetric positive definite; OpenBLAS through its JavaCPP binding, the build ND4J runs on), in
 * float, over the items with at least {@code minCount} training users (7,099 items, about 5 s on
 * one core). Float, not double: the double routines of this OpenBLAS build (0.3.19) fail on this
 * machine's AVX-512 CPU (they report a positive definite matrix as not positive definite unless
 * {@code OPENBLAS_CORETYPE=Haswell} is set), and the float result is checked: {@link #fromGram}
 * verifies {@code (XᵀX + λI)·P = I} on sampled entries and refuses a wrong inverse. Items with no
 * training user have an empty row and column of {@code XᵀX}, so leaving them out changes nothing
 * (their scores are exactly 0); a larger {@code minCount} trades that exactness for a smaller
 * inverse.
 *
 * <p>Thread safety: immutable; the scoring methods write only into the caller's arrays.
 *
 * <p>Book: chapter 6, "Model development" (collaborative filtering); a baseline beside popularity
 * and item-kNN.
 */
public final class EaseModel implements ItemScorer {
  /**
   * Hyper-parameters.
   *
   * @param lambda L2 weight on B, added to the Gram matrix's diagonal, &gt; 0
   * @param minCount items with fewer training users are left out of the inverse (score 0)
   */
  public record Params(double lambda, int minCount) {
    public Params {
      if (!(lambda > 0)) {
        throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
      }
    }
  }

  private final int items;
  private final int[] local;
  private final int[] global;
  private final float[] b;
  private final Params params;
  // the pruned form (see pruned()): per kept row, `keep` catalogue indices and weights; else null
  private final int keep;
  private final int[] nbr;
  private final float[] w;

  private EaseModel(int items, int[] local, int[] global, float[] b, Params params) {
    this.items = items;
    this.local = local;
    this.global = global;
    this.b = b;
    this.params = params;
    this.keep = 0;
    this.nbr = null;
    this.w = null;
  }

  private EaseModel(EaseModel dense, int keep, int[] nbr, float[] w) {
    this.items = dense.items;
    this.local = dense.local;
    this.global = dense.global;
    this.b = null;
    this.params = dense.params;
    this.keep = keep;
    this.nbr = nbr;
    this.w = w;
  }

  /**
   * The serving form: each row of B keeps only its {@code keep} largest entries by magnitude (a
   * sparse item-item table, {@code kept() x keep}, like item-kNN's), so scoring a request costs
   * {@code history x keep} additions instead of {@code history x kept()}. Scores of the dropped
   * entries become 0; how much that costs is measured on validation ({@link
   * dev.mlsd.recommendation.evaluation.EaseSelection}).
   *
   * @param keep entries kept per row, at least 1
   * @return a new model; this one is unchanged
   */
  public EaseModel pruned(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    if (b == null) {
      throw new IllegalStateException("already pruned");
    }
    int n = global.length;
    int k = Math.min(keep, n);
    int[] nb = new int[n * k];
    float[] wt = new float[n * k];
    TopItems top = new TopItems(k);
    float[] mag = new float[n];
    int[] best = new int[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        mag[j] = Math.abs(b[i * n + j]);
      }
      int got = top.select(mag, null, k, best);
      for (int t = 0; t < k; t++) {
        int j = t < got ? best[t] : i; // B[i][i] = 0: a harmless filler
        nb[i * k + t] = global[j];
        wt[i * k + t] = b[i * n + j];
      }
    }
    return new EaseModel(this, k, nb, wt);
  }

  /** Entries kept per row, or 0 for the dense model. */
  public int keep() {
    return keep;
  }

  /**
   * Fits B on the training matrix (binary: any watch counts 1).
   *
   * @param fm the training matrix
   * @param p hyper-parameters
   */
  public static EaseModel train(FeedbackMatrix fm, Params p) {
    return fromGram(gram(fm, p.minCount()), p);
  }

  /**
   * The Gram matrix {@code XᵀX} over the kept items, computed once so that several lambdas can be
   * fitted from it ({@link #fromGram}).
   */
  public static Gram gram(FeedbackMatrix fm, int minCount) {
    int[] counts = fm.itemCounts();
    int[] local = new int[fm.items];
    Arrays.fill(local, -1);
    int n = 0;
    for (int i = 0; i < fm.items; i++) {
      if (counts[i] >= minCount) {
        local[i] = n++;
      }
    }
    int[] global = new int[n];
    for (int i = 0; i < fm.items; i++) {
      if (local[i] >= 0) {
        global[local[i]] = i;
      }
    }
    float[] g = new float[n * n];
    int[] row = new int[fm.items];
    for (int u = 0; u < fm.users; u++) {
      int len = 0;
      for (int q = fm.rowStart[u]; q < fm.rowStart[u + 1]; q++) {
        int l = local[fm.rowItems[q]];
        if (l >= 0) {
          row[len++] = l;
        }
      }
      for (int a = 0; a < len; a++) {
        int base = row[a] * n;
        for (int c = 0; c < len; c++) {
          g[base + row[c]] += 1;
        }
      }
    }
    return new Gram(fm.items, local, global, g, minCount);
  }

  /**
   * The Gram matrix of the kept items.
   *
   * @param items catalogue size
   * @param local catalogue index to kept index, -1 if left out
   * @param global kept index to catalogue index
   * @param g row-major {@code XᵀX}, {@code global.length} squared (co-watch counts, exact in float)
   * @param minCount the threshold that kept them
   */
  public record Gram(int items, int[] local, int[] global, float[] g, int minCount) {
    /** Items in the inverse. */
    public int kept() {
      return global.length;
    }
  }

  /** Fits B from a Gram matrix (which is not modified). */
  public static EaseModel fromGram(Gram gram, Params p) {
    if (gram.minCount() != p.minCount()) {
      throw new IllegalArgumentException("the Gram matrix was built with another minCount");
    }
    int n = gram.kept();
    float[] b = gram.g().clone();
    for (int i = 0; i < n; i++) {
      b[i * n + i] += (float) p.lambda();
    }
    invertInPlace(b, n);
    checkInverse(gram.g(), (float) p.lambda(), b, n);
    // B = -P diag(1/diag(P)), zero diagonal; P symmetric, its upper triangle written by LAPACK
    float[] diag = new float[n];
    for (int i = 0; i < n; i++) {
      diag[i] = b[i * n + i];
      for (int j = 0; j < i; j++) {
        b[i * n + j] = b[j * n + i];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i * n + j] = i == j ? 0f : -b[i * n + j] / diag[j];
      }
    }
    return new EaseModel(gram.items(), gram.local(), gram.global(), b, p);
  }

  /**
   * Inverts a symmetric positive definite row-major matrix through its Cholesky factor; only the
   * upper triangle of the result is written.
   *
   * @throws IllegalStateException if LAPACK reports the matrix is not positive definite
   */
  static void invertInPlace(float[] a, int n) {
    int info = openblas.LAPACKE_spotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, a, n);
    if (info == 0) {
      info = openblas.LAPACKE_spotri(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, a, n);
    }
    if (info != 0) {
      throw new IllegalStateException(
          "EASE: LAPACK could not invert the Gram matrix (info " + info + ")");
    }
  }

  /**
   * Checks {@code (G + λI)·P = I} on every diagonal entry and on 64 seeded off-diagonal ones,
   * {@code P} in the upper triangle of {@code inv}.
   *
   * @throws IllegalStateException if an entry is off by more than 1e-3
   */
  static void checkInverse(float[] g, float lambda, float[] inv, int n) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(n);
    for (int t = 0; t < n + 64; t++) {
      int r = t < n ? t : rnd.nextInt(n);
      int c = t < n ? t : rnd.nextInt(n);
      double s = lambda * (r <= c ? inv[r * n + c] : inv[c * n + r]);
      for (int k = 0; k < n; k++) {
        float gk = g[r * n + k];
        if (gk != 0f) {
          s += gk * (k <= c ? inv[k * n + c] : inv[c * n + k]);
        }
      }
      if (Math.abs(s - (r == c ? 1 : 0)) > 1e-3) {
        throw new IllegalStateException(
            "EASE: LAPACK returned a wrong inverse (entry "
                + r
                + ","
                + c
                + " of G P is "
                + s
                + ")");
      }
    }
  }

  /** The hyper-parameters. */
  public Params params() {
    return params;
  }

  /** Items in the inverse (the rest score 0). */
  public int kept() {
    return global.length;
  }

  @Override
  public String name() {
    return "EASE";
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    score(request, 0, out);
  }

  /**
   * Scores every item with the history weighted by recency: the h-th newest watch (h = 0 the last)
   * counts {@code 0.5^(h / halfLife)}.
   *
   * @param request the request (history oldest first)
   * @param halfLife watches over which a watch's weight halves; 0 for equal weights
   * @param out receives one score per item
   */
  public void score(UserRequest request, double halfLife, float[] out) {
    if (nbr != null) {
      Arrays.fill(out, 0f);
      for (int h = 0; h < request.length; h++) {
        int l = local[request.items[h]];
        if (l >= 0) {
          float wh = weight(request, h, halfLife);
          for (int t = l * keep, end = t + keep; t < end; t++) {
            out[nbr[t]] += wh * w[t];
          }
        }
      }
      return;
    }
    Arrays.fill(out, 0f);
    int n = global.length;
    float[] acc = out; // accumulate in kept-index space at the front, then scatter backwards
    for (int h = 0; h < request.length; h++) {
      int l = local[request.items[h]];
      if (l < 0) {
        continue;
      }
      float wh = weight(request, h, halfLife);
      int base = l * n;
      for (int j = 0; j < n; j++) {
        acc[j] += wh * b[base + j];
      }
    }
    // global[j] >= j, so scattering from the back never overwrites an unread entry
    for (int j = n - 1; j >= 0; j--) {
      float s = acc[j];
      acc[j] = 0f;
      acc[global[j]] = s;
    }
  }

  /**
   * Scores every item twice in one pass over the history's rows of B: with equal weights into
   * {@code equal} (as {@link #scoreAll}) and with recency weights of half-life {@code halfLife}
   * into {@code recent} (as {@link #score}). Allocation-free.
   */
  public void scoreBoth(UserRequest request, double halfLife, float[] equal, float[] recent) {
    Arrays.fill(equal, 0f);
    Arrays.fill(recent, 0f);
    if (nbr != null) {
      for (int h = 0; h < request.length; h++) {
        int l = local[request.items[h]];
        if (l >= 0) {
          float wh = weight(request, h, halfLife);
          for (int t = l * keep, end = t + keep; t < end; t++) {
            int j = nbr[t];
            equal[j] += w[t];
            recent[j] += wh * w[t];
          }
        }
      }
      return;
    }
    int n = global.length;
    for (int h = 0; h < request.length; h++) {
      int l = local[request.items[h]];
      if (l < 0) {
        continue;
      }
      float wh = weight(request, h, halfLife);
      int base = l * n;
      for (int j = 0; j < n; j++) {
        float x = b[base + j];
        equal[j] += x;
        recent[j] += wh * x;
      }
    }
    for (int j = n - 1; j >= 0; j--) {
      float e = equal[j];
      float r = recent[j];
      equal[j] = 0f;
      recent[j] = 0f;
      equal[global[j]] = e;
      recent[global[j]] = r;
    }
  }

  private static float weight(UserRequest request, int h, double halfLife) {
    return halfLife <= 0 ? 1f : (float) Math.pow(0.5, (request.length - 1 - h) / halfLife);
  }

  /** Catalogue size. */
  public int items() {
    return items;
  }
}
