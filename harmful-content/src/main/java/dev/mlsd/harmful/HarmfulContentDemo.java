package dev.mlsd.harmful;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.report.Report;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.harmful.HarmfulContentSystem.Retraining;
import dev.mlsd.harmful.HarmfulContentSystem.Serving;
import dev.mlsd.harmful.data.Corpus;
import dev.mlsd.harmful.data.DavidsonLoader;
import dev.mlsd.harmful.evaluation.ComparisonTable;
import dev.mlsd.harmful.evaluation.ModelMetrics;
import dev.mlsd.harmful.features.TextNormalizer;
import dev.mlsd.harmful.serving.InMemoryReviewQueue;
import dev.mlsd.harmful.serving.OnlineMetrics;
import dev.mlsd.harmful.serving.RedisReviewQueue;
import dev.mlsd.harmful.serving.ReviewQueue;
import dev.mlsd.harmful.serving.StreamReplay;
import dev.mlsd.harmful.serving.TrainingLog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The chapter-5 demo: the book's seven steps on Davidson et al.'s crowd-labelled tweets, from the
 * data to the enforcement pipeline replayed over HTTP, printed as it goes; writes {@code
 * results.json}, {@code report.html} and the served model to the output folder. {@code mvn -pl
 * harmful-content exec:java}; flags with {@code -Dexec.args="--quick"}.
 *
 * <p>Book: chapter 5, all sections.
 */
@Command(
    name = "harmful-content",
    mixinStandardHelpOptions = true,
    description = "Harmful content detection (book chapter 5), end to end, on real tweets.")
public final class HarmfulContentDemo implements Callable<Integer> {
  @Mixin DemoOptions options;

