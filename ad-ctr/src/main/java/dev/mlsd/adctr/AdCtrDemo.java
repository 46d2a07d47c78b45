package dev.mlsd.adctr;

import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Evaluation;
import dev.mlsd.adctr.AdCtrSystem.Export;
import dev.mlsd.adctr.AdCtrSystem.Models;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.report.ReportIndex;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The chapter-8 demo: narrates the book's seven steps on a real click log. Each step asks {@link
 * AdCtrSystem} to build its part and prints what the part says about itself; the run ends with
 * {@code results/ad-ctr/results.json}, {@code report.html} and a refreshed {@code
 * results/index.html}. {@code mvn -pl ad-ctr exec:java}; flags via {@code -Dexec.args="..."}.
 *
 * <p>Book: chapter 8, all sections.
 */
@Command(
    name = "ad-ctr",
    mixinStandardHelpOptions = true,
    description = "Ad click prediction (book chapter 8), end to end, on a real click log.")
public final class AdCtrDemo implements Callable<Integer> {
  @Mixin DemoOptions options;

  @Option(names = "--feature-store", description = "redis://host:port (default: in memory)")
  String featureStore;

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
      description = "in-process requests timed in step 7 (default 3000)")
  int requests;

  @Option(
      names = "--load-qps",
      defaultValue = "0",
      description = "after the demo, load-test POST /v1/ads/rank at this rate (0 = none)")
  int loadQps;

  @Option(names = "--load-seconds", defaultValue = "20", description = "load-test seconds")
  int loadSeconds;

  private final PrintStream stdout;
  private StepNarrator n;

  AdCtrDemo(PrintStream stdout) {
    this.stdout = stdout;
  }

  /** Runs the demo; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new AdCtrDemo(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    AdCtrParams params = params();
    Path out = options.out("ad-ctr");
    n = new StepNarrator(stdout, "ad-ctr");
    n.banner(
        "Ad click prediction on social platforms (book chapter 8)",
        "dataset "
            + params.dataset()
            + ", seed "
            + params.seed()
            + ", output "
            + out.toAbsolutePath());
    requirements(params);
    framing();
    Data data = data(params);
    features(data);
    Models models = models(data);
    Evaluation evaluation = evaluation(data, models);
    Export export = export(data, models, out);
    try (FeatureStore store = store()) {
      Serving serving = serving(data, models, export, store);
      write(out, new AdCtrSystem.Run(data, models, evaluation, export, serving, measure(serving)));
      http(serving);
    }
    n.done();
    return 0;
  }

  private void requirements(AdCtrParams p) {
    n.step(1);
    n.kv("business goal", "rank ads by click probability to maximise revenue");
    n.kv("book scale", "billions of users, millions of ads, far under 1% of impressions clicked");
    n.kv("latency budget", AdCtrReport.BUDGET_MS + " ms per ad request (candidates -> ranked ads)");
    n.kv("data here", p.dataset() + ": real logged impressions with click labels, in time order");
    n.kv("stands in for", "the platform's impression log (user, ad, context, clicked or not)");
  }

  private void framing() {
    n.step(2);
    n.say("Pointwise learning to rank as binary classification: P(click | user, ad, context).");
    n.say("Input: one impression's fields; output: a calibrated click probability.");
    n.say("Loss: binary cross-entropy. Interfaces: ClickModel (offline), Ranker (serving).");
  }

  private Data data(AdCtrParams p) throws Exception {
    n.step(3);
    Data data = Data.load(p);
    data.describe().forEach(n::say);
    return data;
  }

  private void features(Data data) {
    n.step(4);
    data.describeFeatures().forEach(n::say);
  }

  private Models models(Data data) {
    n.step(5);
    Models models = Models.train(data, stdout);
    models.describe().forEach(n::say);
    return models;
  }

  private Evaluation evaluation(Data data, Models models) {
    n.step(6);
    n.block(models.describeTest(data));
    Evaluation evaluation = Evaluation.run(data, models, stdout);
    n.block(evaluation.describe(data.params()));
    return evaluation;
  }

  private Export export(Data data, Models models, Path out) throws Exception {
    Export export = Export.of(data, models, out);
    n.say("");
    n.block(export.loaded().card().toText());
    n.say(export.describe());
    return export;
  }

  private Serving serving(Data data, Models models, Export export, FeatureStore store) {
    n.step(7);
    Serving serving =
        Serving.start(
            data, store, export.servedModel(models), export.loaded().card(), export.monitor(data));
    serving.describe().forEach(n::say);
    serving.describeTop(serving.sampleRequests().getFirst()).forEach(n::say);
    return serving;
  }

  private Serving.Latency measure(Serving serving) {
    Serving.Latency latency = serving.measure(serving.params().requests());
    serving.describe(latency).forEach(n::say);
    n.say("monitoring (PSI, test against train; < 0.1 stable, 0.1-0.25 watch, > 0.25 drift):");
    n.block(serving.monitor().report());
    return latency;
  }

  private void write(Path out, AdCtrSystem.Run run) throws Exception {
    ModuleResults results = AdCtrReport.results(run);
    ResultsFile.write(out, results);
    AdCtrReport.report(results, run).write(out);
    ReportIndex.write(out.toAbsolutePath().getParent());
    n.say(
        "wrote " + out.resolve(ResultsFile.NAME).toAbsolutePath().normalize() + " and report.html");
  }

  private void http(Serving serving) throws Exception {
    if (loadQps > 0) {
      try (AdServer server = serving.http(0)) {
        n.sayf(
            "HTTP load test: POST %s/v1/ads/rank at %d requests/s for %d s (after 5 s warm-up)",
            server.uri(), loadQps, loadSeconds);
        n.block(
            serving
                .loadTest(
                    server, loadQps, Duration.ofSeconds(5), Duration.ofSeconds(loadSeconds), 16)
                .toText());
      }
    }
    if (options.serve()) {
      try (AdServer server = serving.http(options.port())) {
        n.say("serving on " + server.uri() + ": POST /v1/ads/rank, GET /health, GET /metrics");
        n.say(
            "try: curl -s -XPOST "
                + server.uri()
                + "/v1/ads/rank -d '"
                + serving.sampleBodies().getFirst()
                + "'");
        n.say("Ctrl-C to stop.");
        Thread.currentThread().join();
      }
    }
  }

  private AdCtrParams params() {
    if (!(negativeRate > 0 && negativeRate <= 1)) {
      throw new UserError("--negative-rate must be in (0, 1], got " + negativeRate);
    }
    if (seeds < 1 || requests < 1) {
      throw new UserError("--seeds and --requests must be >= 1");
    }
    AdCtrParams p =
        AdCtrParams.defaults(options.dataset(AdCtrParams.DEFAULT_DATASET), options.seed())
            .with(seeds, negativeRate, requests);
    return options.quick() ? p.quick() : p;
  }

  private FeatureStore store() {
    return featureStore == null ? new InMemoryFeatureStore() : RedisFeatureStore.open(featureStore);
  }
}
