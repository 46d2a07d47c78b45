package dev.mlsd.batch.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * recommendation's popularity and trending counts on Spark, from the training rows ({@link
 * dev.mlsd.batch.data.RatingFrames}):
 *
 * <ul>
 *   <li>{@link #popularity}: per item, how many users watched it (the module's {@code
 *       PopularityModel}, {@code FeedbackMatrix.itemCounts()});
 *   <li>{@link #trending}: per item, how often it was watched among the last {@code window}
 *       training rows before a time (the module's {@code TrendingModel}: rows ordered by time, then
 *       row index; a count of rows, not a span of days, because MovieLens is sparse in time).
 * </ul>
 *
 * <p>Book: chapter 6, "Serving" (the popular and trending candidate generators).
 *
 * <p>Thread safety: stateless.
 */
public final class PopularityCounts {
  private PopularityCounts() {}

  /** Columns {@code item}, {@code watchers} (distinct users), for items watched at least once. */
  public static Dataset<Row> popularity(Dataset<Row> training) {
    return training
        .select("user", "item")
        .distinct()
        .groupBy("item")
        .agg(count(lit(1)).as("watchers"));
  }

  /**
   * Columns {@code item}, {@code watches}: watches among the last {@code window} training rows
   * strictly before {@code nowSeconds}.
   */
  public static Dataset<Row> trending(Dataset<Row> training, long nowSeconds, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    return training
        .where(col("timestamp").lt(nowSeconds))
        .orderBy(col("timestamp").desc(), col("row").desc())
        .limit(window)
        .groupBy("item")
        .agg(count(lit(1)).as("watches"));
  }
}
