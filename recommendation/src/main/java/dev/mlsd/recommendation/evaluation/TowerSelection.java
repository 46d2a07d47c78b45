package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Tag;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.UserFeatures;
import dev.mlsd.recommendation.features.VideoFeatures;
import dev.mlsd.recommendation.model.TrainingProgress;
import dev.mlsd.recommendation.model.TwoTowerExamples;
import dev.mlsd.recommendation.model.TwoTowerModel;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.TwoTowerTrainer;
import dev.mlsd.recommendation.model.Wals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses what the two-tower model's video tower reads, on the validation period (history =
 * training rows, targets = the validation rows after them; never test): the video's content
 * features and learned ID embedding alone, or also its collaborative embedding (the WALS item
 * factors, the pre-trained table the user tower's history blocks already average over). Each option
 * trains the whole network, keeping its best epoch on validation ({@link TwoTowerTrainer}); the
 * option whose kept epoch has the better validation nDCG@10 under the full-ranking protocol wins.
 *
 * <p>Book: chapter 6, "Model development" (two-tower network; pre-trained embeddings as features;
 * choices made offline on held-out data).
 *
 * @param model the chosen network, at its best epoch on validation
 * @param epoch the 1-based epoch kept
 * @param features the feature pipeline it reads (its video features hold the chosen blocks)
 * @param scorer the chosen network, exported for serving
 * @param walsInput whether the chosen video tower reads the WALS item factors
 * @param log one line per option tried, with its validation nDCG@10
 */
public record TowerSelection(
    TwoTowerModel model,
    int epoch,
    FeaturePipeline features,
    TwoTowerScorer scorer,
    boolean walsInput,
    List<String> log) {

  /**
   * Trains one network per option and keeps the best on validation.
   *
   * @param split the split (its validation period is the target)
   * @param catalog the catalogue
   * @param tags the tags known at training time
   * @param wals the trained WALS model (user history blocks; the optional video block)
   * @param p the network's hyper-parameters
   * @param walsInputs the options to try: false = content + ID, true = also the WALS factors
   * @param progress told the training and one line per option
   */
  public static TowerSelection choose(
      TimeSplit split,
      Catalog catalog,
      List<Tag> tags,
      Wals wals,
      TwoTowerModel.Params p,
      boolean[] walsInputs,
      TrainingProgress progress) {
    if (walsInputs.length == 0) {
      throw new IllegalArgumentException("at least one option");
    }
    UserFeatures user = new UserFeatures(catalog, wals.itemFactors(), wals.factors());
    EvaluationSet val = new EvaluationSet(split, EvaluationSet.Part.VALIDATION);
    OfflineEvaluator ev =
        new OfflineEvaluator(new GenreSimilarity(catalog), catalog.size(), Bootstrap.of(1));
    List<String> log = new ArrayList<>();
    TowerSelection best = null;
    double bestNdcg = -1;
    for (boolean walsInput : walsInputs) {
      VideoFeatures video =
          walsInput
              ? new VideoFeatures(catalog, tags, wals.itemFactors(), wals.factors())
              : new VideoFeatures(catalog, tags);
      FeaturePipeline features = new FeaturePipeline(video, user);
      TwoTowerExamples examples =
          TwoTowerExamples.build(split, features, p.maxPositivesPerUser(), p.seed());
      TwoTowerTrainer.Trained trained =
          TwoTowerTrainer.train(
              examples,
              video.table(),
              video.dimension(),
              p,
              m ->
                  ev.evaluate(
                          new FullRanking(
                              TwoTowerScorer.fromTrained(m, features), catalog.size(), 50),
                          val,
                          false)
                      .ndcg10(),
              null,
              progress);
      TwoTowerModel model = trained.model();
      TwoTowerScorer scorer = TwoTowerScorer.fromTrained(model, features);
      double ndcg = trained.validation()[trained.bestEpoch() - 1];
      String line =
          String.format(
              Locale.ROOT,
              "two-tower, video tower reads content + ID%s: epoch %d of %d kept, validation"
                  + " nDCG@10 %.4f",
              walsInput ? " + WALS factors" : "",
              trained.bestEpoch(),
              p.epochs(),
              ndcg);
      log.add(line);
      progress.line(line);
      if (best == null || ndcg > bestNdcg) {
        bestNdcg = ndcg;
        best = new TowerSelection(model, trained.bestEpoch(), features, scorer, walsInput, log);
      }
    }
    return best;
  }
}
