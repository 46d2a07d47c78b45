package dev.mlsd.batch.evaluation;

import dev.mlsd.batch.data.RatingFrames;
import dev.mlsd.batch.model.AlsScorer;
import dev.mlsd.batch.model.AlsTraining;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.FullRanking;
import dev.mlsd.recommendation.evaluation.GenreSimilarity;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.evaluation.OfflineEvaluator;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.model.Wals;
import dev.mlsd.recommendation.model.WalsScorer;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * "ALS on Spark" as a peer row of the recommendation module's table: Spark MLlib's implicit ALS and
 * the module's WALS trained on the same split's training rows, both served by folding the user in
 * from the request's history, both judged by the module's own {@link OfflineEvaluator} (full
 * ranking over every movie, relevant = liked in the held-out period, per-user bootstrap interval on
 * nDCG@10), with popularity as the trivial baseline and a paired bootstrap of ALS minus WALS.
 *
 * <p>Book: chapter 6, "Evaluation", offline metrics.
 *
 * @param rows popularity, WALS, ALS on Spark, in that order
 * @param alsMinusWals paired bootstrap interval of nDCG@10, ALS minus WALS, over the same users
 * @param alsSeconds ALS training time on this Spark master
 * @param walsSeconds WALS training time in-process
 */
public record AlsBesideWals(
    List<MetricRow> rows, ConfidenceInterval alsMinusWals, double alsSeconds, double walsSeconds) {

  /**
   * Trains both on the module's split and evaluates them on {@code part}.
   *
   * @param als the ALS settings (rank = WALS's factors)
   */
  public static AlsBesideWals run(
      SparkSession spark,
      MovieLensData data,
      RecommendationSystem.Params p,
      AlsTraining als,
      EvaluationSet.Part part) {
    Catalog catalog = data.catalog();
    int items = catalog.size();
    TimeSplit split = new TimeSplit(data.interactions(), p.split());
    FeedbackMatrix m = FeedbackMatrix.training(split, items);
    long t = System.nanoTime();
    Wals wals = Wals.train(m, p.wals(), null);
    double walsSeconds = (System.nanoTime() - t) / 1e9;

    Dataset<Row> training = RatingFrames.training(spark, split, 4);
    t = System.nanoTime();
    ALSModel model = als.fit(training);
    float[] factors = AlsTraining.itemFactors(model, items);
    double alsSeconds = (System.nanoTime() - t) / 1e9;

    OfflineEvaluator ev =
        new OfflineEvaluator(new GenreSimilarity(catalog), items, Bootstrap.of(p.bootstrapSeed()));
    EvaluationSet set = new EvaluationSet(split, part);
    PopularityModel pop = new PopularityModel(m);
    MetricRow popRow =
        ev.evaluate(new FullRanking(pop, "baseline: " + pop.name(), items, 200), set, true);
    MetricRow walsRow =
        ev.evaluate(new FullRanking(new WalsScorer(wals), "WALS", items, 200), set, true);
    AlsScorer scorer = new AlsScorer(factors, als.rank(), als.regParam(), als.alpha());
    MetricRow alsRow = ev.evaluate(new FullRanking(scorer, items, 200), set, true);
    ConfidenceInterval diff =
        Bootstrap.of(p.pairedBootstrapSeed())
            .pairedMeanDifference(alsRow.perQueryNdcg10(), walsRow.perQueryNdcg10());
    return new AlsBesideWals(List.of(popRow, walsRow, alsRow), diff, alsSeconds, walsSeconds);
  }

  /** The table as Markdown, then the paired difference. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("| model | users | nDCG@10 [95% CI] | recall@10 | mAP@10 | recall@200 | diversity@10")
        .append(" | coverage@10 |\n|---|---|---|---|---|---|---|---|\n");
    for (MetricRow r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.4f [%.4f, %.4f] | %.4f | %.4f | %.4f | %.3f | %.3f |%n",
              r.name(),
              r.queries(),
              r.ndcg10(),
              r.ndcg10Interval().lower(),
              r.ndcg10Interval().upper(),
              r.recall10(),
              r.map10(),
              r.recall200(),
              r.diversity10(),
              r.coverage10()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "ALS minus WALS, nDCG@10 (paired bootstrap over users): %+.4f [%+.4f, %+.4f]%s%n"
                + "training: ALS %.1f s on Spark, WALS %.1f s in-process%n",
            alsMinusWals.estimate(),
            alsMinusWals.lower(),
            alsMinusWals.upper(),
            alsMinusWals.contains(0) ? " (inside the noise)" : " (outside the noise)",
            alsSeconds,
            walsSeconds));
    return sb.toString();
  }
}
