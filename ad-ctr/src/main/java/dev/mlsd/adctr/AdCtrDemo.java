package dev.mlsd.adctr;

import dev.mlsd.adctr.data.AdDatasets;
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
import dev.mlsd.adctr.serving.AdCatalogue;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.adctr.serving.AdPipeline;
import dev.mlsd.adctr.serving.AdRequest;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.adctr.serving.SampleRequests;
import dev.mlsd.adctr.serving.ServedModel;
import dev.mlsd.adctr.serving.ServingMonitor;
import dev.mlsd.core.demo.HtmlReport;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.demo.ResultsJson;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.calibration.ReliabilityDiagram;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chapter-8 demo: runs the book's seven steps in order on a real click log, prints what ran and
 * what came out at each step, and writes {@code results.json} and {@code report.html} to the output
 * folder. {@code mvn -pl ad-ctr exec:java} runs it; flags via {@code -Dexec.args="..."}.
 *
 * <p>Book: chapter 8, all sections.
 */
@Command(
    name = "ad-ctr",
    mixinStandardHelpOptions = true,
    description = "Ad click prediction (book chapter 8), end to end, on a real click log.")
public final class AdCtrDemo implements Callable<Integer> {
  /** The book's latency budget for one ad request. */
  public static final double BUDGET_MS = 10.0;

  @Option(
      names = "--dataset",
      defaultValue = "criteo-sample",
      description = "criteo-sample (default), avazu-sample or ipinyou-sample")
  String dataset;

  @Option(names = "--seed", defaultValue = "42", description = "master seed (default 42)")
  long seed;

  @Option(
      names = "--out",
      description =
          "output folder for results.json, report.html and the model (default results/ad-ctr)")
  Path out;

  @Option(
      names = "--feature-store",
      description = "redis://host:port to use Redis as the feature store (default: in memory)")
  String featureStore;

  @Option(names = "--serve", description = "keep the HTTP server up after the demo")
  boolean serve;

  @Option(names = "--port", defaultValue = "0", description = "HTTP port with --serve (0 = any)")
  int port;

  @Option(
      names = "--negative-rate",
      defaultValue = "0.5",
      description = "negative down-sampling rate for the extra LR row (default 0.5)")
  double negativeRate;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds per neural model (default 3)")
  int seeds;

  @Option(
      names = "--requests",
      defaultValue = "3000",
      description = "sample requests for the latency measurement (default 3000)")
  int requests;

  @Option(
      names = "--load-qps",
      defaultValue = "0",
      description = "after the demo, load-test POST /v1/ads/rank at this rate (0 = no load test)")
  int loadQps;

  @Option(
      names = "--load-seconds",
      defaultValue = "20",
      description = "measured seconds of the load test (default 20, after 5 s of warm-up)")
  int loadSeconds;

  private final PrintStream stdout;

  AdCtrDemo(PrintStream stdout) {
    this.stdout = stdout;
  }

