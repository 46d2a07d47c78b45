package dev.mlsd.recommendation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.demo.HtmlReport;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.demo.ResultsJson;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.serving.Stage;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.FullRanking;
import dev.mlsd.recommendation.evaluation.GenreSimilarity;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.evaluation.MetricsTable;
import dev.mlsd.recommendation.evaluation.OfflineEvaluator;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.GenreModel;
import dev.mlsd.recommendation.model.ItemScorer;
import dev.mlsd.recommendation.model.TopItems;
import dev.mlsd.recommendation.model.TrainingProgress;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.WalsScorer;
import dev.mlsd.recommendation.serving.PipelineRecommender;
import dev.mlsd.recommendation.serving.RankingDataset;
import dev.mlsd.recommendation.serving.RankingDrift;
import dev.mlsd.recommendation.serving.RecoRequest;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import dev.mlsd.recommendation.serving.RecommendationModels;
import dev.mlsd.recommendation.serving.RecommendationService;
import dev.mlsd.recommendation.serving.ServingParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chapter-6 demo: the book's seven steps, in order, on MovieLens. Trains every model with
 * progress, prints the metrics table (baselines, each candidate generator, the merged candidate
 * set, the full pipeline; test users and cold-start users separately; the ratio to popularity), the
 * model cards, a sample user's recommendations with titles over HTTP, and the serving latency
 * percentiles; writes {@code results.json} and {@code report.html}.
 *
 * <p>Run: {@code mvn -pl recommendation exec:java} (add {@code -Dexec.args="--quick"} for a
 * one-epoch smoke run).
 */
@Command(
    name = "recommendation-demo",
    mixinStandardHelpOptions = true,
    description = "Video recommendation (book chapter 6) on MovieLens, end to end.")
public final class RecommendationDemo implements Callable<Integer> {
  @Option(
      names = "--out",
      description = "folder for results.json, report.html and the model files",
      defaultValue = "target/recommendation-demo")
  Path out;

  @Option(names = "--quick", description = "one epoch per network (smoke run; weaker numbers)")
  boolean quick;

  @Option(
      names = "--latency-requests",
      description = "requests timed in-process",
      defaultValue = "2000")
  int latencyRequests;

  @Option(names = "--serve", description = "keep the HTTP server running after the demo")
  boolean serve;

  @Option(names = "--port", description = "HTTP port with --serve (0 = any)", defaultValue = "0")
  int port;

