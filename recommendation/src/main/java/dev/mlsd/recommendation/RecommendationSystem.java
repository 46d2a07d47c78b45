package dev.mlsd.recommendation;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.MipsTransform;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.data.TitleParser;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.TrainingTags;
import dev.mlsd.recommendation.features.UserFeatures;
import dev.mlsd.recommendation.features.VideoFeatures;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.ItemKnnModel;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.model.RankerTrainer;
import dev.mlsd.recommendation.model.TrainingProgress;
import dev.mlsd.recommendation.model.TrendingModel;
import dev.mlsd.recommendation.model.TwoTowerModel;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.Wals;
import dev.mlsd.recommendation.serving.RankingDataset;
import dev.mlsd.recommendation.serving.RecommendationModels;
import dev.mlsd.recommendation.serving.RecommendationService;
import dev.mlsd.recommendation.serving.ServingParams;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains the whole system, in the book's order, from the data and the split: baselines, WALS, the
 * feature pipeline, the two-tower model and its HNSW index, the WALS index, then the scoring model
 * on the validation period's merged candidates. Used by the demo, the HTTP server and the
 * benchmark, so that they all serve the same thing.
 *
 * @param data the dataset
 * @param split the split
 * @param matrix the training feedback matrix
 * @param wals the WALS model
 * @param towerModel the DL4J two-tower model
 * @param ranker the DL4J ranker and its export
 * @param rankingData the ranker's training rows (and the merged recall on validation)
 * @param service the served recommender
 * @param params all hyper-parameters
 * @param millis training time per component, in run order
 */
