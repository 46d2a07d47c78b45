package dev.mlsd.recommendation.serving;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.serving.DriftObserver;

/**
 * Monitoring for the recommender: the population stability index of every scoring feature ({@link
 * RankingFeatureHydrator}'s 13 columns) and of the ranker's predictions, live traffic against the
 * ranker's training rows, on core's {@link DriftMonitor} (10 bins on training quantiles). {@link
 * RecommendationHttpServer#monitorDrift} attaches it to the pipeline ({@link DriftObserver}), so
 * every served recommendation moves it, and exposes it on {@code /metrics}.
 *
 * <p>Reading PSI: below 0.1 stable, 0.1 to 0.25 worth watching, above 0.25 a shift that calls for
 * retraining. Served videos are the top of each ranking, so the predictions' PSI against all
 * training candidates is a level to watch move, not one expected to be 0.
 *
 * <p>Book: chapter 6, "Serving" and "Monitoring"; chapter 1 (data drift).
 */
public final class RankingDrift {
  /** The column names, in {@link RankingFeatureHydrator}'s order. */
  public static final String[] COLUMNS = {
    "two_tower_score",
    "wals_score",
    "item_knn",
    "popularity",
    "trending",
    "genre_match",
    "year",
    "year_gap",
    "user_history",
    "user_liked_share",
    "video_mean_stars",
    "user_mean_stars",
    "genre_count",
    "ease_score",
    "ease_recent_score",
    "rank_two_tower",
    "rank_wals",
    "rank_item_knn",
    "rank_popular",
    "rank_trending",
    "rank_genre",
    "rank_ease",
    "rank_ease_recent"
  };

  private RankingDrift() {}

  /**
   * A monitor whose reference is the ranker's training rows and its predictions on them.
   *
   * @param rows the ranker's training rows ({@link RankingFeatureHydrator} columns)
   * @param ranker the exported ranker (its predictions on the rows are the reference)
   */
  public static DriftMonitor fromTraining(RankingDataset rows, InferenceGraph ranker) {
    int w = rows.width();
    if (w != COLUMNS.length) {
      throw new IllegalArgumentException("rows have " + w + " columns, expected " + COLUMNS.length);
    }
    int n = rows.rows();
    float[] predictions = new float[n];
    int batch = 1024;
    Scratch s = ranker.newScratch(batch);
    float[] in = new float[batch * w];
    float[] out = new float[batch];
    for (int start = 0; start < n; start += batch) {
      int m = Math.min(batch, n - start);
      System.arraycopy(rows.x(), start * w, in, 0, m * w);
      ranker.score(in, m, out, s);
      System.arraycopy(out, 0, predictions, start, m);
    }
    DriftMonitor.Builder b = DriftMonitor.builder(10);
    float[] col = new float[n];
    for (int j = 0; j < w; j++) {
      for (int i = 0; i < n; i++) {
        col[i] = rows.x()[i * w + j];
      }
      b.feature(COLUMNS[j], col.clone());
    }
    b.feature("prediction", predictions);
    return b.build();
  }

  /** The pipeline observer that feeds {@code monitor} (built by {@link #fromTraining}). */
  public static DriftObserver<RecoRequest> observer(DriftMonitor monitor) {
    return new DriftObserver<>(monitor, COLUMNS.length);
  }
}