  @Option(
      names = "--review-queue",
      paramLabel = "URL",
      description = "redis://host:port for a Redis Stream review queue (default: in memory)")
  String reviewQueue;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "multi-task networks trained, seeds 42, 43, ... (default 3; --quick: 1)")
  int seeds;

  @Option(names = "--no-focal", description = "skip the extra network trained with focal loss")
  boolean noFocal;

  @Option(names = "--word-vectors", description = "add GloVe word vectors (118 MB download)")
  boolean wordVectors;

  private final PrintStream out;

  HarmfulContentDemo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new HarmfulContentDemo(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    if (!options.dataset(DavidsonLoader.DATASET).equals(DavidsonLoader.DATASET)) {
      throw new UserError("this module runs on " + DavidsonLoader.DATASET + " only");
    }
    Path outDir = options.out("harmful-content");
    Files.createDirectories(outDir);
    if (seeds < 1 || seeds > 10) {
      throw new UserError("--seeds must be from 1 to 10, got " + seeds);
    }
    SystemParams params =
        options.quick()
            ? SystemParams.quick(options.seed())
            : SystemParams.full(options.seed()).withNetworks(seeds, !noFocal);
    params = params.withWordVectors(wordVectors);
    StepNarrator n = new StepNarrator(out, "harmful-content");
    n.banner(
        "Harmful content detection (book chapter 5)",
        DavidsonLoader.DATASET + ", seed " + options.seed() + (options.quick() ? ", --quick" : ""));

    n.step(1);
    n.kv("goal", "find posts that break the policy, say which category, and act on them");
    n.kv("categories here", "hate speech, offensive language (the data's two harm labels)");
    n.kv("actions", "remove (confident), demote + human review (unsure), allow");
    n.kv("modalities", "text only here; the book fuses image, video, author and reactions too");

    n.step(2);
    n.say("Multi-task classification: one shared trunk over early-fused features, one sigmoid");
    n.say("head per harm category; loss = sum of the per-task binary cross-entropies.");

    n.step(3);
    Corpus corpus = DavidsonLoader.load();
    n.kv("read", corpus.report().summary());
    n.kv("labels", "crowd votes (3+ raters per tweet); every label here is a crowd label");
    n.kv("hate / offensive", "a strict majority of raters chose it (5.7% / 77% of posts)");
    n.kv("label weights", params.network().labelWeights() + " (vote agreement is an option)");
    n.kv("user reports", "not in the data: simulated in step 7 from the labels");

    n.step(4);
    String example = "RT @someone: Sooooo DONE with these &amp; http://t.co/x";
    n.kv("normalise", "\"" + example + "\" -> \"" + TextNormalizer.normalize(example) + "\"");
    n.kv(
        "text family",
        "word 1-2-grams + char 3-5-grams, hashed into " + params.features().buckets());
    n.kv(
        "signal families",
        "profanity, caps, mentions, length | tags, URLs, RT, syllables, grade, sentiment");
    n.kv("fusion", "early: [n-gram bag | signals] -> one model; a new family is one more class");
    n.kv("word vectors", wordVectors ? "GloVe 100-d, pooled (first use: 118 MB download)" : "off");

    n.step(5);
    n.sayf(
        "Training the baseline, the multi-task network (%d seed%s)%s ...",
        params.seeds(),
        params.seeds() == 1 ? "" : "s",
        params.focalComparison() ? " and one with focal loss" : "");
    HarmfulContentSystem sys = HarmfulContentSystem.build(params, corpus, outDir, out);
    n.kv("split", sys.split().describe());
    n.sayf(
        "posts: train %d, validation %d, test %d; %.1f n-gram ids per post",
        sys.train().size(),
        sys.parts().validation().size(),
        sys.parts().test().size(),
        sys.trainFeatures().ids().length / (double) sys.trainFeatures().size());
    n.kv(
        "served model",
        sys.card().model()
            + " "
            + sys.card().modelVersion()
            + ", trunk "
            + java.util.Arrays.toString(params.network().trunk()));
    n.kv("training time", sys.trainingMillis() / 1000 + " s, every model");
    n.kv(
        "DL4J -> InferenceGraph",
        String.format(
            java.util.Locale.ROOT, "max |difference| %.2e over the test posts", sys.parity()));
    n.kv("thresholds (validation)", sys.thresholds());

    n.step(6);
    List<ModelMetrics> rows = new ArrayList<>();
    rows.add(sys.trivial().metrics());
    rows.add(sys.baseline().metrics());
    sys.networks().forEach(e -> rows.add(e.metrics()));
    if (sys.focal() != null) {
      rows.add(sys.focal().metrics());
    }
    n.block(ComparisonTable.text(ComparisonTable.HEADER, ComparisonTable.rows(rows)));
    List<ModelMetrics> nets =
        sys.networks().stream().map(HarmfulContentSystem.Evaluated::metrics).toList();
    n.kv("seeds, hate PR-AUC", ComparisonTable.seedSpread(nets, m -> m.task(0).prAuc().estimate()));
    n.kv("seeds, macro-F1", ComparisonTable.seedSpread(nets, m -> m.macroF1().estimate()));
    n.kv("hate PR-AUC - baseline", ComparisonTable.difference(sys.hatePrAucGain()));
    n.say("The 0.77 anchor, two ways: held out (the goal) and in-sample (how the authors got it):");
    n.block(ComparisonTable.text(ComparisonTable.ANCHOR_HEADER, sys.anchorRows()));
    ComparisonTable.ANCHOR_NOTE.forEach(n::say);
    n.block(
        ComparisonTable.text(
            ComparisonTable.ENFORCEMENT_HEADER,
            ComparisonTable.enforcementRows(List.of(sys.networks().getFirst().metrics()))));

    n.step(7);
    Path logFile = outDir.resolve("training-log.jsonl");
    Files.deleteIfExists(logFile);
    StreamReplay.Result replay;
    try (ReviewQueue queue =
            reviewQueue == null
                ? new InMemoryReviewQueue()
                : new RedisReviewQueue(
                    reviewQueue, "harmful:review:" + ProcessHandle.current().pid() + ":");
        TrainingLog log = new TrainingLog(logFile);
        Serving serving = sys.serve(queue, log, sys.testGroundTruth(), options.port())) {
      n.kv("server", serving.server().uri() + " (review queue: " + queue.kind() + ")");
      StreamReplay.Settings rates = StreamReplay.Settings.defaults(options.seed());
      n.sayf(
          "replaying %d test posts; users report %.1f%% of harmful impressions, authors appeal"
              + " %.0f%% of removals",
          sys.replayPosts().size(), rates.reportRate() * 100, rates.appealRate() * 100);
      try (Progress bar = new Progress(out, "replay over HTTP", sys.replayPosts().size())) {
        replay =
            new StreamReplay(serving.server().uri(), rates, OnlineMetrics.Exposure.DEFAULT)
                .run(sys.replayPosts(), bar);
      }
      OnlineMetrics.Snapshot m = replay.finalMetrics();
      n.sayf(
          "posts %d: removed %d, demoted %d; reports %d, appeals %d, reviews %d, rejected %d",
          m.posts(),
          m.removed(),
          m.demoted(),
          replay.reports(),
          replay.appeals(),
          replay.reviews(),
          replay.rejected());
      n.sayf(
          "prevalence %.3f  harmful impressions %d of %d  proactive rate %.3f",
          m.prevalence(), m.harmfulImpressions(), m.impressions(), m.proactiveRate());
      n.sayf(
          "user reports per harmful post %.3f  valid appeal rate %.3f",
          m.userReportsPerHarmfulPost(), m.validAppealRate());
      n.sayf(
          "prediction drift PSI (test vs validation): p_hate %.4f, p_offensive %.4f",
          serving.drift().psi(0), serving.drift().psi(1));
      n.sayf(
          "POST /v1/posts over HTTP: p50 %.2f ms, p99 %.2f ms (%d requests)",
          replay.postLatency().getValueAtPercentile(50) / 1000.0,
          replay.postLatency().getValueAtPercentile(99) / 1000.0,
          replay.postLatency().getTotalCount());
      Retraining retraining = sys.retrain(logFile, out);
      n.sayf(
          "retraining round: %d reviewed posts added; on the %d test posts nobody reviewed,",
          retraining.examples(), retraining.heldOut());
      n.sayf(
          "  hate PR-AUC %.3f -> %.3f, change %s; kept epoch %d%s",
          retraining.before().task(0).prAuc().estimate(),
          retraining.after().task(0).prAuc().estimate(),
          ComparisonTable.ci(retraining.hatePrAucChange()),
          retraining.keptEpoch(),
          retraining.keptEpoch() == 0 ? " (no epoch beat the served weights)" : "");

      Report report = DemoOutputs.report(sys, rows, replay, retraining);
      n.kv("report", report.write(outDir).toAbsolutePath());
      n.kv(
          "results",
          ResultsFile.write(outDir, DemoOutputs.results(sys, rows, replay, retraining))
              .toAbsolutePath());
      n.done();
      if (options.serve()) {
        out.println("serving until Ctrl-C: " + serving.server().uri() + "/health");
        Thread.currentThread().join();
      }
    }
    return 0;
  }
}
