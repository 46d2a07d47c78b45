package dev.mlsd.recommendation;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.MipsTransform;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.data.TitleParser;
import dev.mlsd.recommendation.evaluation.EaseSelection;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.evaluation.TowerSelection;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.TrainingTags;
import dev.mlsd.recommendation.features.UserRequest;
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
import dev.mlsd.recommendation.serving.RankingDrift;
import dev.mlsd.recommendation.serving.RecoRequest;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import dev.mlsd.recommendation.serving.RecommendationModels;
import dev.mlsd.recommendation.serving.RecommendationService;
import dev.mlsd.recommendation.serving.ServingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param towerModel the two-tower model (its best epoch on validation)
 * @param towerEpoch the 1-based epoch of that model
 * @param ranker the DL4J ranker and its export
 * @param ease EASE as chosen on validation: the dense baseline and the pruned served model
 * @param rankingData the ranker's training rows (and the merged recall on validation)
 * @param service the served recommender
 * @param params all hyper-parameters
 * @param millis training time per component, in run order
 * @param losses per model, its mean training loss per epoch ("two-tower", "ranker") or WALS's
 *     objective per sweep ("WALS objective")
 */
public record RecommendationSystem(
    MovieLensData data,
    TimeSplit split,
    FeedbackMatrix matrix,
    Wals wals,
    TwoTowerModel towerModel,
    int towerEpoch,
    RankerTrainer.Trained ranker,
    EaseSelection ease,
    RankingDataset rankingData,
    RecommendationService service,
    Params params,
    Map<String, Long> millis,
    Map<String, double[]> losses) {

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
   * @param ease EASE's candidate {@code λ}s and recency half-lives, chosen among on validation
   * @param towerWalsInputs what the two-tower model's video tower may read, chosen among on
   *     validation ({@link TowerSelection}): false = content features + ID embedding, true = also
   *     the WALS item factors. The demo trains only the first: with both, validation nDCG@10 was
   *     0.0653 vs 0.0593 (seed 42), 0.0715 vs 0.0675 (seed 7), 0.0735 vs 0.0735 (seed 11), so the
   *     second network (about 35 s) was dropped from the default run
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
      EaseGrid ease,
      boolean[] towerWalsInputs,
      HnswBuildParams hnsw,
      double negativeKeep,
      int shortHistory,
      long seed) {
    /** The seed the module's published figures were measured with. */
    public static final long DEFAULT_SEED = 42;

    /** The demo's settings with the default seed. */
    public static Params defaults() {
      return defaults(DEFAULT_SEED);
    }

    /**
     * The demo's settings, every seed derived from {@code seed}: each component's seed is the
     * master seed plus a fixed offset, chosen so that seed 42 gives the seeds this module's figures
     * were first measured with (split 42, WALS 1, two-tower 7, ranker 13, HNSW 42; the evaluation's
     * bootstrap {@link #bootstrapSeed()} 2026 and paired bootstrap {@link #pairedBootstrapSeed()}
     * 7). Any other seed moves all of them together.
     */
    public static Params defaults(long seed) {
      TimeSplit.Params split = TimeSplit.Params.defaults();
      TwoTowerModel.Params t = TwoTowerModel.Params.defaults();
      RankerTrainer.Params r = RankerTrainer.Params.defaults();
      return new Params(
          new TimeSplit.Params(
              split.testFraction(),
              split.valFraction(),
              split.coldFraction(),
              split.coldHistory(),
              seed),
          new Wals.Params(32, 10, 0.2, 15, seed - 41),
          new TwoTowerModel.Params(
              t.hidden(),
              t.dimension(),
              t.idDimension(),
              t.maxPositivesPerUser(),
              t.epochs(),
              t.batchSize(),
              t.learningRate(),
              t.logQ(),
              seed - 35),
          new RankerTrainer.Params(
              r.hidden1(), r.hidden2(), r.epochs(), r.batchSize(), r.learningRate(), seed - 29),
          ServingParams.defaults(),
          5000,
          100,
          EaseGrid.defaults(),
          new boolean[] {false},
          new HnswBuildParams(16, 100, seed),
          0.25,
          5,
          seed);
    }

    /**
     * EASE's settings to choose among on validation ({@link EaseSelection}).
     *
     * @param lambdas candidate {@code λ}s
     * @param halfLives candidate recency half-lives in watches (0 = equal weights)
     * @param minCount items with fewer training users are left out of the inverse (1 = exact)
     * @param servingKeep entries per row of B the served model keeps (0 = dense)
     */
    public record EaseGrid(double[] lambdas, double[] halfLives, int minCount, int servingKeep) {
      /**
       * The demo's grid. A wider one was tried once on validation (lambda 50: 0.0901, 150: 0.0946,
       * 400: 0.0981, 1000: 0.0978; half-life 5: 0.1052, 10: 0.1032, 20: 0.0975, 40: 0.0980 at
       * lambda 400) and narrowed to its best region.
       */
      public static EaseGrid defaults() {
        return new EaseGrid(new double[] {200, 400, 800}, new double[] {0, 5, 10}, 1, 256);
      }

      /**
       * The smoke run's setting: one {@code λ}, and the inverse only over videos with at least 10
       * training users (about 2,000 of 9,742 on MovieLens instead of 7,099: a fraction of a second
       * instead of 6-12 s per fit, here and in the retraining round).
       */
      public static EaseGrid quick() {
        return new EaseGrid(new double[] {400}, new double[] {0, 5}, 10, 256);
      }
    }

    /** The same parameters with another EASE grid. */
    public Params withEase(EaseGrid grid) {
      return with(split, grid, serving);
    }

    /** The same parameters with other serving settings. */
    public Params withServing(ServingParams other) {
      return with(split, ease, other);
    }

    /** The same parameters with another split (the cold-start folds move its cold users). */
    public Params withSplit(TimeSplit.Params other) {
      return with(other, ease, serving);
    }

    private Params with(TimeSplit.Params s, EaseGrid grid, ServingParams sp) {
      return new Params(
          s,
          wals,
          tower,
          ranker,
          sp,
          trendingWindow,
          knnNeighbours,
          grid,
          towerWalsInputs,
          hnsw,
          negativeKeep,
          shortHistory,
          seed);
    }

    /** Seed of the evaluation's per-user bootstrap (nDCG@10 intervals). */
    public long bootstrapSeed() {
      return seed + 1984;
    }

    /** Seed of the paired bootstrap of the full pipeline against popularity. */
    public long pairedBootstrapSeed() {
      return seed - 35;
    }

    /**
     * The smoke run's budget ({@code --quick}), also used by tests and benchmarks that need a
     * trained system quickly: one epoch per network on at most 50 examples per user, 5 WALS sweeps,
     * EASE over the videos with at least 10 training users ({@link EaseGrid#quick()}), 10% of the
     * ranker's negatives. Its quality figures are not the module's results.
     */
    public Params quick() {
      TwoTowerModel.Params t = tower;
      RankerTrainer.Params r = ranker;
      return new Params(
          split,
          new Wals.Params(wals.factors(), wals.lambda(), wals.unobservedWeight(), 5, wals.seed()),
          new TwoTowerModel.Params(
              t.hidden(),
              t.dimension(),
              t.idDimension(),
              50,
              1,
              t.batchSize(),
              t.learningRate(),
              t.logQ(),
              t.seed()),
          new RankerTrainer.Params(
              r.hidden1(), r.hidden2(), 1, r.batchSize(), r.learningRate(), r.seed()),
          serving,
          trendingWindow,
          knnNeighbours,
          EaseGrid.quick(),
          new boolean[] {false},
          hnsw,
          0.1,
          shortHistory,
          seed);
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
      MovieLensData data, Params p, TrainingProgress reporter) {
    Map<String, Long> millis = new java.util.LinkedHashMap<>();
    Map<String, double[]> losses = new java.util.LinkedHashMap<>();
    TrainingProgress progress = recordingLosses(reporter, losses);
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
    EaseSelection ease =
        EaseSelection.choose(
            split,
            m,
            catalog,
            p.ease().lambdas(),
            p.ease().halfLives(),
            p.ease().minCount(),
            p.ease().servingKeep(),
            progress::line);
    millis.put("ease", ms(t));

    t = System.nanoTime();
    Wals wals =
        Wals.train(
            m,
            p.wals(),
            (sweep, objective) -> {
              progress.line(
                  String.format(
                      java.util.Locale.ROOT,
                      "WALS sweep %d/%d: objective %.1f",
                      sweep,
                      p.wals().iterations(),
                      objective));
              progress.loss("WALS objective", sweep, objective);
            });
    millis.put("wals", ms(t));

    t = System.nanoTime();
    TowerSelection towers =
        TowerSelection.choose(
            split,
            catalog,
            TrainingTags.of(data.tags(), split),
            wals,
            p.tower(),
            p.towerWalsInputs(),
            progress);
    FeaturePipeline features = towers.features();
    TwoTowerModel towerModel = towers.model();
    TwoTowerScorer tower = towers.scorer();
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
            ease.served(),
            ease.halfLife(),
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
        data,
        split,
        m,
        wals,
        towerModel,
        towers.epoch(),
        ranker,
        ease,
        rows,
        service,
        p,
        millis,
        losses);
  }

  /**
   * The model cards of WALS, the two-tower model and the ranker, from their typed parameters,
   * training times and test metrics ({@code evaluation}'s rows of each).
   */
  public List<ModelCard> cards(RecommendationEvaluation evaluation) {
    String sha = data.ratingsSha256();
    String splitText = params.split().describe();
    String code = ModelCard.currentCodeVersion();
    Wals.Params w = params.wals();
    TwoTowerModel.Params t = params.tower();
    RankerTrainer.Params r = params.ranker();
    Map<String, Double> walsMetrics = new LinkedHashMap<>();
    walsMetrics.put("objective", wals.objective(matrix));
    walsMetrics.putAll(testMetrics(evaluation.test().row("generator: WALS")));
    Map<String, String> walsHp = new LinkedHashMap<>();
    walsHp.put("factors", "" + w.factors());
    walsHp.put("lambda", "" + w.lambda());
    walsHp.put("unobservedWeight", "" + w.unobservedWeight());
    walsHp.put("iterations", "" + w.iterations());
    Map<String, String> towerHp = new LinkedHashMap<>();
    towerHp.put("hidden", "" + t.hidden());
    towerHp.put("dimension", "" + t.dimension());
    towerHp.put("idDimension", "" + t.idDimension());
    towerHp.put("loss", "in-batch softmax" + (t.logQ() ? ", log-Q (sampling-bias) corrected" : ""));
    towerHp.put("epochs", "" + t.epochs());
    towerHp.put("epochKept", "" + towerEpoch);
    towerHp.put(
        "videoTowerInputs",
        service.models().features().videoFeatures().embeddingDimension() > 0
            ? "content + ID embedding + WALS item factors"
            : "content + ID embedding");
    towerHp.put("videoTowerWalsOptions", java.util.Arrays.toString(params.towerWalsInputs()));
    towerHp.put("batchSize", "" + t.batchSize());
    towerHp.put("learningRate", "" + t.learningRate());
    Map<String, String> rankerHp = new LinkedHashMap<>();
    rankerHp.put("hidden", r.hidden1() + "," + r.hidden2());
    rankerHp.put("epochs", "" + r.epochs());
    rankerHp.put("batchSize", "" + r.batchSize());
    rankerHp.put("learningRate", "" + r.learningRate());
    rankerHp.put("negativeKeep", "" + params.negativeKeep());
    rankerHp.put("shortHistoryCopies", "" + params.shortHistory());
    String dataset = dev.mlsd.recommendation.data.MovieLensLoader.DATASET;
    return List.of(
        new ModelCard(
            "WALS",
            "1",
            dataset,
            sha,
            splitText,
            w.seed(),
            walsHp,
            walsMetrics,
            millis.get("wals"),
            code),
        new ModelCard(
            "two-tower",
            "1",
            dataset,
            sha,
            splitText,
            t.seed(),
            towerHp,
            testMetrics(evaluation.test().row("generator: two-tower")),
            millis.get("two-tower"),
            code),
        new ModelCard(
            "ranker-dnn",
            "1",
            dataset,
            sha,
            splitText + "; trained on the validation period's merged candidates",
            r.seed(),
            rankerHp,
            testMetrics(evaluation.test().fullPipeline()),
            millis.get("ranker"),
            code));
  }

  private static Map<String, Double> testMetrics(MetricRow row) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("test ndcg@10", row.ndcg10());
    m.put("test recall@10", row.recall10());
    if (!Double.isNaN(row.recall200())) {
      m.put("test recall@200", row.recall200());
    }
    return m;
  }

  /**
   * Writes the served models with their cards ({@code cards} from {@link #cards}) under {@code
   * dir}: the user tower and the ranker as inference graphs, both HNSW indexes.
   */
  public void save(Path dir, List<ModelCard> cards) throws IOException {
    Files.createDirectories(dir);
    InferenceGraphFile.write(
        dir.resolve("user-tower.mlsd"), towerModel.exportUserTower(), cards.get(1));
    towerModel.save(dir.resolve("two-tower.mlsd"), "both towers, " + cards.get(1).model());
    InferenceGraphFile.write(dir.resolve("ranker.mlsd"), ranker.exported(), cards.get(2));
    service.models().towerIndex().save(dir.resolve("video-tower-hnsw.mlsd"));
    service.models().walsIndex().save(dir.resolve("wals-hnsw.mlsd"));
  }

  /**
   * Times {@code requests} in-process requests of the test users (k = 10, online features and every
   * stage) after 200 untimed ones; the per-stage figures are in {@code service().pipeline()}.
   *
   * @return end-to-end latency of the timed requests
   */
  public LatencyRecorder measureLatency(int requests) {
    EvaluationSet test = new EvaluationSet(split, EvaluationSet.Part.TEST);
    RecoRequest q = service.newRequest();
    UserRequest tmp = new UserRequest(256);
    int[] buf = new int[10];
    LatencyRecorder total = new LatencyRecorder("request");
    for (int i = 0; i < requests + 200; i++) {
      test.request(i % test.size(), tmp);
      q.user.copyFrom(tmp);
      long t0 = System.nanoTime();
      service.recommend(q, 10, buf);
      if (i >= 200) {
        total.recordNanos(System.nanoTime() - t0);
      }
    }
    return total;
  }

  /**
   * The HTTP endpoint over this system's service, with the ranker's drift monitored against its
   * training rows (start it with {@code start(port)}).
   */
  public RecommendationHttpServer httpServer() {
    return new RecommendationHttpServer(service, split)
        .monitorDrift(RankingDrift.fromTraining(rankingData, ranker.exported()));
  }

  /** Forwards to {@code to} and keeps every reported loss, per model in epoch order. */
  private static TrainingProgress recordingLosses(
      TrainingProgress to, Map<String, double[]> losses) {
    return new TrainingProgress() {
      @Override
      public void line(String text) {
        to.line(text);
      }

      @Override
      public java.util.function.LongConsumer begin(String label, long total) {
        return to.begin(label, total);
      }

      @Override
      public void end() {
        to.end();
      }

      @Override
      public void loss(String model, int epoch, double loss) {
        double[] old = losses.getOrDefault(model, new double[0]);
        double[] grown = java.util.Arrays.copyOf(old, Math.max(old.length, epoch));
        grown[epoch - 1] = loss;
        losses.put(model, grown);
        to.loss(model, epoch, loss);
      }
    };
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
