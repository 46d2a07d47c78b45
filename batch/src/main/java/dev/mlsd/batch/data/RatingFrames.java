package dev.mlsd.batch.data;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The recommendation module's training rows as a Spark dataset: the rows its {@link TimeSplit}
 * trains on (each warm user's rows before their validation period; cold-start users none), so the
 * Spark jobs learn from exactly what WALS and the baselines learn from. Columns:
 *
 * <pre>
 *   row        int    the row's index in the module's Interactions (sorted by user, time, item)
 *   user       int    dense user index
 *   item       int    dense item index
 *   rating     float  stars
 *   weight     float  the confidence weight, Relevance.weight(rating): watched 1, liked 2
 *   timestamp  long   seconds since the epoch
 * </pre>
 *
 * The split itself is the module's (seeded, per user by time); for a log too large for one JVM the
 * same columns would be read from Parquet ({@link #writeParquet}).
 *
 * <p>Book: chapter 6, "Data preparation".
 */
public final class RatingFrames {
  private RatingFrames() {}

  /** The Spark schema. */
  public static StructType sparkSchema() {
    return new StructType()
        .add("row", DataTypes.IntegerType, false)
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false)
        .add("weight", DataTypes.FloatType, false)
        .add("timestamp", DataTypes.LongType, false);
  }

  /** The split's training rows. */
  public static Dataset<Row> training(SparkSession spark, TimeSplit split, int partitions) {
    Interactions log = split.interactions();
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < log.userCount(); u++) {
      for (int r = log.start(u); r < split.trainEnd(u); r++) {
        rows.add(
            RowFactory.create(
                r,
                u,
                log.item(r),
                log.rating(r),
                Relevance.weight(log.rating(r)),
                log.timestamp(r)));
      }
    }
    return spark.createDataFrame(rows, sparkSchema()).repartition(partitions);
  }

  /** Writes rows as Parquet. */
  public static void writeParquet(Dataset<Row> rows, String path) {
    rows.write().mode("overwrite").parquet(path);
  }
}
