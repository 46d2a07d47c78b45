package dev.mlsd.recommendation;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.report.ReportIndex;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.serving.Stage;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.model.TrainingProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The chapter-6 demo: narrates the book's seven steps on MovieLens. {@link RecommendationSystem}
 * trains every model (with progress), {@link RecommendationEvaluation} measures them (baselines,
 * each candidate generator, the merged candidate set, the full pipeline; test and cold-start users;
 * the ratio to popularity), the cards and models are saved, {@link HttpWalkthrough} asks the HTTP
 * server for a sample user's recommendations, and {@link RecommendationReport} writes {@code
 * results/recommendation/results.json} and {@code report.html}, then refreshes {@code
 * results/index.html}.
 *
 * <p>Run: {@code mvn -pl recommendation exec:java} (add {@code -Dexec.args="--quick"} for a
 * one-epoch smoke run). Book: chapter 6, all sections.
 */
@Command(
    name = "recommendation",
    mixinStandardHelpOptions = true,
    description = "Video recommendation (book chapter 6) on MovieLens, end to end.")
public final class RecommendationDemo implements Callable<Integer> {
  @Mixin DemoOptions options;

  @Option(
      names = "--latency-requests",
      defaultValue = "2000",
      description = "requests timed in-process (default 2000; --quick: 500)")
  int latencyRequests;

  @Option(
      names = "--replay-events",
      defaultValue = "3000",
      description = "test-period watches replayed through HTTP (default 3000; --quick: 300)")
  int replayEvents;

  @Option(
      names = "--fallback-history",
      defaultValue = "0",
      description =
          "serve popularity to requests with at most this many history rows (default 0: off;"
              + " README section 6, cold start)")
  int fallbackHistory;

  private final PrintStream stdout;
  private StepNarrator say;