  /**
   * Runs the demo.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    int code = new CommandLine(new AdCtrDemo(System.out)).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (out == null) {
      String root = System.getProperty("maven.multiModuleProjectDirectory", ".");
      out = Path.of(root, "results", "ad-ctr");
    }
    if (!(negativeRate > 0 && negativeRate <= 1)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--negative-rate must be in (0, 1]");
    }
    if (seeds < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--seeds must be >= 1");
    }
    StepNarrator n = new StepNarrator(stdout, "ad-ctr");
    n.banner(
        "Ad click prediction on social platforms (book chapter 8)",
        "dataset " + dataset + ", seed " + seed + ", output " + out.toAbsolutePath().normalize());

    // 1 -----------------------------------------------------------------------------------------
    n.step(1);
    n.kv("business goal", "rank ads by click probability to maximise revenue");
    n.kv("book scale", "billions of users, millions of ads, far under 1% of impressions clicked");
    n.kv("latency budget", BUDGET_MS + " ms per ad request (candidates -> ranked ads)");
    n.kv("data here", dataset + ": real logged impressions with click labels, in time order");
    n.kv("stands in for", "the platform's impression log (user, ad, context, clicked or not)");

    // 2 -----------------------------------------------------------------------------------------
    n.step(2);
    n.say("Pointwise learning to rank as binary classification: P(click | user, ad, context).");
    n.say("Input: one impression's fields; output: a calibrated click probability.");
    n.say("Loss: binary cross-entropy. Interfaces: ClickModel (offline), Ranker (serving).");

    // 3 -----------------------------------------------------------------------------------------
    n.step(3);
    ImpressionLog log = AdDatasets.load(dataset);
    TimeSplit split = TimeSplit.DEFAULT;
    TimeSplit.Parts parts = split.split(log.rows());
    for (var r : log.reports()) {
      n.kv("read", r.summary());
    }
    n.kv("impressions", log.size());
    n.sayf("%-24s %.4f", "click-through rate:", log.ctr());
    n.kv("malformed rows", log.malformed());
    n.kv("split", split.describe() + " (no shuffling: test is later than train)");
    n.sayf(
        "%-24s train %d (CTR %.3f), validation %d (CTR %.3f), test %d (CTR %.3f)",
        "rows:",
        parts.train().size(),
        ImpressionLog.ctr(parts.train()),
        parts.validation().size(),
        ImpressionLog.ctr(parts.validation()),
        parts.test().size(),
        ImpressionLog.ctr(parts.test()));
    n.kv("ad side / request side", log.schema().sideNote());
    n.kv(
        "negative down-sampling",
        "rate "
            + negativeRate
            + " for one extra LR row, corrected by q = p / (p + (1 - p) / rate)");

    // 4 -----------------------------------------------------------------------------------------
    n.step(4);
    FeaturePipeline pipeline = new FeaturePipeline(log.schema(), FeaturePipeline.Params.DEFAULT);
    HistoricalCtr ctr = new HistoricalCtr(log.schema(), 2000, 20);
    float[][] batch = ctr.sequential(log.rows());
    EncodedRows all = EncodedRows.of(pipeline, log.rows(), batch);
    int a = parts.train().size();
    int b = a + parts.validation().size();
    EncodedRows train = all.slice(0, a);
    EncodedRows validation = all.slice(a, b);
    EncodedRows test = all.slice(b, all.size());
    n.kv(
        "fields",
        pipeline.fieldCount()
            + " = "
            + log.schema().numericFields().size()
            + " numeric + "
            + log.schema().categoricalFields().size()
            + " categorical + 4 batch (historical CTR)");
    n.kv(
        "numeric",
        "log transform, " + pipeline.params().numericBuckets() + " buckets, 0 = missing");
    n.kv(
        "categorical",
        "hashing trick, " + pipeline.params().hashBuckets() + " ids per field, 0 = missing");
    n.kv("batch features", HistoricalCtr.NAMES + ", window 2000 impressions, past only");
    n.kv(
        "crosses (linear models)",
        log.schema().crosses() + " into " + pipeline.params().crossBuckets() + " ids");
    n.kv(
        "id space",
        pipeline.featureCount() + " ids (embedding rows); linear " + pipeline.linearFeatureCount());
    n.kv(
        "example ids",
        java.util.Arrays.toString(java.util.Arrays.copyOf(train.fieldIds()[0], 8)) + " ...");

    // 5 -----------------------------------------------------------------------------------------
    n.step(5);
    List<ModelSpec> lineup = ModelLineup.of(pipeline);
    long[] seedList = new long[seeds];
    for (int i = 0; i < seeds; i++) {
      seedList[i] = seed + i;
    }
    List<ModelComparison.Entry> entries = new ArrayList<>();
    for (ModelSpec spec : lineup) {
      int runs = spec.neural() ? seeds : 1;
      String label = spec.name() + (runs > 1 ? " x" + runs + " seeds" : "");
      try (Progress bar = new Progress(stdout, label, runs * spec.work(train.size()))) {
        entries.add(ModelComparison.run(spec, train, validation, test, seedList, 1.0, bar));
      }
    }
    try (Progress bar =
        new Progress(stdout, "LR, negatives x" + negativeRate, lineup.getFirst().work(a))) {
      entries.add(
          ModelComparison.run(
              lineup.getFirst(), train, validation, test, seedList, negativeRate, bar));
    }
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
      n.sayf("%-22s trained in %5d ms%s", e.metrics().name(), e.trainMillis(), extra);
    }

    // 6 -----------------------------------------------------------------------------------------
    n.step(6);
    ModelMetrics background = ModelComparison.background(train, test, seed);
    n.say(
        "Test split (" + test.size() + " later impressions); Platt scaling fitted on validation:");
    n.block(ModelComparison.table(background, entries));
    n.say(
        "NCE = log loss / log loss of the test CTR (< 1 beats the prior). p/o = predicted/observed.");
    n.say("Rolling origin: 5 time chunks, train on 1..i, test on i+1, predictions pooled:");
    RollingOriginEvaluation.Result[] rolling;
    List<RollingOriginEvaluation.Result> rollingList;
    long rollingWork = 0;
    for (ModelSpec spec : lineup) {
      rollingWork += spec.work(2 * all.size());
    }
    try (Progress bar = new Progress(stdout, "rolling origin, 4 origins", rollingWork)) {
      rollingList = RollingOriginEvaluation.run(lineup, all, 5, seed, bar);
    }
    rolling = rollingList.toArray(new RollingOriginEvaluation.Result[0]);
    n.block(RollingOriginEvaluation.table(rollingList));
    n.say(
        "Continual learning (LR, FTRL): 8 chunks of the training period, progressive validation:");
    ContinualLearningReplay.Result cl =
        ContinualLearningReplay.run(
            train, 8, pipeline.linearFeatureCount(), FtrlLogisticRegression.Params.DEFAULT);
    n.block(cl.table());

    // the served model: the better of the book's two chosen models on validation log loss
    ModelComparison.Entry served = chooseServed(entries, validation);
    NeuralClickModel servedModel = (NeuralClickModel) served.model();
    InferenceGraph graph = InferenceExport.of(servedModel);
    float[] dl4j = servedModel.predict(test);
    float[] fast = scoreAll(graph, test);
    double maxDiff = 0;
    for (int i = 0; i < dl4j.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(dl4j[i] - fast[i]));
    }
    ModelCard card = card(served, log, split, pipeline, maxDiff);
    Path modelFile =
        out.resolve("model-" + served.spec().name().toLowerCase(Locale.ROOT) + ".mlsd");
    InferenceGraphFile.write(modelFile, graph, card);
    InferenceGraphFile.Loaded loaded = InferenceGraphFile.read(modelFile);
    n.say("");
    n.block(loaded.card().toText());
    n.sayf(
        "exported to %s; core inference vs DL4J forward pass on %d test rows: max |diff| = %.2e",
        modelFile.getFileName(), dl4j.length, maxDiff);

    // 7 -----------------------------------------------------------------------------------------
    n.step(7);
    AdCatalogue catalogue = new AdCatalogue(pipeline, log.rows().subList(0, b), 5000, seed);
    try (FeatureStore store =
        featureStore == null ? new InMemoryFeatureStore() : RedisFeatureStore.open(featureStore)) {
      int written = AdFeatures.materialise(store, catalogue, ctr, log.rows().subList(0, b));
      n.kv(
          "catalogue",
          catalogue.size()
              + " ads of "
              + catalogue.advertisers()
              + " advertisers (real ad-side tuples)");
      n.kv(
          "campaigns",
          "generated, seeded: targeting on '" + log.schema().targetingField() + "', bids, budgets");
      n.kv(
          "feature store",
          store.kind() + ", " + written + " ad rows of " + AdFeatures.SCHEMA.featureNames());
      ModelHolder<ServedModel> holder =
          new ModelHolder<>(new ServedModel(loaded.graph(), served.calibrator()), loaded.card());
      AdPipeline ads = new AdPipeline(pipeline, catalogue, store, holder, 500, 2);
      n.say(
          "pipeline: targeting candidates -> budget filter -> feature store -> "
              + served.spec().name()
              + " (core inference, calibrated) -> advertiser diversity (<= 2 per advertiser)");
      List<AdRequest> sample = SampleRequests.from(catalogue, parts.test(), 10);
      Candidates top = ads.serve(sample.getFirst());
      n.say("sample request (a real test impression's request side), top " + top.size() + ":");
      for (int pos = 0; pos < top.size(); pos++) {
        int ad = top.id(pos);
        n.sayf(
            "  #%d ad %-5d advertiser %-4d P(click) %.4f",
            pos + 1, ad, catalogue.advertiser(ad), top.score(pos));
      }
      ServingMonitor monitor =
          ServingMonitor.fromTraining(pipeline, train, scoreAll(loaded.graph(), train));
      monitor.observe(test, fast);
      LatencyRecorder latency = new LatencyRecorder("ad_request");
      List<AdRequest> load = SampleRequests.from(catalogue, parts.test(), 10);
      for (int i = 0; i < Math.min(500, requests); i++) {
        ads.serve(load.get(i % load.size()));
      }
      ads.pipeline().totalLatency().reset();
      for (dev.mlsd.core.serving.Stage st : dev.mlsd.core.serving.Stage.values()) {
        ads.pipeline().stageLatency(st).reset();
      }
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        Candidates c = ads.serve(load.get(i % load.size()));
        latency.recordNanos(System.nanoTime() - t0);
        if (c.size() == 0) {
          throw new IllegalStateException("a request got no ads");
        }
      }
      Histogram h = latency.snapshot();
      double p50 = latency.percentileMicros(50) / 1e3;
      double p99 = latency.percentileMicros(99) / 1e3;
      double p999 = latency.percentileMicros(99.9) / 1e3;
      n.sayf(
          "%d in-process requests, up to 500 candidates each: p50 %.3f ms, p99 %.3f ms, p999 %.3f ms"
              + " (budget %.0f ms: %s)",
          requests, p50, p99, p999, BUDGET_MS, p99 <= BUDGET_MS ? "within" : "OVER");
      StringBuilder stages = new StringBuilder("per stage, p50 / p99 in microseconds:");
      for (dev.mlsd.core.serving.Stage st : dev.mlsd.core.serving.Stage.values()) {
        LatencyRecorder r = ads.pipeline().stageLatency(st);
        stages.append(
            String.format(
                Locale.ROOT,
                " %s %.0f / %.0f;",
                st.metricName(),
                r.percentileMicros(50),
                r.percentileMicros(99)));
      }
      n.say(stages.toString());
      int broke = 0;
      for (int adv = 0; adv < catalogue.advertisers(); adv++) {
        if (ads.budget().remainingMicros(adv) < 2_000_000) {
          broke++;
        }
      }
      n.sayf(
          "budget filter: %d of %d advertisers out of budget after %d requests",
          broke, catalogue.advertisers(), requests + 501);
      n.say("monitoring (PSI, test against train; < 0.1 stable, 0.1-0.25 watch, > 0.25 drift):");
      n.block(monitor.report());

      writeOutputs(
          n, background, entries, served, rolling, cl, h, p50, p99, p999, test.labels(), monitor);

      if (loadQps > 0) {
        try (AdServer server = AdServer.start(ads, catalogue, store, holder, monitor, 0)) {
          List<String> bodies = new ArrayList<>();
          for (var r : parts.test()) {
            bodies.add(AdServer.exampleBody(catalogue, r, 10));
          }
          n.sayf(
              "HTTP load test: POST %s/v1/ads/rank at %d requests/s for %d s (after 5 s warm-up)",
              server.uri(), loadQps, loadSeconds);
          LoadGenerator.Report rep =
              LoadGenerator.run(
                  new LoadGenerator.Settings(
                      server.uri().resolve("/v1/ads/rank"),
                      loadQps,
                      java.time.Duration.ofSeconds(5),
                      java.time.Duration.ofSeconds(loadSeconds),
                      16,
                      i -> bodies.get(i % bodies.size())));
          n.block(rep.toText());
        }
      }
      if (serve) {
        try (AdServer server = AdServer.start(ads, catalogue, store, holder, monitor, port)) {
          n.say("serving on " + server.uri() + ": POST /v1/ads/rank, GET /health, GET /metrics");
          n.say(
              "try: curl -s -XPOST "
                  + server.uri()
                  + "/v1/ads/rank -d '"
                  + AdServer.exampleBody(catalogue, parts.test().getFirst(), 5)
                  + "'");
          n.say("Ctrl-C to stop.");
          Thread.currentThread().join();
        }
      }
    }
    n.done();
    return 0;
  }

  private static ModelComparison.Entry chooseServed(
      List<ModelComparison.Entry> entries, EncodedRows validation) {
    ModelComparison.Entry best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (ModelComparison.Entry e : entries) {
      if (e.model() instanceof NeuralClickModel m && e.negativeRate() >= 1) {
        double loss =
            dev.mlsd.core.metrics.classification.LogLoss.compute(
                m.predict(validation), validation.labels());
        if (loss < bestLoss) {
          bestLoss = loss;
          best = e;
        }
      }
    }
    return best;
  }

  static float[] scoreAll(InferenceGraph graph, EncodedRows rows) {
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

  private ModelCard card(
      ModelComparison.Entry e,
      ImpressionLog log,
      TimeSplit split,
      FeaturePipeline p,
      double parity) {
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("model", e.spec().hyperParameters());
    hp.put("pipeline", p.params().toString());
    hp.put("calibration", "Platt a=" + e.calibrator().a() + " b=" + e.calibrator().b());
    hp.put("export_max_abs_diff", String.format(Locale.ROOT, "%.2e", parity));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("nce", e.metrics().nce());
    m.put("log_loss", e.metrics().logLoss());
    m.put("auc", e.metrics().auc().estimate());
    m.put("pr_auc", e.metrics().prAuc());
    m.put("ece", e.metrics().ece());
    m.put("calibrated_ece", e.metrics().calibratedEce());
    return new ModelCard(
        e.spec().name(),
        "seed" + seed,
        log.schema().dataset(),
        log.sha256(),
        split.describe(),
        seed,
        hp,
        m,
        e.trainMillis(),
        ModelCard.currentCodeVersion());
  }

  private void writeOutputs(
      StepNarrator n,
      ModelMetrics background,
      List<ModelComparison.Entry> entries,
      ModelComparison.Entry served,
      RollingOriginEvaluation.Result[] rolling,
      ContinualLearningReplay.Result cl,
      Histogram h,
      double p50,
      double p99,
      double p999,
      boolean[] testLabels,
      ServingMonitor monitor)
      throws java.io.IOException {
    List<ResultsJson.ModelResult> models = new ArrayList<>();
    models.add(new ResultsJson.ModelResult(background.name(), metricMap(background, null)));
    for (ModelComparison.Entry e : entries) {
      Map<String, Double> m = metricMap(e.metrics(), e);
      if (e == served) {
        m.put("p50_ms", p50);
        m.put("p99_ms", p99);
        m.put("p999_ms", p999);
      }
      models.add(new ResultsJson.ModelResult(e.metrics().name(), m));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("served_model", served.spec().name());
    extra.put("latency_budget_ms", BUDGET_MS);
    List<Map<String, Object>> roll = new ArrayList<>();
    for (RollingOriginEvaluation.Result r : rolling) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", r.name());
      o.put("rows", r.rows());
      o.put("nce", r.nce());
      o.put("log_loss", r.logLoss());
      o.put("auc", r.auc().estimate());
      o.put("auc_ci", List.of(r.auc().lower(), r.auc().upper()));
      if (r.aucMinusBaseline() != null) {
        o.put(
            "auc_minus_baseline_ci",
            List.of(r.aucMinusBaseline().lower(), r.aucMinusBaseline().upper()));
      }
      roll.add(o);
    }
    extra.put("rolling_origin", roll);
    extra.put(
        "continual_learning",
        Map.of(
            "fine_tuned_mean_log_loss", ContinualLearningReplay.Result.mean(cl.fineTunedLogLoss()),
            "frozen_mean_log_loss", ContinualLearningReplay.Result.mean(cl.frozenLogLoss()),
            "first_chunk_log_loss_after_first", cl.firstChunkLogLossAfterFirst(),
            "first_chunk_log_loss_at_end", cl.firstChunkLogLossAtEnd()));
    extra.put("psi", monitor.psiMap());
    Path json = out.resolve("results.json");
    ResultsJson.write(json, "ad-ctr", dataset, seed, models, extra);

    HtmlReport report = new HtmlReport("ad-ctr: ad click prediction on " + dataset);
    report.paragraph(
        "Book chapter 8. Seed "
            + seed
            + ". Figures from one run of the demo; see the module README for what is inside the"
            + " noise.");
    report.heading("Evaluation (test split)");
    report.preformatted(ModelComparison.table(background, entries));
    report.heading("Rolling origin (pooled)");
    report.preformatted(RollingOriginEvaluation.table(java.util.Arrays.asList(rolling)));
    report.heading("Calibration (test split, after Platt scaling on validation)");
    List<HtmlReport.CalibrationSeries> series = new ArrayList<>();
    for (ModelComparison.Entry e : entries) {
      ReliabilityDiagram d = ReliabilityDiagram.equalWidth(e.testPredictions(), testLabels, 10);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < d.counts().length; i++) {
        if (d.counts()[i] > 0) {
          xs.add(d.meanPredicted()[i]);
          ys.add(d.observedRate()[i]);
        }
      }
      series.add(
          new HtmlReport.CalibrationSeries(
              e.metrics().name(),
              xs.stream().mapToDouble(Double::doubleValue).toArray(),
              ys.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    report.calibrationPlot("Reliability diagram, 10 equal-width bins", series);
    report.heading("Continual learning");
    report.preformatted(cl.table());
    report.heading("Serving latency (in-process, " + h.getTotalCount() + " requests)");
    // the histogram holds nanoseconds
    double maxMs = Math.max(h.getValueAtPercentile(99.9) / 1e6, 0.01);
    int bins = 40;
    double[] edges = new double[bins + 1];
    long[] counts = new long[bins];
    for (int i = 0; i <= bins; i++) {
      edges[i] = maxMs * i / bins;
    }
    for (var v : h.recordedValues()) {
      double ms = v.getValueIteratedTo() / 1e6;
      int bin = (int) Math.min(bins - 1, ms / maxMs * bins);
      counts[bin] += v.getCountAtValueIteratedTo();
    }
    report.histogram(
        String.format(
            Locale.ROOT, "Request latency: p50 %.3f ms, p99 %.3f ms, p999 %.3f ms", p50, p99, p999),
        "milliseconds",
        edges,
        counts,
        Double.NaN);
    report.heading("Monitoring (PSI, test against train)");
    report.preformatted(monitor.report());
    Path html = out.resolve("report.html");
    report.write(html);
    n.say("wrote " + json.toAbsolutePath().normalize() + " and report.html");
  }

  private static Map<String, Double> metricMap(ModelMetrics m, ModelComparison.Entry e) {
    Map<String, Double> r = new LinkedHashMap<>();
    r.put("nce", m.nce());
    r.put("log_loss", m.logLoss());
    r.put("auc", m.auc().estimate());
    r.put("pr_auc", m.prAuc());
    r.put("ece", m.ece());
    r.put("auc_ci_low", m.auc().lower());
    r.put("auc_ci_high", m.auc().upper());
    r.put("predicted_observed", m.predictedObserved());
    r.put("calibrated_nce", m.calibratedNce());
    r.put("calibrated_ece", m.calibratedEce());
    if (e != null && e.seedAuc().length > 1) {
      r.put("seeds", (double) e.seedAuc().length);
      r.put("auc_seed_mean", ModelComparison.Entry.mean(e.seedAuc()));
      r.put("auc_seed_sd", ModelComparison.Entry.sd(e.seedAuc()));
      r.put("nce_seed_mean", ModelComparison.Entry.mean(e.seedNce()));
      r.put("nce_seed_sd", ModelComparison.Entry.sd(e.seedNce()));
    }
    return r;
  }
}
