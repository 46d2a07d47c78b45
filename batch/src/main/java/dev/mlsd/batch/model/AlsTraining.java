package dev.mlsd.batch.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;

import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Matrix factorisation on Spark MLlib: ALS for implicit feedback (Hu, Koren and Volinsky, ICDM
 * 2008), the distributed peer of the recommendation module's WALS, trained on the same training
 * rows ({@link dev.mlsd.batch.data.RatingFrames}). Each (user, item) pair is one observation whose
 * "rating" is the module's confidence weight (watched 1, liked 2; a pair seen twice keeps its last
 * row, as {@code FeedbackMatrix} does); ALS turns it into a confidence {@code 1 + alpha * weight}
 * with preference 1, and every unobserved pair has confidence 1 and preference 0. The objective
 * differs from WALS's in that unobserved pairs weigh 1 (WALS: {@code w0} = 0.2) and the L2 term is
 * scaled by each row's observation count.
 *
 * <p>Book: chapter 6, "Model development", matrix factorisation.
 *
 * @param rank embedding length k (the same as WALS's)
 * @param iterations alternating sweeps
 * @param regParam L2 weight (times the row's observation count)
 * @param alpha confidence scale
 * @param seed seed of the initial factors
 */
public record AlsTraining(int rank, int iterations, double regParam, double alpha, long seed) {
  /** Checks ranges. */
  public AlsTraining {
    if (rank < 1 || iterations < 1 || !(regParam >= 0) || !(alpha > 0)) {
      throw new IllegalArgumentException(
          "need rank >= 1, iterations >= 1, regParam >= 0, alpha > 0");
    }
  }

  /** The observations ALS trains on: columns {@code user}, {@code item}, {@code weight}. */
  public static Dataset<Row> observations(Dataset<Row> training) {
    return training
        .groupBy("user", "item")
        .agg(max_by(col("weight"), col("row")).as("weight"))
        .select("user", "item", "weight");
  }

  /** Trains. */
  public ALSModel fit(Dataset<Row> training) {
    ALS als =
        new ALS()
            .setImplicitPrefs(true)
            .setRank(rank)
            .setMaxIter(iterations)
            .setRegParam(regParam)
            .setAlpha(alpha)
            .setSeed(seed)
            .setUserCol("user")
            .setItemCol("item")
            .setRatingCol("weight")
            .setNonnegative(false)
            // blocks = the shuffle partitions: ALS's default of 10 x 10 blocks is for a cluster
            .setNumUserBlocks(blocks(training))
            .setNumItemBlocks(blocks(training))
            .setColdStartStrategy("drop");
    return als.fit(observations(training));
  }

  private static int blocks(Dataset<Row> training) {
    return Math.max(
        1, Integer.parseInt(training.sparkSession().conf().get("spark.sql.shuffle.partitions")));
  }

  /**
   * The item factors as one row-major array, {@code items * rank} floats; an item ALS never saw (no
   * training row) keeps a zero vector.
   */
  public static float[] itemFactors(ALSModel model, int items) {
    int k = model.rank();
    float[] out = new float[items * k];
    List<Row> rows = model.itemFactors().collectAsList();
    for (Row r : rows) {
      int id = r.getInt(0);
      List<Float> f = r.getList(1);
      for (int j = 0; j < k; j++) {
        out[id * k + j] = f.get(j);
      }
    }
    return out;
  }
}
