package dev.mlsd.recommendation.serving;

/**
 * Query-time settings of the pipeline, separate from every model's training parameters.
 *
 * @param towerCandidates two-tower ANN candidates
 * @param walsCandidates WALS ANN candidates
 * @param knnCandidates item-kNN candidates
 * @param popularCandidates popular candidates
 * @param trendingCandidates trending candidates
 * @param genreCandidates genre candidates
 * @param easeCandidates EASE candidates (equal weights)
 * @param easeRecentCandidates EASE candidates (recency weights)
 * @param ef HNSW beam width
 * @param freshnessWeight the freshness boost of a brand-new video, in ranker-probability units
 * @param freshnessHorizonYears years over which the boost fades
 * @param franchiseCap videos allowed per franchise in a list
 * @param mmrLambda the diversity re-ranker's relevance weight (1 = off)
 * @param mmrWindow how deep the diversity re-ranker looks
 * @param fallbackHistory a request whose history has at most this many rows is served the
 *     cold-start fallback (the popular videos the user has not watched) instead of the ranked
 *     pipeline; 0 = never
 */
public record ServingParams(
    int towerCandidates,
    int walsCandidates,
    int knnCandidates,
    int popularCandidates,
    int trendingCandidates,
    int genreCandidates,
    int easeCandidates,
    int easeRecentCandidates,
    int ef,
    float freshnessWeight,
    int freshnessHorizonYears,
    int franchiseCap,
    double mmrLambda,
    int mmrWindow,
    int fallbackHistory) {
  public ServingParams {
    for (int n :
        new int[] {
          towerCandidates,
          walsCandidates,
          knnCandidates,
          popularCandidates,
          trendingCandidates,
          genreCandidates,
          easeCandidates,
          easeRecentCandidates
        }) {
      if (n < 1) {
        throw new IllegalArgumentException("every generator must return at least 1 candidate");
      }
    }
    if (ef < 1) {
      throw new IllegalArgumentException("ef must be >= 1");
    }
    if (fallbackHistory < 0) {
      throw new IllegalArgumentException("fallbackHistory must be >= 0, got " + fallbackHistory);
    }
  }

  /**
   * The demo's settings. Two of them were chosen on the validation period (seed 42; the ranker
   * trained on half the validation users, scored on the other 254; 2026-11-28):
   *
   * <ul>
   *   <li>100 candidates from each ANN generator, HNSW ef 100 (was 200 and 200): merged recall
   *       0.696 -> 0.637 (323 candidates instead of 414), pipeline nDCG@10 0.0983 -> 0.0958, paired
   *       difference -0.0025 [-0.0154, +0.0097], inside the noise (50: -0.0042 [-0.0151, +0.0072],
   *       merged recall 0.613, not taken); the two searches cost half the request's candidate
   *       generation.
   *   <li>No cold-start fallback (cut-off 0). A cut-off on the history's length alone cannot tell a
   *       new user from a returning one who sends only recent rows, and the two want opposite
   *       answers at 5 rows (nDCG@10, 95% paired bootstrap):
   *       <ul>
   *         <li>new users, held out of training ({@link dev.mlsd.recommendation.ColdStartFolds},
   *             first 5 rows as history): popularity beats the ranked pipeline by 0.0519 [0.0255,
   *             0.0796] on folds 5-9 (304 users) and by 0.0252 [-0.0027, 0.0553] on folds 0-4 (305
   *             users, the demo's hold-out among them);
   *         <li>returning users known by their last 5 rows (the demo's short-history group, 534
   *             users): with the fallback at 5 the full pipeline loses 0.0298 [0.0177, 0.0428]
   *             against the ranked list.
   *       </ul>
   *       Serving popularity to new users only needs a signal the request does not carry (a user id
   *       with no stored watches, an account's age). The demo's {@code --fallback-history N}
   *       switches the length cut-off on.
   * </ul>
   */
  public static ServingParams defaults() {
    return new ServingParams(100, 100, 100, 50, 50, 50, 200, 100, 100, 0.01f, 10, 2, 0.9, 50, 0);
  }

  /** Candidates one request can hold: the sum of the generators' counts. */
  public int maxCandidates() {
    return towerCandidates
        + walsCandidates
        + knnCandidates
        + popularCandidates
        + trendingCandidates
        + genreCandidates
        + easeCandidates
        + easeRecentCandidates;
  }

  /** The largest single generator's count. */
  public int maxPerGenerator() {
    return Math.max(
        Math.max(Math.max(towerCandidates, walsCandidates), Math.max(knnCandidates, ef)),
        Math.max(
            Math.max(popularCandidates, Math.max(trendingCandidates, genreCandidates)),
            Math.max(easeCandidates, easeRecentCandidates)));
  }

  /** The same settings with another diversity weight. */
  public ServingParams withMmrLambda(double lambda) {
    return new ServingParams(
        towerCandidates,
        walsCandidates,
        knnCandidates,
        popularCandidates,
        trendingCandidates,
        genreCandidates,
        easeCandidates,
        easeRecentCandidates,
        ef,
        freshnessWeight,
        freshnessHorizonYears,
        franchiseCap,
        lambda,
        mmrWindow,
        fallbackHistory);
  }

  /**
   * The same settings with {@code n} candidates from each of the two ANN generators (two-tower and
   * WALS) and the HNSW beam width {@code ef = n}: the beam holds max(ef, n) results anyway, so n is
   * the one knob of the two searches' cost.
   */
  public ServingParams withAnnCandidates(int n) {
    return new ServingParams(
        n,
        n,
        knnCandidates,
        popularCandidates,
        trendingCandidates,
        genreCandidates,
        easeCandidates,
        easeRecentCandidates,
        n,
        freshnessWeight,
        freshnessHorizonYears,
        franchiseCap,
        mmrLambda,
        mmrWindow,
        fallbackHistory);
  }

  /** The same settings with another cold-start fallback cut-off (0 = never). */
  public ServingParams withFallbackHistory(int rows) {
    return new ServingParams(
        towerCandidates,
        walsCandidates,
        knnCandidates,
        popularCandidates,
        trendingCandidates,
        genreCandidates,
        easeCandidates,
        easeRecentCandidates,
        ef,
        freshnessWeight,
        freshnessHorizonYears,
        franchiseCap,
        mmrLambda,
        mmrWindow,
        rows);
  }
}
