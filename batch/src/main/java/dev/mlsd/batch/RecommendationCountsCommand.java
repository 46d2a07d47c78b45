package dev.mlsd.batch;

import dev.mlsd.batch.data.RatingFrames;
import dev.mlsd.batch.features.ItemCoOccurrence;
import dev.mlsd.batch.features.PopularityCounts;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recommendation-counts}: popularity, trending and item co-occurrence (item-kNN neighbours)
 * from the recommendation module's training rows, as Parquet.
 */
@Command(
    name = "recommendation-counts",
    mixinStandardHelpOptions = true,
    description = {
      "recommendation counts: popularity (watchers per video), trending (watches among the last"
          + " N training rows before a time) and item co-occurrence (each video's item-kNN"
          + " neighbours), on MovieLens with the module's split."
    })
final class RecommendationCountsCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "the module's master seed (the split) (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--trending-at",
      description =
          "time (epoch seconds) of the trending counts (default: the newest training row)")
  Long trendingAt;

  @Override
  public Integer call() throws Exception {
    RecommendationSystem.Params p = RecommendationSystem.Params.defaults(seed);
    MovieLensData data = MovieLensLoader.load();
    TimeSplit split = new TimeSplit(data.interactions(), p.split());
    SparkSession spark = job.spark();
    Dataset<Row> training = RatingFrames.training(spark, split, 4).cache();
    long rows = training.count();
    long now =
        trendingAt != null
            ? trendingAt
            : training.agg(org.apache.spark.sql.functions.max("timestamp")).first().getLong(0) + 1;

    long t = System.nanoTime();
    String pop = job.out("popularity");
    PopularityCounts.popularity(training).write().mode("overwrite").parquet(pop);
    System.out.printf(
        "popularity: watchers per video over %,d training rows -> %s (%.1f s)%n",
        rows, pop, secs(t));
    t = System.nanoTime();
    String trend = job.out("trending");
    PopularityCounts.trending(training, now, p.trendingWindow())
        .write()
        .mode("overwrite")
        .parquet(trend);
    System.out.printf(
        "trending: watches among the last %,d training rows before %d -> %s (%.1f s)%n",
        p.trendingWindow(), now, trend, secs(t));
    t = System.nanoTime();
    String co = job.out("item_neighbours");
    new ItemCoOccurrence(p.knnNeighbours())
        .neighbours(training)
        .write()
        .mode("overwrite")
        .parquet(co);
    System.out.printf(
        "item co-occurrence: %d neighbours per video (cosine) -> %s (%.1f s)%n",
        p.knnNeighbours(), co, secs(t));
    return 0;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
