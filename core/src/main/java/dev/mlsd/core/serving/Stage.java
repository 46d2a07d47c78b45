package dev.mlsd.core.serving;

/**
 * The kinds of stage of a {@link ServingPipeline}, in run order. Each is timed per request.
 *
 * <p>Book: chapter 1, "Serving" (the prediction pipeline).
 */
public enum Stage {
  /**
   * Every {@link QueryHydrator}: the query's own features (its embedding, online aggregates),
   * computed once before any candidate is generated.
   */
  QUERY_HYDRATION("query_hydration"),
  /** Every {@link CandidateGenerator}, merged and de-duplicated. */
  CANDIDATE_GENERATION("candidate_generation"),
  /** Every {@link Filter}. */
  FILTERING("filtering"),
  /** Every {@link FeatureHydrator} (feature-store reads). */
  FEATURE_HYDRATION("feature_hydration"),
  /** The {@link Ranker}, then the sort by score. */
  RANKING("ranking"),
  /** Every {@link ReRanker}, then the cut to k. */
  RE_RANKING("re_ranking");

  private final String metricName;

  Stage(String metricName) {
    this.metricName = metricName;
  }

  /** The snake-case name used as a metric tag. */
  public String metricName() {
    return metricName;
  }
}