public record RecommendationSystem(
    MovieLensData data,
    TimeSplit split,
    FeedbackMatrix matrix,
    Wals wals,
    TwoTowerModel towerModel,
    RankerTrainer.Trained ranker,
    RankingDataset rankingData,
    RecommendationService service,
    Params params,
    Map<String, Long> millis) {

  /**
   * Every hyper-parameter, chosen on the validation period (never on test).
   *
   * @param split the split
   * @param wals WALS
   * @param tower the two-tower model
   * @param ranker the scoring model
   * @param serving query-time settings
   * @param trendingWindow rows counted by the trending model
   * @param knnNeighbours neighbours per item for item-kNN
   * @param hnsw HNSW build parameters
   * @param negativeKeep share of negative candidates kept for the ranker
   * @param shortHistory the ranker also trains on each validation request with only its last this
   *     many history rows (the cold-start distribution); 0 for none. Chosen on validation: training
   *     on half the validation users and scoring the other half, nDCG@10 went 0.082 -> 0.090 with
   *     full histories and 0.038 -> 0.056 with 5-row histories.
   */
  public record Params(
      TimeSplit.Params split,
      Wals.Params wals,
      TwoTowerModel.Params tower,
      RankerTrainer.Params ranker,
      ServingParams serving,
      int trendingWindow,
      int knnNeighbours,
      HnswBuildParams hnsw,
      double negativeKeep,
      int shortHistory) {
    /** The demo's settings. */
    public static Params defaults() {
      return new Params(
          TimeSplit.Params.defaults(),
          new Wals.Params(32, 10, 0.2, 15, 1L),
          TwoTowerModel.Params.defaults(),
          RankerTrainer.Params.defaults(),
          ServingParams.defaults(),
          5000,
          100,
          new HnswBuildParams(16, 100, 42L),
          0.25,
          5);
    }

    /** Fewer epochs, for tests and benchmarks that need a trained system quickly. */
    public Params quick() {
      TwoTowerModel.Params t = tower;
      RankerTrainer.Params r = ranker;
      return new Params(
          split,
          wals,
          new TwoTowerModel.Params(
              t.hidden(),
              t.dimension(),
              t.idDimension(),
              t.negatives(),
              50,
              1,
              t.batchSize(),
              t.learningRate(),
              t.seed()),
          new RankerTrainer.Params(
              r.hidden1(), r.hidden2(), 1, r.batchSize(), r.learningRate(), r.seed()),
          serving,
          trendingWindow,
          knnNeighbours,
          hnsw,
          0.1,
          shortHistory);
    }
  }

  /**
   * Trains everything.
   *
   * @param data the dataset
   * @param p the parameters
   * @param progress receives human-readable progress lines
   */
  public static RecommendationSystem train(
      MovieLensData data, Params p, Consumer<String> progress) {
    return train(data, p, TrainingProgress.lines(progress));
  }

  /**
   * Trains everything, reporting lines and progress bars.
   *
   * @param data the dataset
   * @param p the parameters
   * @param progress where training reports to
   */
  public static RecommendationSystem train(
      MovieLensData data, Params p, TrainingProgress progress) {
    Map<String, Long> millis = new java.util.LinkedHashMap<>();
    Catalog catalog = data.catalog();
    int items = catalog.size();
    TimeSplit split = new TimeSplit(data.interactions(), p.split());
    FeedbackMatrix m = FeedbackMatrix.training(split, items);

    long t = System.nanoTime();
    PopularityModel popularity = new PopularityModel(m);
    TrendingModel trending = new TrendingModel(split, items, p.trendingWindow(), popularity);
    ItemKnnModel knn = new ItemKnnModel(m, p.knnNeighbours());
    millis.put("baselines", ms(t));
    progress.line("baselines: popularity, trending, item-kNN (" + ms(t) + " ms)");

    t = System.nanoTime();
    Wals wals =
        Wals.train(
            m,
            p.wals(),
            (sweep, objective) ->
                progress.line(
                    String.format(
                        java.util.Locale.ROOT,
                        "WALS sweep %d/%d: objective %.1f",
                        sweep,
                        p.wals().iterations(),
                        objective)));
    millis.put("wals", ms(t));

    t = System.nanoTime();
    VideoFeatures video = new VideoFeatures(catalog, TrainingTags.of(data.tags(), split));
    UserFeatures user = new UserFeatures(catalog, wals.itemFactors(), wals.factors());
    FeaturePipeline features = new FeaturePipeline(video, user);
    TwoTowerModel towerModel =
        TwoTowerModel.train(split, features, m.itemCounts(), p.tower(), progress);
    TwoTowerScorer tower = TwoTowerScorer.fromTrained(towerModel, features);
    millis.put("two-tower", ms(t));

    t = System.nanoTime();
    HnswIndex towerIndex = index(tower.itemEmbeddings(), tower.dimension(), p.hnsw());
    HnswIndex walsIndex = index(wals.itemFactors(), wals.factors(), p.hnsw());
    millis.put("hnsw", ms(t));
    progress.line("HNSW indexes built over " + items + " videos (" + ms(t) + " ms)");

    RecommendationModels models =
        new RecommendationModels(
            catalog,
            features,
            wals,
            tower,
            popularity,
            trending,
            knn,
            meanStars(split, items),
            franchises(catalog),
            towerIndex,
            walsIndex,
            null);

    t = System.nanoTime();
    RecommendationService candidatesOnly = new RecommendationService(models, p.serving());
    RankingDataset rows =
        RankingDataset.build(
            candidatesOnly,
            new EvaluationSet(split, EvaluationSet.Part.VALIDATION),
            p.negativeKeep(),
            p.ranker().seed(),
            p.shortHistory(),
            query -> true);
    progress.line(
        String.format(
            java.util.Locale.ROOT,
            "ranker data: %d rows from validation candidates (mean %.0f candidates/user, merged"
                + " recall %.3f)",
            rows.rows(),
            rows.meanCandidates(),
            rows.mergedRecall()));
    RankerTrainer.Trained ranker =
        RankerTrainer.train(rows.x(), rows.y(), rows.rows(), rows.width(), p.ranker(), progress);
    millis.put("ranker", ms(t));
    RecommendationService service =
        new RecommendationService(models.withRanker(ranker.exported()), p.serving());
    return new RecommendationSystem(
        data, split, m, wals, towerModel, ranker, rows, service, p, millis);
  }

  /**
   * An HNSW index for maximum-inner-product search over {@code vectors}, through core's {@link
   * MipsTransform} (one more component per vector; queries are {@code dim + 1} long with a last
   * component of 0).
   */
  static HnswIndex index(float[] vectors, int dim, HnswBuildParams p) {
    return MipsTransform.fit(vectors, dim).buildHnsw(vectors, p);
  }

  /** Mean stars per item over training rows, shrunk towards 3.5 by 5 pseudo-ratings. */
  static float[] meanStars(TimeSplit split, int items) {
    Interactions log = split.interactions();
    double[] sum = new double[items];
    int[] n = new int[items];
    for (int u = 0; u < log.userCount(); u++) {
      for (int r = log.start(u); r < split.trainEnd(u); r++) {
        sum[log.item(r)] += log.rating(r);
        n[log.item(r)]++;
      }
    }
    float[] out = new float[items];
    for (int i = 0; i < items; i++) {
      out[i] = (float) ((sum[i] + 3.5 * 5) / (n[i] + 5));
    }
    return out;
  }

  static int[] franchises(Catalog catalog) {
    Map<String, Integer> ids = new HashMap<>();
    int[] out = new int[catalog.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.computeIfAbsent(TitleParser.franchiseKey(catalog.title(i)), k -> ids.size());
    }
    return out;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
