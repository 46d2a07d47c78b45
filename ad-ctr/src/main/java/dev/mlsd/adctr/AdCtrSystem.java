package dev.mlsd.adctr;

import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.evaluation.ContinualLearningReplay;
import dev.mlsd.adctr.evaluation.ModelComparison;
import dev.mlsd.adctr.evaluation.ModelMetrics;
import dev.mlsd.adctr.evaluation.RollingOriginEvaluation;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.model.FtrlLogisticRegression;
import dev.mlsd.adctr.model.InferenceExport;
import dev.mlsd.adctr.model.ModelLineup;
import dev.mlsd.adctr.model.ModelSpec;
import dev.mlsd.adctr.model.NeuralClickModel;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.adctr.serving.AdCatalogue;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.adctr.serving.AdPipeline;
import dev.mlsd.adctr.serving.AdRequest;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.adctr.serving.SampleRequests;
import dev.mlsd.adctr.serving.ServedModel;
import dev.mlsd.adctr.serving.ServingMonitor;
import dev.mlsd.core.data.DatasetDescriptor;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.classification.LogLoss;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.results.DatasetRef;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ad click prediction system of chapter 8, built once from {@link AdCtrParams}, in the book's
 * order: {@link Data} (steps 3-4: the click log, its time split, the features of every row), {@link
 * Models} (step 5: the lineup trained and calibrated), {@link Evaluation} (step 6: rolling origin
 * and continual learning), {@link Export} (the served model exported to core inference and checked
 * against DL4J) and {@link Serving} (step 7: catalogue, feature store, pipeline, monitor, HTTP).
 * The demo, {@link dev.mlsd.adctr.AdLoadTest}, the JMH benchmark and the tests all build their
 * pieces here, so the wiring (window sizes, catalogue size, candidate cap, quotas) lives in one
 * place: {@link AdCtrParams}.
 *
 * <p>Thread safety: building is single-threaded; a built {@link Serving} is thread-safe.
 */
public final class AdCtrSystem {
  private AdCtrSystem() {}

  /** The historical-CTR batch features of {@code p}. */
  public static HistoricalCtr historicalCtr(AdCtrParams p, dev.mlsd.adctr.data.AdSchema schema) {
    return new HistoricalCtr(schema, p.ctrWindow(), p.ctrSmoothing());
  }

  /** The serving catalogue: the {@code history}'s most shown ads, campaigns seeded by {@code p}. */
  public static AdCatalogue catalogue(
      AdCtrParams p, FeaturePipeline features, List<Impression> history) {
    return new AdCatalogue(features, history, p.catalogueAds(), p.seed());
  }

  /** The prediction pipeline of {@code p} over a catalogue, a feature store and a model. */
  public static AdPipeline pipeline(
      AdCtrParams p,
      FeaturePipeline features,
      AdCatalogue catalogue,
      FeatureStore store,
      ModelHolder<ServedModel> model) {
    return new AdPipeline(features, catalogue, store, model, p.maxCandidates(), p.perAdvertiser());
  }

  // --------------------------------------------------------------------------------- steps 3-4

