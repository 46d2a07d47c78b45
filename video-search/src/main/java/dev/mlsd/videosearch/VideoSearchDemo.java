package dev.mlsd.videosearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.QuietStdout;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.evaluation.MetricTable;
import dev.mlsd.videosearch.features.TextNormalizer;
import dev.mlsd.videosearch.serving.SearchRequest;
import dev.mlsd.videosearch.serving.SearchService;
import dev.mlsd.videosearch.serving.VideoSearchServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The chapter-4 demo on DiDeMo, narrated in the book's seven steps: builds the {@link
 * VideoSearchSystem} once, prints what each step did, the evaluation table with intervals, the
 * paired differences that say whether fusion beats each search, example queries where each search
 * wins, and the served pipeline's latency; writes {@code results.json} and {@code report.html}.
 *
 * <p>Run: {@code mvn -pl video-search exec:java} (about three minutes of training on two cores),
 * {@code -Dexec.args="--quick"} for a smoke run in seconds, {@code --serve} to keep the server up.
 */
@Command(
    name = "video-search",
    mixinStandardHelpOptions = true,
    description = "Video search (book chapter 4) on DiDeMo: BM25, a two-tower model, fused.")
public final class VideoSearchDemo implements Callable<Integer> {
  /** Held so that the level set in {@link #main} stays (JUL keeps loggers weakly). */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  @Mixin DemoOptions options;

  private final PrintStream stdout;

  /** A demo that narrates to {@code stdout} (tests pass their own stream). */
  VideoSearchDemo(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Entry point. */
  public static void main(String[] args) {
    // ND4J's start-up banner and Lucene's vectorisation notice are not part of the story
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "error");
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    DemoLauncher.run(new VideoSearchDemo(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    long seed = options.seed();
    VideoSearchParams params =
        options.quick() ? VideoSearchParams.quick(seed) : VideoSearchParams.defaults(seed);
    Path out = options.out("video-search");
    Path data = Datasets.fromEnvironment().directory(options.dataset("didemo"));
    StepNarrator n = new StepNarrator(stdout, "video-search");
    n.banner("Video search (book chapter 4)", "DiDeMo: BM25 and a two-tower model, fused");

    n.step(1);
    n.say("A free-text query in, videos ranked by relevance out; DiDeMo's Flickr videos stand in");
    n.say("for the catalogue, their descriptions for its text.");
    n.step(2);
    n.say("Two searches fused: BM25 over the text, and a two-tower model whose query and video");
    n.say("embeddings meet in an ANN index; offline metric MRR.");

    n.step(3);
    n.say("building the system; the two-tower model's epochs as they finish:");
    VideoSearchSystem s;
    try (QuietStdout quiet = QuietStdout.dropping("Added differentiated op")) {
      s = VideoSearchSystem.build(data, out.resolve("index"), params, n::say);
    }
    var d = s.data();
    n.say(d.loaded().videos().size() + " videos, " + d.loaded().descriptions() + " descriptions");
    if (d.corpus().size() < d.loaded().videos().size()) {
      n.say("--quick: a seeded sample of " + d.corpus().size() + " videos is used");
    }
    d.loaded().reports().forEach(r -> n.say(r.summary()));
    n.say("per video, the description with the smallest annotation_id is the query; the rest");
    n.sayf(
        "is indexed. Videos split %d/%d/%d (train/validation/test); %d training pairs,",
        d.split().train().length,
        d.split().validation().length,
        d.split().test().length,
        d.pairs().size());
    n.sayf("%d validation and %d test queries.", d.validation().size(), d.test().size());

    SearchQuery example = d.test().getFirst();
    n.step(4);
    n.say(
        "normalised: \""
            + example.text()
            + "\" -> \""
            + TextNormalizer.normalize(example.text())
            + "\"");
    n.sayf(
        "BM25 on Lucene %s Porter stemming; tokens hashed into %,d buckets for the towers.",
        params.stem() ? "with" : "without", params.model().buckets());

    var l = s.learned();
    n.step(5);
    n.sayf(
        "two-tower trained %.0f s; kept epoch %d; export parity max |err| %.2e",
        l.trainingMillis() / 1000.0, l.model().bestEpoch(), l.maxParityError());

    MetricTable t = s.table();
    n.step(6);
    n.say("test queries, 95% bootstrap intervals; a system returns its top " + params.depth());
    n.block(t.format());
    n.say("fusion weight on validation: " + s.tuning().describe());
    Map<String, ConfidenceInterval> diffs = new LinkedHashMap<>();
    diffs.put(
        "fused - bm25", t.pairedDifference(VideoSearchSystem.FUSED, VideoSearchSystem.BM25, "mrr"));
    diffs.put(
        "fused - learned",
        t.pairedDifference(VideoSearchSystem.FUSED, VideoSearchSystem.LEARNED, "mrr"));
    diffs.put(
        "rrf - bm25",
        t.pairedDifference(VideoSearchSystem.FUSED_RRF, VideoSearchSystem.BM25, "mrr"));
    diffs.put(
        "stemming",
        t.pairedDifference(VideoSearchSystem.BM25, VideoSearchSystem.BM25_PLAIN, "mrr"));
    diffs.forEach((k, ci) -> n.sayf("paired MRR difference, %-16s %s", k, ci));
    List<List<String>> examples = VideoSearchResults.examples(s);
    n.say("where each search wins (rank of the relevant video: bm25 / learned / fused):");
    for (List<String> e : examples) {
      n.sayf("%-58s %4s / %4s / %4s", '"' + cut(e.get(0), 54) + '"', e.get(2), e.get(3), e.get(4));
    }

    n.step(7);
    n.sayf(
        "indexes saved under %s; HNSW recall@%d vs exact %.4f",
        out.resolve("index"), params.depth(), l.annRecall());
    Latency latency = s.servedLatency();
    n.sayf(
        "served pipeline in-process over %d queries: p50 %.2f ms, p99 %.2f ms",
        latency.requests(), latency.p50Ms(), latency.p99Ms());
    SearchRequest r = SearchRequest.of(example.text(), 5, params.model().dimension());
    Candidates top = s.served().run(r, 5);
    n.say("\"" + example.text() + "\":");
    for (int p = 0; p < top.size(); p++) {
      int id = top.id(p);
      n.sayf(
          "%d. %.3f %s%s: %s",
          p + 1,
          top.score(p),
          id == example.videoId() ? "(relevant) " : "",
          s.indexer().catalogue().name(id),
          cut(s.indexer().catalogue().text(id), 60));
    }

    ModuleResults results = VideoSearchResults.results(s, latency, diffs);
    Path json = ResultsFile.write(out, results);
    Path html = VideoSearchResults.report(s, results, diffs, examples).write(out);
    n.say("wrote " + json + " and " + html);
    if (options.serve()) {
      SearchService service =
          new SearchService(s.served(), s.indexer(), params.model().dimension());
      JsonServer server =
          VideoSearchServer.start(
              service,
              s.indexer(),
              new VideoSearchServer.Served(s.served(), s.tuning().best() + ""),
              options.port());
      n.say("serving on " + server.uri() + " (Ctrl-C ends)");
      Thread.currentThread().join();
    }
    s.close();
    n.done();
    return 0;
  }

  private static String indent(String text) {
    return "   " + text.replace("\n", "\n   ").stripTrailing() + "\n";
  }

  private static String cut(String text, int n) {
    return text.length() <= n ? text : text.substring(0, n - 3) + "...";
  }
}