  RecommendationDemo(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Entry point; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new RecommendationDemo(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    if (options.datasetGiven() && !options.dataset("").equals(MovieLensLoader.DATASET)) {
      throw new UserError("this module runs on " + MovieLensLoader.DATASET + " only");
    }
    if (latencyRequests < 1 || replayEvents < 1) {
      throw new UserError("--latency-requests and --replay-events must be >= 1");
    }
    Path out = options.out("recommendation");
    say = new StepNarrator(stdout, "recommendation");
    say.banner(
        "Video recommendation (book chapter 6) on MovieLens",
        "WALS + two-tower retrieval, DNN scoring, re-ranking; per-user time split, full ranking");
    if (options.quick()) {
      say.say(
          "--quick: a smoke run on a small budget (RecommendationSystem.Params.quick()); its"
              + " figures are not the module's results");
    }
    requirements();
    framing();
    MovieLensData data = data();
    features();
    RecommendationSystem sys = train(data);
    RecommendationEvaluation evaluation = evaluate(sys);
    List<ModelCard> cards = cards(sys, evaluation, out);
    say.step(7);
    LatencyRecorder latency = latency(sys);
    try (JsonServer server = sys.httpServer().start(options.port())) {
      HttpWalkthrough http = HttpWalkthrough.run(sys, server.uri());
      http.lines().forEach(say::say);
      ReplayWalkthrough replay =
          ReplayWalkthrough.run(sys, options.quick() ? Math.min(300, replayEvents) : replayEvents);
      replay.lines().forEach(say::say);
      write(out, new RecommendationReport.Run(sys, evaluation, cards, latency, http, replay));
      if (options.serve()) {
        say.say("serving on " + server.uri() + " (Ctrl-C to stop)");
        Thread.currentThread().join();
      }
    }
    say.done();
    return 0;
  }

  private void requirements() {
    say.step(1);
    say.say(
        "Goal: a personalised homepage feed that maximises engagement. Book scale: billions of"
            + " users, ~10 billion videos, a page in ~200 ms; here each in-process request is held"
            + " to 1 ms (p99 goal).");
    say.say(
        "Data here: MovieLens ml-latest-small (ratings stand in for watches and likes; genres,"
            + " titles and tags for video metadata; timestamps for context).");
  }

  private void framing() {
    say.step(2);
    say.say(
        "Input: a user (history + request time). Output: k videos ranked by predicted relevance."
            + " Relevance: any rating = watched (implicit), rating >= "
            + Relevance.LIKED_THRESHOLD
            + " = liked (explicit). Models: WALS matrix factorisation, a two-tower network and"
            + " EASE for retrieval; a DNN for scoring. Interfaces: CandidateGenerator -> Filter ->"
            + " FeatureHydrator -> Ranker -> ReRanker (core serving).");
  }

  private MovieLensData data() throws Exception {
    say.step(3);
    MovieLensData data = MovieLensLoader.load();
    data.reports().forEach(r -> say.say(r.summary()));
    say.say("split: " + params().split().describe());
    return data;
  }

  private void features() {
    say.step(4);
    say.say(
        "video: genres multi-hot, release decade + year, hashed title tokens, hashed tags"
            + " (training-time tags only), learned ID embedding (inside the video tower)");
    say.say(
        "user: mean WALS embedding of watched and of liked videos, genre affinity (watched,"
            + " liked), activity counts, mean year, hour-of-day and day-of-week of the request,"
            + " the last 10 watches' embeddings with recency weights");
    say.say(
        "ranking: 23 features per (user, candidate): every generator's score and rank, EASE"
            + " scores, user and video aggregates (RankingFeatureHydrator), one pipeline for"
            + " training and serving");
  }

  private RecommendationSystem train(MovieLensData data) {
    say.step(5);
    RecommendationSystem sys = RecommendationSystem.train(data, params(), progress());
    say.say(
        "users: "
            + sys.split().interactions().userCount()
            + " ("
            + sys.split().coldCount()
            + " held out for cold start); training rows (unique user-video pairs): "
            + sys.matrix().nonZeros());
    say.say("training time per component (ms): " + sys.millis());
    return sys;
  }

  private RecommendationEvaluation evaluate(RecommendationSystem sys) {
    say.step(6);
    RecommendationEvaluation evaluation = RecommendationEvaluation.run(sys);
    say.block(evaluation.describe());
    return evaluation;
  }

  private List<ModelCard> cards(
      RecommendationSystem sys, RecommendationEvaluation evaluation, Path out) throws Exception {
    List<ModelCard> cards = sys.cards(evaluation);
    cards.forEach(c -> say.block(c.toText()));
    sys.save(out.resolve("models"), cards);
    say.say("saved models (ArtifactFile, with cards) under " + out.resolve("models"));
    return cards;
  }

  private LatencyRecorder latency(RecommendationSystem sys) {
    LatencyRecorder total =
        sys.measureLatency(options.quick() ? Math.min(500, latencyRequests) : latencyRequests);
    say.sayf(
        "in-process latency, %d requests (test users, k=10; online features + every stage),"
            + " this machine: p50 %.0f us, p95 %.0f us, p99 %.0f us, max %.0f us",
        total.count(),
        total.percentileMicros(50),
        total.percentileMicros(95),
        total.percentileMicros(99),
        total.percentileMicros(100));
    for (Stage s : Stage.values()) {
      LatencyRecorder r = sys.service().pipeline().stageLatency(s);
      if (r.count() > 0) {
        say.sayf(
            "  stage %-20s p50 %6.0f us  p99 %6.0f us",
            s, r.percentileMicros(50), r.percentileMicros(99));
      }
    }
    return total;
  }

  private void write(Path out, RecommendationReport.Run run) throws Exception {
    ModuleResults results = RecommendationReport.results(run);
    ResultsFile.write(out, results);
    RecommendationReport.report(results, run).write(out);
    ReportIndex.write(out.toAbsolutePath().getParent());
    say.say("wrote " + out.resolve(ResultsFile.NAME) + " and " + out.resolve("report.html"));
  }

  private RecommendationSystem.Params params() {
    RecommendationSystem.Params p = RecommendationSystem.Params.defaults(options.seed());
    if (fallbackHistory < 0) {
      throw new UserError("--fallback-history must be >= 0, got " + fallbackHistory);
    }
    p = p.withServing(p.serving().withFallbackHistory(fallbackHistory));
    return options.quick() ? p.quick() : p;
  }

  /** Training lines through the narrator, long phases as core progress displays. */
  private TrainingProgress progress() {
    return new TrainingProgress() {
      private Progress bar;

      @Override
      public void line(String text) {
        say.say(text);
      }

      @Override
      public LongConsumer begin(String label, long total) {
        bar = new Progress(stdout, label, Math.max(1, total));
        return bar;
      }

      @Override
      public void end() {
        if (bar != null) {
          bar.close();
        }
      }
    };
  }
}