  /**
   * The click log, its time-ordered split and every row's features (the batch features computed
   * from the past only, in time order).
   *
   * @param history train + validation rows: what the catalogue and the feature store know
   */
  public record Data(
      AdCtrParams params,
      ImpressionLog log,
      TimeSplit.Parts parts,
      FeaturePipeline pipeline,
      HistoricalCtr ctr,
      EncodedRows all,
      EncodedRows train,
      EncodedRows validation,
      EncodedRows test,
      List<Impression> history) {

    /**
     * Reads the dataset and encodes it.
     *
     * @throws UserError for a dataset this module does not know
     * @throws IOException if a file is missing (a {@link
     *     dev.mlsd.core.data.DatasetUnavailableException}) or unreadable
     */
    public static Data load(AdCtrParams p) throws IOException {
      if (!AdDatasets.NAMES.contains(p.dataset())) {
        throw new UserError(
            "unknown dataset '" + p.dataset() + "'; choose one of " + AdDatasets.NAMES);
      }
      ImpressionLog log = AdDatasets.load(p.dataset());
      TimeSplit.Parts parts = p.split().split(log.rows());
      FeaturePipeline pipeline = new FeaturePipeline(log.schema(), p.features());
      HistoricalCtr ctr = historicalCtr(p, log.schema());
      EncodedRows all = EncodedRows.of(pipeline, log.rows(), ctr.sequential(log.rows()));
      int a = parts.train().size();
      int b = a + parts.validation().size();
      return new Data(
          p,
          log,
          parts,
          pipeline,
          ctr,
          all,
          all.slice(0, a),
          all.slice(a, b),
          all.slice(b, all.size()),
          log.rows().subList(0, b));
    }

    /** The dataset and its checksum, for results. */
    public DatasetRef datasetRef() {
      return DatasetRef.of(DatasetDescriptor.load(params.dataset()));
    }

    /** Step 3 in lines: what was read, the click rate, the split. */
    public List<String> describe() {
      List<String> lines = new ArrayList<>();
      log.reports().forEach(r -> lines.add(kv("read", r.summary())));
      lines.add(kv("impressions", log.size()));
      lines.add(String.format(Locale.ROOT, "%-24s %.4f", "click-through rate:", log.ctr()));
      lines.add(kv("malformed rows", log.malformed()));
      lines.add(
          kv("split", params.split().describe() + " (no shuffling: test is later than train)"));
      lines.add(
          String.format(
              Locale.ROOT,
              "%-24s train %d (CTR %.3f), validation %d (CTR %.3f), test %d (CTR %.3f)",
              "rows:",
              parts.train().size(),
              ImpressionLog.ctr(parts.train()),
              parts.validation().size(),
              ImpressionLog.ctr(parts.validation()),
              parts.test().size(),
              ImpressionLog.ctr(parts.test())));
      lines.add(kv("ad side / request side", log.schema().sideNote()));
      lines.add(
          kv(
              "negative down-sampling",
              "rate "
                  + params.negativeRate()
                  + " for one extra LR row, corrected by q = p / (p + (1 - p) / rate)"));
      return lines;
    }

    /** Step 4 in lines: fields, encodings, crosses, the id space. */
    public List<String> describeFeatures() {
      var s = log.schema();
      var f = pipeline.params();
      return List.of(
          kv(
              "fields",
              pipeline.fieldCount()
                  + " = "
                  + s.numericFields().size()
                  + " numeric + "
                  + s.categoricalFields().size()
                  + " categorical + 4 batch (historical CTR)"),
          kv("numeric", "log transform, " + f.numericBuckets() + " buckets, 0 = missing"),
          kv("categorical", "hashing trick, " + f.hashBuckets() + " ids per field, 0 = missing"),
          kv(
              "batch features",
              HistoricalCtr.NAMES + ", window " + ctr.window() + " impressions, past only"),
          kv("crosses (linear models)", s.crosses() + " into " + f.crossBuckets() + " ids"),
          kv(
              "id space",
              pipeline.featureCount()
                  + " ids (embedding rows); linear "
                  + pipeline.linearFeatureCount()),
          kv("example ids", Arrays.toString(Arrays.copyOf(train.fieldIds()[0], 8)) + " ..."));
    }
  }

  // ------------------------------------------------------------------------------------ step 5

