package dev.mlsd.batch.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Item co-occurrence for item-kNN on Spark: two items co-occur once per user who watched both
 * (training rows). Each item keeps its {@code neighbours} most similar items by cosine on the
 * binary co-occurrence, {@code sim(i, j) = co(i, j) / sqrt(n_i n_j)}, ties by the lower item index:
 * exactly the neighbour lists of the recommendation module's {@code ItemKnnModel}.
 *
 * <p>Cost: the self-join on user emits {@code sum over users of n_u^2} pairs, so the heaviest users
 * dominate (on MovieLens small, one user has 2,698 rows); on a cluster, cap or sample the heaviest
 * histories before the join.
 *
 * <p>Book: chapter 6, "Model development" (collaborative filtering) and "Serving" (item-kNN
 * candidates).
 *
 * @param neighbours neighbours kept per item, at least 1
 */
public record ItemCoOccurrence(int neighbours) {
  /** Checks the parameter. */
  public ItemCoOccurrence {
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
    }
  }

  /**
   * Columns {@code item}, {@code neighbour}, {@code sim} (float), {@code rank} (1 = most similar).
   */
  public Dataset<Row> neighbours(Dataset<Row> training) {
    Dataset<Row> watched = training.select("user", "item").distinct().cache();
    Dataset<Row> n = watched.groupBy("item").agg(count(lit(1)).as("n"));
    Dataset<Row> a = watched.toDF("user", "i");
    Dataset<Row> b = watched.toDF("user", "j");
    Dataset<Row> co =
        a.join(b, "user")
            .where(col("i").notEqual(col("j")))
            .groupBy("i", "j")
            .agg(count(lit(1)).as("co"));
    Dataset<Row> withSim =
        co.join(n.toDF("i", "n_i"), "i")
            .join(n.toDF("j", "n_j"), "j")
            .withColumn(
                "sim",
                col("co")
                    .cast(DataTypes.DoubleType)
                    .divide(
                        sqrt(
                            col("n_i")
                                .cast(DataTypes.DoubleType)
                                .multiply(col("n_j").cast(DataTypes.DoubleType))))
                    .cast(DataTypes.FloatType));
    return withSim
        .withColumn(
            "rank",
            row_number().over(Window.partitionBy("i").orderBy(col("sim").desc(), col("j").asc())))
        .where(col("rank").leq(neighbours))
        .select(col("i").as("item"), col("j").as("neighbour"), col("sim"), col("rank"));
  }
}