  private final Map<String, Object> results = new LinkedHashMap<>();
  private final HtmlReport html =
      new HtmlReport("Video recommendation (book chapter 6) on MovieLens");
  private final StepNarrator say = new StepNarrator(System.out, "recommendation");
  private final List<ResultsJson.ModelResult> modelResults = new ArrayList<>();
  private final List<MetricRow> testRows = new ArrayList<>();

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RecommendationDemo()).execute(args));
  }

  /** Training progress as core progress bars between the narrator's lines. */
  private TrainingProgress progress() {
    Progress[] bar = new Progress[1];
    return new TrainingProgress() {
      @Override
      public void line(String text) {
        say.say(text);
      }

      @Override
      public java.util.function.LongConsumer begin(String label, long total) {
        bar[0] = new Progress(say.out(), label, Math.max(1, total));
        return bar[0];
      }

      @Override
      public void end() {
        if (bar[0] != null) {
          bar[0].close();
        }
      }
    };
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(out);
    say.banner(
        "Video recommendation (book chapter 6) on MovieLens",
        "WALS + two-tower retrieval, DNN scoring, re-ranking; per-user time split, full ranking");

    say.step(1);
    say.say(
        "Goal: a personalised homepage feed that maximises engagement. Book scale: billions of"
            + " users, ~10 billion videos, a page in ~200 ms; here each in-process request is held"
            + " to 1 ms (p99 goal).");
    say.say(
        "Data here: MovieLens ml-latest-small (ratings stand in for watches and likes; genres,"
            + " titles and tags for video metadata; timestamps for context).");

    say.step(2);
    say.say(
        "Input: a user (history + request time). Output: k videos ranked by predicted relevance."
            + " Relevance: any rating = watched (implicit), rating >= "
            + Relevance.LIKED_THRESHOLD
            + " = liked (explicit). Models: WALS matrix factorisation and a two-tower network"
            + " for retrieval; a DNN for scoring. Interfaces: CandidateGenerator -> Filter ->"
            + " FeatureHydrator -> Ranker -> ReRanker (core serving).");

    say.step(3);
    MovieLensData data = MovieLensLoader.load();
    data.reports().forEach(r -> say.say(r.summary()));
    RecommendationSystem.Params params =
        quick
            ? RecommendationSystem.Params.defaults().quick()
            : RecommendationSystem.Params.defaults();
    say.say("split: " + params.split().describe());

    say.step(4);
    say.say(
        "video: genres multi-hot, release decade + year, hashed title tokens, hashed tags"
            + " (training-time tags only), learned ID embedding (inside the video tower)");
    say.say(
        "user: mean WALS embedding of watched and of liked videos, genre affinity (watched,"
            + " liked), activity counts, mean year, hour-of-day and day-of-week of the request");
    say.say(
        "ranking: 13 features per (user, candidate) (RankingFeatureHydrator), one pipeline"
            + " for training and serving");

    say.step(5);
    RecommendationSystem sys = RecommendationSystem.train(data, params, line -> say.say(line));
    TimeSplit split = sys.split();
    RecommendationService service = sys.service();
    RecommendationModels models = service.models();
    Catalog catalog = data.catalog();
    say.say(
        "users: "
            + split.interactions().userCount()
            + " ("
            + split.coldCount()
            + " held out for cold start); training rows (unique user-video pairs): "
            + sys.matrix().nonZeros());
    say.say("training time per component (ms): " + sys.millis());

    say.step(6);
    Map<String, Object> eval = evaluate(sys, catalog);
    results.put("evaluation", eval);

    List<ModelCard> cards = cards(sys, eval);
    for (ModelCard c : cards) {
      say.block(c.toText());
    }
    saveModels(sys, cards);

    say.step(7);
    serving(sys, catalog);

    results.put("chapter", 6);
    results.put("datasetSha256", data.ratingsSha256());
    results.put("split", params.split().describe());
    results.put("protocol", MetricsTable.PROTOCOL);
    results.put("trainingMillis", sys.millis());
    results.put("modelCards", cards.stream().map(c -> (Object) c).toList());
    results.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
    results.put("demoSeconds", (System.nanoTime() - start) / 1e9);
    ResultsJson.write(
        out.resolve("results.json"),
        "recommendation",
        MovieLensLoader.DATASET,
        params.split().seed(),
        modelResults,
        results);
    html.write(out.resolve("report.html"));
    say.say("wrote " + out.resolve("results.json") + " and " + out.resolve("report.html"));
    say.done();
    return 0;
  }

  private Map<String, Object> evaluate(RecommendationSystem sys, Catalog catalog) {
    int n = catalog.size();
    RecommendationModels m = sys.service().models();
    OfflineEvaluator ev =
        new OfflineEvaluator(new GenreSimilarity(catalog), n, Bootstrap.of(2026L));
    Map<String, Object> out = new LinkedHashMap<>();
    ServingParams sp = sys.params().serving();
    RecommendationService noReRank =
        new RecommendationService(
            m,
            new ServingParams(
                sp.towerCandidates(),
                sp.walsCandidates(),
                sp.knnCandidates(),
                sp.popularCandidates(),
                sp.trendingCandidates(),
                sp.genreCandidates(),
                sp.ef(),
                0f,
                sp.freshnessHorizonYears(),
                1000,
                1.0,
                sp.mmrWindow()));
    for (EvaluationSet.Part part :
        new EvaluationSet.Part[] {EvaluationSet.Part.TEST, EvaluationSet.Part.COLD_START}) {
      EvaluationSet set = new EvaluationSet(sys.split(), part);
      String label = part == EvaluationSet.Part.TEST ? "test users" : "cold-start users";
      say.say(
          ""
              + label
              + ": "
              + set.size()
              + " users evaluated ("
              + set.skipped()
              + " without a liked held-out video left out)");
      List<MetricRow> rows = new ArrayList<>();
      ItemScorer[] baselines = {m.popularity(), m.trending(), m.itemKnn()};
      for (ItemScorer s : baselines) {
        rows.add(ev.evaluate(new FullRanking(s, "baseline: " + s.name(), n, 200), set, true));
      }
      ItemScorer[] generators = {
        m.tower().copyForThread(), new WalsScorer(m.wals()), new GenreModel(catalog, m.popularity())
      };
      for (ItemScorer s : generators) {
        rows.add(ev.evaluate(new FullRanking(s, "generator: " + s.name(), n, 200), set, true));
      }
      rows.add(
          ev.evaluate(new PipelineRecommender(noReRank, "pipeline, no re-ranking"), set, false));
      MetricRow full =
          ev.evaluate(new PipelineRecommender(sys.service(), "full pipeline"), set, false);
      rows.add(full);
      String caption =
          label
              + " ("
              + set.size()
              + "); protocol: "
              + MetricsTable.PROTOCOL
              + ". Generators ranked alone, exact scoring; R@200 = each generator's recall@200.";
      say.say("protocol: " + MetricsTable.PROTOCOL);
      say.block(MetricsTable.text(rows));
      html.heading("Step 6: " + label).paragraph(caption).table(MetricsTable.rows(rows));

      RankingDataset merged = RankingDataset.build(sys.service(), set, 0.0, 1L);
      say.sayf(
          "merged candidate set (6 generators, de-duplicated, watched removed): mean %.0f"
              + " videos, recall %.4f",
          merged.meanCandidates(), merged.mergedRecall());
      MetricRow pop = rows.get(0);
      Bootstrap b = Bootstrap.of(7L);
      ConfidenceInterval diff = b.pairedMeanDifference(full.perQueryNdcg10(), pop.perQueryNdcg10());
      double ndcgRatio = full.ndcg10() / pop.ndcg10();
      double recallRatio = full.recall10() / pop.recall10();
      say.sayf(
          "full pipeline vs popularity: nDCG@10 x%.2f, recall@10 x%.2f (goal x1.5);"
              + " nDCG@10 difference %+.4f, 95%% paired bootstrap [%+.4f, %+.4f]%s",
          ndcgRatio,
          recallRatio,
          diff.estimate(),
          diff.lower(),
          diff.upper(),
          diff.contains(0) ? " (inside the noise)" : " (outside the noise)");
      html.paragraph(
          String.format(
              Locale.ROOT,
              "<p>Merged candidate set: mean %.0f videos, recall %.4f. Full pipeline vs"
                  + " popularity: nDCG@10 x%.2f, recall@10 x%.2f (goal x1.5); nDCG@10 difference"
                  + " %+.4f, 95%% paired bootstrap [%+.4f, %+.4f].</p>",
              merged.meanCandidates(),
              merged.mergedRecall(),
              ndcgRatio,
              recallRatio,
              diff.estimate(),
              diff.lower(),
              diff.upper()));
      Map<String, Object> partOut = new LinkedHashMap<>();
      partOut.put("users", set.size());
      partOut.put("rows", rows.stream().map(RecommendationDemo::rowJson).toList());
      partOut.put("mergedCandidates", merged.meanCandidates());
      partOut.put("mergedRecall", merged.mergedRecall());
      partOut.put("ndcg10RatioToPopularity", ndcgRatio);
      partOut.put("recall10RatioToPopularity", recallRatio);
      partOut.put(
          "ndcg10DifferenceToPopularity",
          Map.of("estimate", diff.estimate(), "lower", diff.lower(), "upper", diff.upper()));
      out.put(part == EvaluationSet.Part.TEST ? "test" : "coldStart", partOut);
      if (part == EvaluationSet.Part.TEST) {
        for (MetricRow r : rows) {
          testRows.add(r);
        }
      }
      if (part == EvaluationSet.Part.TEST) {
        double annRecall = annRecall(m, set, sys.params().serving().ef());
        say.sayf(
            "two-tower HNSW vs exact search: recall@200 %.4f (ef=%d)",
            annRecall, sys.params().serving().ef());
        out.put("towerAnnRecall200", annRecall);
      }
    }
    return out;
  }

  /** The share of the exact two-tower top 200 (watched removed) that HNSW returns. */
  private static double annRecall(RecommendationModels m, EvaluationSet set, int ef) {
    TwoTowerScorer tower = m.tower().copyForThread();
    int n = m.catalog().size();
    float[] scores = new float[n];
    boolean[] seen = new boolean[n];
    TopItems top = new TopItems(200);
    int[] exact = new int[200];
    TopKCollector c = new TopKCollector(200);
    VectorIndex.Searcher s = m.towerIndex().newSearcher();
    UserRequest req = new UserRequest(256);
    double sum = 0;
    for (int q = 0; q < set.size(); q++) {
      set.request(q, req);
      // MIPS-augmented query: the index's vectors carry one more component
      float[] u = java.util.Arrays.copyOf(tower.userVector(req), tower.dimension() + 1);
      tower.scoreAll(req, scores);
      for (int h = 0; h < req.length; h++) {
        seen[req.items[h]] = true;
      }
      int got = top.select(scores, seen, 200, exact);
      c.reset();
      s.search(u, new SearchParams(ef), id -> !seen[id], c);
      int[] approx = c.ids();
      java.util.Arrays.sort(approx);
      int hits = 0;
      for (int i = 0; i < got; i++) {
        hits += java.util.Arrays.binarySearch(approx, exact[i]) >= 0 ? 1 : 0;
      }
      sum += (double) hits / Math.max(1, got);
      for (int h = 0; h < req.length; h++) {
        seen[req.items[h]] = false;
      }
    }
    return sum / Math.max(1, set.size());
  }

  private static Map<String, Object> rowJson(MetricRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.name());
    m.put("users", r.queries());
    m.put("precision@10", r.precision10());
    m.put("recall@10", r.recall10());
    m.put("map@10", r.map10());
    m.put("ndcg@10", r.ndcg10());
    m.put("ndcg@10_ci95", List.of(r.ndcg10Interval().lower(), r.ndcg10Interval().upper()));
    m.put("precision@50", r.precision50());
    m.put("recall@50", r.recall50());
    m.put("map@50", r.map50());
    m.put("ndcg@50", r.ndcg50());
    m.put("recall@200", Double.isNaN(r.recall200()) ? null : r.recall200());
    m.put("diversity@10", r.diversity10());
    m.put("coverage@10", r.coverage10());
    return m;
  }

  private List<ModelCard> cards(RecommendationSystem sys, Map<String, Object> eval) {
    String sha = sys.data().ratingsSha256();
    String split = sys.params().split().describe();
    String code = ModelCard.currentCodeVersion();
    var w = sys.params().wals();
    var t = sys.params().tower();
    var r = sys.params().ranker();
    Map<String, Double> testMetrics = new LinkedHashMap<>();
    Map<String, Double> towerMetrics = new LinkedHashMap<>();
    Map<String, Double> walsMetrics = new LinkedHashMap<>();
    walsMetrics.put("objective", sys.wals().objective(sys.matrix()));
    @SuppressWarnings("unchecked")
    Map<String, Object> test = (Map<String, Object>) eval.get("test");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) test.get("rows");
    for (Map<String, Object> row : rows) {
      Map<String, Double> into =
          switch ((String) row.get("model")) {
            case "full pipeline" -> testMetrics;
            case "generator: two-tower" -> towerMetrics;
            case "generator: WALS" -> walsMetrics;
            default -> null;
          };
      if (into != null) {
        into.put("test ndcg@10", (Double) row.get("ndcg@10"));
        into.put("test recall@10", (Double) row.get("recall@10"));
        if (row.get("recall@200") instanceof Double r200) {
          into.put("test recall@200", r200);
        }
      }
    }
    List<ModelCard> cards = new ArrayList<>();
    cards.add(
        new ModelCard(
            "WALS",
            "1",
            MovieLensLoader.DATASET,
            sha,
            split,
            w.seed(),
            Map.of(
                "factors", "" + w.factors(),
                "lambda", "" + w.lambda(),
                "unobservedWeight", "" + w.unobservedWeight(),
                "iterations", "" + w.iterations()),
            walsMetrics,
            sys.millis().get("wals"),
            code));
    cards.add(
        new ModelCard(
            "two-tower",
            "1",
            MovieLensLoader.DATASET,
            sha,
            split,
            t.seed(),
            Map.of(
                "hidden", "" + t.hidden(),
                "dimension", "" + t.dimension(),
                "idDimension", "" + t.idDimension(),
                "negatives", t.negatives() + " uniform per positive",
                "epochs", "" + t.epochs(),
                "batchSize", "" + t.batchSize(),
                "learningRate", "" + t.learningRate()),
            towerMetrics,
            sys.millis().get("two-tower"),
            code));
    cards.add(
        new ModelCard(
            "ranker-dnn",
            "1",
            MovieLensLoader.DATASET,
            sha,
            split + "; trained on the validation period's merged candidates",
            r.seed(),
            Map.of(
                "hidden", r.hidden1() + "," + r.hidden2(),
                "epochs", "" + r.epochs(),
                "batchSize", "" + r.batchSize(),
                "learningRate", "" + r.learningRate(),
                "negativeKeep", "" + sys.params().negativeKeep(),
                "shortHistoryCopies", "" + sys.params().shortHistory()),
            testMetrics,
            sys.millis().get("ranker"),
            code));
    return cards;
  }

  private void saveModels(RecommendationSystem sys, List<ModelCard> cards) throws Exception {
    Path dir = out.resolve("models");
    Files.createDirectories(dir);
    InferenceGraphFile.write(
        dir.resolve("user-tower.mlsd"),
        TwoTowerScorer.exportUserTower(sys.towerModel()),
        cards.get(1));
    InferenceGraphFile.write(dir.resolve("ranker.mlsd"), sys.ranker().exported(), cards.get(2));
    sys.service().models().towerIndex().save(dir.resolve("video-tower-hnsw.mlsd"));
    sys.service().models().walsIndex().save(dir.resolve("wals-hnsw.mlsd"));
    say.say("saved models (ArtifactFile, with cards) under " + dir);
  }

  private void serving(RecommendationSystem sys, Catalog catalog) throws Exception {
    RecommendationService service = sys.service();
    // in-process latency over the test users' requests
    EvaluationSet test = new EvaluationSet(sys.split(), EvaluationSet.Part.TEST);
    RecoRequest q = service.newRequest();
    UserRequest tmp = new UserRequest(256);
    int[] buf = new int[10];
    LatencyRecorder total = new LatencyRecorder("request");
    for (int i = 0; i < latencyRequests + 200; i++) {
      test.request(i % test.size(), tmp);
      q.user.copyFrom(tmp);
      long t0 = System.nanoTime();
      service.recommend(q, 10, buf);
      if (i >= 200) {
        total.recordNanos(System.nanoTime() - t0);
      }
    }
    Map<String, Object> lat = new LinkedHashMap<>();
    say.sayf(
        "in-process latency, %d requests (test users, k=10; online features + 3 stages),"
            + " this machine: p50 %.0f us, p95 %.0f us, p99 %.0f us, max %.0f us",
        total.count(),
        total.percentileMicros(50),
        total.percentileMicros(95),
        total.percentileMicros(99),
        total.percentileMicros(100));
    lat.put("requests", total.count());
    lat.put("p50_us", total.percentileMicros(50));
    lat.put("p95_us", total.percentileMicros(95));
    lat.put("p99_us", total.percentileMicros(99));
    for (Stage s : Stage.values()) {
      LatencyRecorder r = service.pipeline().stageLatency(s);
      if (r.count() > 0) {
        say.sayf(
            "  stage %-20s p50 %6.0f us  p99 %6.0f us",
            s, r.percentileMicros(50), r.percentileMicros(99));
        lat.put("stage_" + s + "_p99_us", r.percentileMicros(99));
      }
    }
    results.put("latency", lat);
    for (MetricRow r : testRows) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : rowJson(r).entrySet()) {
        if (e.getValue() instanceof Double d) {
          metrics.put(e.getKey(), d);
        }
      }
      if (r.name().equals("full pipeline")) {
        metrics.put("p50_ms", total.percentileMicros(50) / 1000);
        metrics.put("p99_ms", total.percentileMicros(99) / 1000);
        metrics.put("p999_ms", total.percentileMicros(99.9) / 1000);
      }
      modelResults.add(new ResultsJson.ModelResult(r.name(), metrics));
    }
    html.paragraph(
        String.format(
            Locale.ROOT,
            "<h2>Step 7: serving</h2><p>In-process latency over %d requests (this 2-core"
                + " machine, shared): p50 %.0f us, p95 %.0f us, p99 %.0f us.</p>",
            total.count(),
            total.percentileMicros(50),
            total.percentileMicros(95),
            total.percentileMicros(99)));

    RecommendationHttpServer http =
        new RecommendationHttpServer(service, sys.split())
            .monitorDrift(RankingDrift.fromTraining(sys.rankingData(), sys.ranker().exported()));
    try (JsonServer server = http.start(serve ? port : 0)) {
      HttpClient client = HttpClient.newHttpClient();
      int sampleUser = sampleUser(sys.split());
      String get = "/v1/users/" + sampleUser + "/recommendations?k=10";
      HttpResponse<String> r = send(client, server.uri(), get, null);
      say.say("GET " + get + " -> " + r.statusCode());
      printHistory(sys, sampleUser, catalog);
      @SuppressWarnings("unchecked")
      Map<String, Object> body = new ObjectMapper().readValue(r.body(), Map.class);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
      say.say("recommended:");
      List<List<String>> sample = new ArrayList<>();
      sample.add(List.of("rank", "title", "genres"));
      for (Map<String, Object> it : items) {
        say.sayf("  %-60s %s", it.get("title"), it.get("genres"));
        sample.add(
            List.of(
                String.valueOf(sample.size()),
                String.valueOf(it.get("title")),
                String.valueOf(it.get("genres"))));
      }
      html.heading("Step 7: sample user " + sampleUser).table(sample);
      results.put("sampleUser", body);
      String anon =
          "{\"history\": [{\"movieId\": 1, \"rating\": 5.0}, {\"movieId\": 2355, \"rating\":"
              + " 4.5}, {\"movieId\": 4886, \"rating\": 4.0}], \"timestamp\": 1537800000,"
              + " \"k\": 5}";
      HttpResponse<String> a = send(client, server.uri(), "/v1/recommendations", anon);
      say.say(
          "POST /v1/recommendations (anonymous: Toy Story, A Bug's Life,"
              + " Monsters Inc.) -> "
              + a.statusCode());
      if (a.statusCode() != 200) {
        throw new IllegalStateException("the anonymous request failed: " + a.body());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> abody = new ObjectMapper().readValue(a.body(), Map.class);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> aitems = (List<Map<String, Object>>) abody.get("items");
      for (Map<String, Object> it : aitems) {
        say.sayf("  %-60s %s", it.get("title"), it.get("genres"));
      }
      results.put("anonymousSample", abody);
      for (String bad :
          new String[] {
            "/v1/users/999999/recommendations?k=10",
            "/v1/users/1/recommendations?k=0",
            "/v1/users/abc/recommendations"
          }) {
        HttpResponse<String> e = send(client, server.uri(), bad, null);
        say.say("GET " + bad + " -> " + e.statusCode() + " " + e.body());
      }
      HttpResponse<String> h = send(client, server.uri(), "/health", null);
      say.say("GET /health -> " + h.statusCode() + " " + h.body());
      if (serve) {
        say.say("serving on " + server.uri() + " (Ctrl-C to stop)");
        Thread.currentThread().join();
      }
    }
  }

  private static int sampleUser(TimeSplit split) {
    var log = split.interactions();
    for (int u = 0; u < log.userCount(); u++) {
      int n = log.end(u) - log.start(u);
      if (!split.isCold(u) && n >= 40 && n <= 80) {
        return log.userId(u);
      }
    }
    return log.userId(0);
  }

  private void printHistory(RecommendationSystem sys, int userId, Catalog catalog) {
    var log = sys.split().interactions();
    int u = log.userOf(userId);
    say.say("user " + userId + " has " + (log.end(u) - log.start(u)) + " ratings; the last five:");
    for (int r = Math.max(log.start(u), log.end(u) - 5); r < log.end(u); r++) {
      say.sayf(
          "  %.1f stars  %-52s %s",
          log.rating(r), catalog.title(log.item(r)), catalog.genresText(log.item(r)));
    }
  }

  private static HttpResponse<String> send(HttpClient c, URI base, String path, String json)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (json != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