  /**
   * The book's lineup trained on the training split, calibrated on validation, scored on test; the
   * served model is the better of the two neural models on validation log loss.
   *
   * @param background the trivial predictor (the training CTR)
   * @param entries each model's outcome, the down-sampled LR last
   * @param served the entry served
   */
  public record Models(
      List<ModelSpec> lineup,
      ModelMetrics background,
      List<ModelComparison.Entry> entries,
      ModelComparison.Entry served) {

    /**
     * Trains every model, drawing progress to {@code progress}.
     *
     * @param progress where progress goes ({@link Progress}: a bar or sparse lines)
     */
    public static Models train(Data d, PrintStream progress) {
      AdCtrParams p = d.params();
      List<ModelSpec> lineup = ModelLineup.of(d.pipeline(), p.neural());
      long[] seeds = p.seedList();
      List<ModelComparison.Entry> entries = new ArrayList<>();
      for (ModelSpec spec : lineup) {
        int runs = spec.neural() ? seeds.length : 1;
        String label = spec.name() + (runs > 1 ? " x" + runs + " seeds" : "");
        try (Progress bar = new Progress(progress, label, runs * spec.work(d.train().size()))) {
          entries.add(
              ModelComparison.run(spec, d.train(), d.validation(), d.test(), seeds, 1.0, bar));
        }
      }
      ModelSpec lr = lineup.getFirst();
      try (Progress bar =
          new Progress(progress, "LR, negatives x" + p.negativeRate(), lr.work(d.train().size()))) {
        entries.add(
            ModelComparison.run(
                lr, d.train(), d.validation(), d.test(), seeds, p.negativeRate(), bar));
      }
      ModelMetrics background = ModelComparison.background(d.train(), d.test(), p.seed());
      return new Models(lineup, background, entries, chooseServed(entries, d.validation()));
    }

    /** One line per model: training time and what the model says about itself. */
    public List<String> describe() {
      List<String> lines = new ArrayList<>();
      for (ModelComparison.Entry e : entries) {
        String extra = "";
        if (e.model() instanceof NeuralClickModel nm) {
          extra =
              ", "
                  + nm.parameterCount()
                  + " parameters, early-stopped after "
                  + nm.epochsRun()
                  + " epochs";
        } else if (e.model() instanceof FtrlLogisticRegression lr) {
          extra = ", " + lr.nonZero() + " non-zero weights (L1)";
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "%-22s trained in %5d ms%s",
                e.metrics().name(),
                e.trainMillis(),
                extra));
      }
      return lines;
    }

    /** The comparison table (test split). */
    public String table() {
      return ModelComparison.table(background, entries);
    }

    /** Step 6's first block: the test split, the comparison table, how to read it. */
    public String describeTest(Data d) {
      return "Test split ("
          + d.test().size()
          + " later impressions); Platt scaling fitted on validation:\n"
          + table()
          + "NCE = log loss / log loss of the test CTR (< 1 beats the prior)."
          + " p/o = predicted/observed.";
    }

    private static ModelComparison.Entry chooseServed(
        List<ModelComparison.Entry> entries, EncodedRows validation) {
      ModelComparison.Entry best = null;
      double bestLoss = Double.POSITIVE_INFINITY;
      for (ModelComparison.Entry e : entries) {
        if (e.model() instanceof NeuralClickModel m && e.negativeRate() >= 1) {
          double loss = LogLoss.compute(m.predict(validation), validation.labels());
          if (loss < bestLoss) {
            bestLoss = loss;
            best = e;
          }
        }
      }
      return best;
    }
  }

  // ------------------------------------------------------------------------------------ step 6

  /**
   * The time-aware evaluations beside the single split: rolling origin (train on chunks 1..i, test
   * on i+1, pooled; skipped when {@link AdCtrParams#rollingChunks()} is 0) and the
   * continual-learning replay of LR.
   */
  public record Evaluation(
      List<RollingOriginEvaluation.Result> rolling, ContinualLearningReplay.Result continual) {

    /** Runs both. */
    public static Evaluation run(Data d, Models m, PrintStream progress) {
      AdCtrParams p = d.params();
      List<RollingOriginEvaluation.Result> rolling = List.of();
      if (p.rollingChunks() > 0) {
        long work = 0;
        for (ModelSpec spec : m.lineup()) {
          work += spec.work(2 * d.all().size());
        }
        String label = "rolling origin, " + (p.rollingChunks() - 1) + " origins";
        try (Progress bar = new Progress(progress, label, work)) {
          rolling =
              RollingOriginEvaluation.run(m.lineup(), d.all(), p.rollingChunks(), p.seed(), bar);
        }
      }
      ContinualLearningReplay.Result cl =
          ContinualLearningReplay.run(
              d.train(),
              p.continualChunks(),
              d.pipeline().linearFeatureCount(),
              FtrlLogisticRegression.Params.DEFAULT);
      return new Evaluation(rolling, cl);
    }

    /** Both evaluations as text: what each is, then its table. */
    public String describe(AdCtrParams p) {
      return "Rolling origin: "
          + p.rollingChunks()
          + " time chunks, train on 1..i, test on i+1, predictions pooled:\n"
          + rollingTable()
          + "\nContinual learning (LR, FTRL): "
          + p.continualChunks()
          + " chunks of the training period, progressive validation:\n"
          + continual.table();
    }

    /** The rolling-origin table, or a line saying it was skipped. */
    public String rollingTable() {
      return rolling.isEmpty() ? "(skipped in --quick)" : RollingOriginEvaluation.table(rolling);
    }
  }

  /**
   * The served model exported to core inference (the serving path; no DL4J), written with its card,
   * read back, and compared with the DL4J forward pass on the test split.
   *
   * @param loaded the file as read back (graph and card)
   * @param file where it was written
   * @param maxAbsDiff largest |core - DL4J| over the test rows
   * @param testPredictions core inference's raw predictions on the test split
   */
  public record Export(
      InferenceGraphFile.Loaded loaded, Path file, double maxAbsDiff, float[] testPredictions) {

    /** Exports, writes to {@code dir}, reads back and checks parity. */
    public static Export of(Data d, Models m, Path dir) throws IOException {
      NeuralClickModel model = (NeuralClickModel) m.served().model();
      InferenceGraph graph = InferenceExport.of(model);
      float[] dl4j = model.predict(d.test());
      float[] fast = scoreAll(graph, d.test());
      double maxDiff = 0;
      for (int i = 0; i < dl4j.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(dl4j[i] - fast[i]));
      }
      ModelCard card =
          m.served().card(d.log(), d.params().split(), d.pipeline(), d.params().seed(), maxDiff);
      Path file =
          dir.resolve("model-" + m.served().spec().name().toLowerCase(Locale.ROOT) + ".mlsd");
      InferenceGraphFile.write(file, graph, card);
      return new Export(InferenceGraphFile.read(file), file, maxDiff, fast);
    }

    /**
     * The drift monitor: training-period features and predictions as the reference, the test period
     * observed (offline; live traffic adds to it through the server).
     */
    public ServingMonitor monitor(Data d) {
      ServingMonitor m =
          ServingMonitor.fromTraining(d.pipeline(), d.train(), scoreAll(loaded.graph(), d.train()));
      m.observe(d.test(), testPredictions);
      return m;
    }

    /** The model as served: the exported graph and the validation-fitted calibrator. */
    public ServedModel servedModel(Models m) {
      return new ServedModel(loaded.graph(), m.served().calibrator());
    }

    /** One line: the file and the parity check. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "exported to %s; core inference vs DL4J forward pass on %d test rows: max |diff| = %.2e",
          file.getFileName(),
          testPredictions.length,
          maxAbsDiff);
    }
  }

  /** Scores every row with core inference (one batch). */
  public static float[] scoreAll(InferenceGraph graph, EncodedRows rows) {
    int f = rows.fieldIds()[0].length;
    int n = rows.size();
    int[] ids = new int[n * f];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.fieldIds()[i], 0, ids, i * f, f);
    }
    float[] out = new float[n];
    Scratch s = graph.newScratch(n);
    graph.score(null, ids, n, out, s);
    return out;
  }

  // ------------------------------------------------------------------------------------ step 7

  /**
   * The serving side: the catalogue, its ad features materialised in a feature store, the model
   * behind a {@link ModelHolder}, the declared pipeline and the drift monitor. Closing it closes
   * nothing it was given (the store is the caller's).
   */
  public record Serving(
      AdCtrParams params,
      AdCatalogue catalogue,
      FeatureStore store,
      int adRows,
      ModelHolder<ServedModel> holder,
      AdPipeline ads,
      ServingMonitor monitor,
      List<Impression> testRows) {

    /**
     * Builds the serving side over {@code store} (in memory or Redis) for {@code model}.
     *
     * @param monitor the drift monitor bound to {@code /metrics}, or null
     */
    public static Serving start(
        Data d, FeatureStore store, ServedModel model, ModelCard card, ServingMonitor monitor) {
      AdCatalogue catalogue = AdCtrSystem.catalogue(d.params(), d.pipeline(), d.history());
      int rows = AdFeatures.materialise(store, catalogue, d.ctr(), d.history());
      ModelHolder<ServedModel> holder = new ModelHolder<>(model, card);
      AdPipeline ads = AdCtrSystem.pipeline(d.params(), d.pipeline(), catalogue, store, holder);
      return new Serving(
          d.params(), catalogue, store, rows, holder, ads, monitor, d.parts().test());
    }

    /**
     * A served DCN with the demo's shapes and seeded random weights (it costs the same to score as
     * a trained one): for the load test and the benchmark, which measure latency, not quality.
     */
    public static Serving untrained(Data d, FeatureStore store) {
      FeaturePipeline p = d.pipeline();
      ServedModel model =
          new ServedModel(
              InferenceExport.randomDcn(
                  p.fieldCount(), p.featureCount(), d.params().neural(), d.params().seed()),
              PlattCalibrator.IDENTITY);
      ModelCard card =
          new ModelCard(
              "DCN (random weights)",
              "untrained",
              d.params().dataset(),
              d.log().sha256(),
              d.params().split().describe(),
              d.params().seed(),
              Map.of(),
              Map.of(),
              0,
              ModelCard.currentCodeVersion());
      return start(d, store, model, card, null);
    }

    /** Real test-period requests (request side of each test impression), k = 10. */
    public List<AdRequest> sampleRequests() {
      return SampleRequests.from(catalogue, testRows, 10);
    }

    /** JSON bodies of {@code POST /v1/ads/rank} from the test impressions, k = 10. */
    public List<String> sampleBodies() {
      List<String> bodies = new ArrayList<>();
      for (Impression r : testRows) {
        bodies.add(AdServer.exampleBody(catalogue, r, 10));
      }
      return bodies;
    }

    /** Starts the HTTP server on 127.0.0.1 ({@code port} 0 = any free port). */
    public AdServer http(int port) throws IOException {
      return AdServer.start(ads, catalogue, store, holder, monitor, port);
    }

    /**
     * Starts the HTTP server on 127.0.0.1 with the given workers, queue and longest queue wait (for
     * load tests).
     */
    public AdServer http(int port, dev.mlsd.core.http.JsonServer.Limits limits) throws IOException {
      return AdServer.start(ads, catalogue, store, holder, monitor, port, limits);
    }

    /** Step 7's first lines: the catalogue, the campaigns, the store, the pipeline. */
    public List<String> describe() {
      return List.of(
          kv(
              "catalogue",
              catalogue.size()
                  + " ads of "
                  + catalogue.advertisers()
                  + " advertisers (real ad-side tuples)"),
          kv(
              "campaigns",
              "generated, seeded: targeting on '"
                  + catalogue.schema().targetingField()
                  + "', bids, budgets"),
          kv(
              "feature store",
              store.kind() + ", " + adRows + " ad rows of " + AdFeatures.SCHEMA.featureNames()),
          "pipeline: targeting candidates -> budget filter -> feature store -> "
              + holder.served().card().model()
              + " (core inference, calibrated) -> advertiser diversity (<= "
              + params.perAdvertiser()
              + " per advertiser)");
    }

    /** Serves {@code request} and describes its top ads, one line each. */
    public List<String> describeTop(AdRequest request) {
      Candidates top = ads.serve(request);
      List<String> lines = new ArrayList<>();
      lines.add("sample request (a real test impression's request side), top " + top.size() + ":");
      for (int pos = 0; pos < top.size(); pos++) {
        int ad = top.id(pos);
        lines.add(
            String.format(
                Locale.ROOT,
                "  #%d ad %-5d advertiser %-4d P(click) %.4f",
                pos + 1,
                ad,
                catalogue.advertiser(ad),
                top.score(pos)));
      }
      return lines;
    }

    /**
     * Times {@code n} in-process requests after {@code min(500, n)} warm-up ones (stage recorders
     * reset after the warm-up), cycling through the test requests.
     */
    public Latency measure(int n) {
      List<AdRequest> load = sampleRequests();
      for (int i = 0; i < Math.min(500, n); i++) {
        ads.serve(load.get(i % load.size()));
      }
      ads.pipeline().totalLatency().reset();
      for (Stage st : Stage.values()) {
        ads.pipeline().stageLatency(st).reset();
      }
      LatencyRecorder total = new LatencyRecorder("ad_request");
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Candidates c = ads.serve(load.get(i % load.size()));
        total.recordNanos(System.nanoTime() - t0);
        if (c.size() == 0) {
          throw new IllegalStateException("a request got no ads");
        }
      }
      return new Latency(total, Math.min(500, n) + 1);
    }

    /** What {@code latency} says: end to end against the budget, per stage, the budget filter. */
    public List<String> describe(Latency latency) {
      long timed = latency.total().count();
      StringBuilder stages = new StringBuilder("per stage, p50 / p99 in microseconds:");
      for (Stage st : Stage.values()) {
        LatencyRecorder r = ads.pipeline().stageLatency(st);
        stages.append(
            String.format(
                Locale.ROOT,
                " %s %.0f / %.0f;",
                st.metricName(),
                r.percentileMicros(50),
                r.percentileMicros(99)));
      }
      return List.of(
          String.format(
              Locale.ROOT,
              "%d in-process requests, up to %d candidates each: p50 %.3f ms, p99 %.3f ms, p999"
                  + " %.3f ms (budget %.0f ms: %s)",
              timed,
              params.maxCandidates(),
              latency.ms(50),
              latency.ms(99),
              latency.ms(99.9),
              AdCtrReport.BUDGET_MS,
              latency.ms(99) <= AdCtrReport.BUDGET_MS ? "within" : "OVER"),
          stages.toString(),
          String.format(
              Locale.ROOT,
              "budget filter: %d of %d advertisers out of budget after %d requests",
              advertisersOutOfBudget(),
              catalogue.advertisers(),
              timed + latency.untimed()));
    }

    /**
     * Load-tests {@code POST /v1/ads/rank} over a real socket at {@code qps} requests a second with
     * {@code clients} connections, bodies from the test impressions, from a load generator in a JVM
     * of its own (so that its CPU and garbage collection stay out of the server's JVM).
     */
    public LoadGenerator.Report loadTest(
        AdServer server,
        int qps,
        java.time.Duration warmup,
        java.time.Duration measured,
        int clients)
        throws Exception {
      List<String> bodies = sampleBodies();
      return LoadGenerator.runInOwnProcess(
          new LoadGenerator.Settings(
              server.uri().resolve("/v1/ads/rank"),
              qps,
              warmup,
              measured,
              clients,
              i -> bodies.get(i % bodies.size())),
          false,
          bodies::get,
          bodies.size());
    }

    /** Advertisers with under two dollars of budget left. */
    public int advertisersOutOfBudget() {
      int broke = 0;
      for (int adv = 0; adv < catalogue.advertisers(); adv++) {
        if (ads.budget().remainingMicros(adv) < 2_000_000) {
          broke++;
        }
      }
      return broke;
    }

    /**
     * What {@link #measure} saw: end to end per request, and per stage in the pipeline's recorders.
     *
     * @param untimed requests served before the timed ones (the sample and the warm-up)
     */
    public record Latency(LatencyRecorder total, int untimed) {
      /** Percentile in milliseconds. */
      public double ms(double percentile) {
        return total.percentileMicros(percentile) / 1e3;
      }
    }
  }

  /**
   * Everything one run of the demo built and measured, for {@link AdCtrReport}.
   *
   * @param latency the in-process latency measured on {@code serving}
   */
  public record Run(
      Data data,
      Models models,
      Evaluation evaluation,
      Export export,
      Serving serving,
      Serving.Latency latency) {}

  static String kv(String key, Object value) {
    return String.format(Locale.ROOT, "%-24s %s", key + ":", value);
  }
}
