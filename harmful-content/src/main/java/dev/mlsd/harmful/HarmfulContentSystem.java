package dev.mlsd.harmful;

import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.harmful.data.Corpus;
import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.data.StratifiedSplit;
import dev.mlsd.harmful.evaluation.ComparisonTable;
import dev.mlsd.harmful.evaluation.InSampleAnchor;
import dev.mlsd.harmful.evaluation.ModelMetrics;
import dev.mlsd.harmful.evaluation.OfflineEvaluation;
import dev.mlsd.harmful.evaluation.ThreeClassDecision;
import dev.mlsd.harmful.evaluation.ThresholdSelection;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.Featurizer;
import dev.mlsd.harmful.features.WordVectors;
import dev.mlsd.harmful.model.HarmClassifier;
import dev.mlsd.harmful.model.HashedLogisticRegression;
import dev.mlsd.harmful.model.InferenceExport;
import dev.mlsd.harmful.model.LossChoice;
import dev.mlsd.harmful.model.MultiTaskNetwork;
import dev.mlsd.harmful.model.PriorClassifier;
import dev.mlsd.harmful.serving.EnforcementPipeline;
import dev.mlsd.harmful.serving.EnforcementPolicy;
import dev.mlsd.harmful.serving.EnforcementThresholds;
import dev.mlsd.harmful.serving.HarmfulContentDetectionService;
import dev.mlsd.harmful.serving.HarmfulContentServer;
import dev.mlsd.harmful.serving.LabelledExample;
import dev.mlsd.harmful.serving.OnlineMetrics;
import dev.mlsd.harmful.serving.ReviewQueue;
import dev.mlsd.harmful.serving.TrainingLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The chapter-5 system, built once from {@link SystemParams} in the book's order: data (split),
 * features (one featuriser), models (trivial, baseline, the multi-task network over several seeds,
 * optionally focal loss), evaluation (thresholds from validation, metrics on test), and the served
 * form (the exported graph, saved as an artifact and loaded back). {@link #serve} then starts the
 * enforcement pipeline behind HTTP, and {@link #retrain} runs the retraining round on the
 * reviewers' labels.
 *
 * <p>Thread safety: build and use on one thread; the server it starts is thread-safe.
 *
 * <p>Book: chapter 5.
 */
public final class HarmfulContentSystem {
  /** A trained model's test metrics beside the model. */
  public record Evaluated(HarmClassifier model, ModelMetrics metrics, float[][] testScores) {}

  private final SystemParams params;
  private final Corpus corpus;
  private final StratifiedSplit split;
  private final StratifiedSplit.Parts parts;
  private final List<Post> train;
  private final Featurizer featurizer;
  private final EncodedPosts trainX;
  private final EncodedPosts validationX;
  private final EncodedPosts testX;
  private final boolean[][] trainY;
  private final boolean[][] validationY;
  private final boolean[][] testY;
  private final int[] testClass;
  private final Evaluated trivial;
  private final Evaluated baseline;
  private final List<Evaluated> networks = new ArrayList<>();
  private final Evaluated focal;
  private final EnforcementThresholds thresholds;
  private final InferenceGraph served;
  private final ModelCard card;
  private final double parity;
  private final ConfidenceInterval hatePrAucGain;
  private final float[][] validationScores;
  private final long trainingMillis;
  private final InSampleAnchor inSample;

  private HarmfulContentSystem(SystemParams params, Corpus corpus, Path outDir, PrintStream out)
      throws IOException {
    this.params = params;
    this.corpus = corpus;
    this.split = StratifiedSplit.of(params.seed());
    this.parts = split.split(corpus.posts());
    this.train =
        parts.train().size() <= params.trainSubsample()
            ? parts.train()
            : StratifiedSplit.of(params.seed())
                .split(parts.train())
                .train()
                .subList(0, params.trainSubsample());
    this.featurizer =
        params.wordVectors()
            ? Featurizer.withWordVectors(params.features(), WordVectors.load())
            : Featurizer.standard(params.features());
    this.trainX = featurizer.encode(train);
    this.validationX = featurizer.encode(parts.validation());
    this.testX = featurizer.encode(parts.test());
    this.trainY = labels(train);
    this.validationY = labels(parts.validation());
    this.testY = labels(parts.test());
    this.testClass = parts.test().stream().mapToInt(Post::authorsClass).toArray();
    Bootstrap bootstrap = new Bootstrap(params.bootstrapResamples(), 0.95, params.seed());

    long t0 = System.nanoTime();
    // every model trains on its own thread, seeded there: the results do not depend on the count
    HarmClassifier lr;
    List<MultiTaskNetwork> nets = new ArrayList<>();
    MultiTaskNetwork focalNet;
    int networkCount = params.seeds() + (params.focalComparison() ? 1 : 0);
    long total = (long) trainX.size() * params.network().maxEpochs() * networkCount;
    String label =
        String.format(
            java.util.Locale.ROOT,
            "baseline + %d network%s, %d thread%s",
            networkCount,
            networkCount == 1 ? "" : "s",
            params.trainingThreads(),
            params.trainingThreads() == 1 ? "" : "s");
    try (Progress bar = new Progress(out, label, total);
        ExecutorService pool = Executors.newFixedThreadPool(params.trainingThreads())) {
      List<Future<MultiTaskNetwork>> netJobs = new ArrayList<>();
      for (int k = 0; k < params.seeds(); k++) {
        long seed = params.seed() + k;
        netJobs.add(pool.submit(() -> trainNetwork(params.network().loss(), seed, bar)));
      }
      Future<MultiTaskNetwork> focalJob =
          params.focalComparison()
              ? pool.submit(() -> trainNetwork(LossChoice.FOCAL, params.seed(), bar))
              : null;
      Future<HashedLogisticRegression> lrJob =
          pool.submit(
              () ->
                  HashedLogisticRegression.train(
                      trainX,
                      trainY,
                      params.baselineLambda(),
                      new int[] {params.baselineHateWeight(), 1}));
      Future<InSampleAnchor> inSampleJob =
          params.inSampleAnchor()
              ? pool.submit(
                  () ->
                      InSampleAnchor.measure(
                          corpus.posts(),
                          featurizer,
                          params.baselineLambda(),
                          params.baselineHateWeight()))
              : null;
      for (Future<MultiTaskNetwork> j : netJobs) {
        nets.add(join(j));
      }
      focalNet = focalJob == null ? null : join(focalJob);
      lr = join(lrJob);
      this.inSample = inSampleJob == null ? null : join(inSampleJob);
    }
    this.trainingMillis = (System.nanoTime() - t0) / 1_000_000;

    // thresholds come from the served network's validation scores, never from test
    MultiTaskNetwork first = nets.getFirst();
    this.validationScores = first.predict(validationX);
    this.thresholds =
        ThresholdSelection.enforcement(validationScores, validationY, params.targets());
    this.trivial = evaluate(new PriorClassifier(trainY), bootstrap);
    this.baseline = evaluate(lr, bootstrap);
    for (MultiTaskNetwork n : nets) {
      networks.add(evaluate(n, bootstrap));
    }
    this.focal = focalNet == null ? null : evaluate(focalNet, bootstrap);

    InferenceGraph exported = InferenceExport.export(first);
    this.card = card(first);
    Path file = outDir.resolve("multi-task.graph");
    InferenceGraphFile.write(file, exported, card);
    this.served = InferenceGraphFile.read(file).graph();
    this.parity =
        InferenceExport.maxAbsDifference(
            networks.getFirst().testScores(), InferenceExport.predict(served, testX));
    this.hatePrAucGain =
        OfflineEvaluation.prAucDifference(
            networks.getFirst().testScores()[0], baseline.testScores()[0], testY[0], bootstrap);
  }

  /**
   * Builds the system: everything offline, in the book's order.
   *
   * @param outDir where the served model's artifact is written
   * @param out where training progress is printed
   */
  public static HarmfulContentSystem build(
      SystemParams params, Corpus corpus, Path outDir, PrintStream out) throws IOException {
    return new HarmfulContentSystem(params, corpus, outDir, out);
  }

  private MultiTaskNetwork trainNetwork(LossChoice loss, long seed, LongConsumer progress) {
    return MultiTaskNetwork.train(
        trainX,
        trainY,
        weights(train),
        classes(train),
        validationX,
        validationY,
        params.network().withLoss(loss),
        seed,
        progress);
  }

  private static <T> T join(Future<T> job) {
    try {
      return job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("training failed", e.getCause());
    }
  }

  private float[] weights(List<Post> posts) {
    float[] w = new float[posts.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = params.network().labelWeights().weight(posts.get(i));
    }
    return w;
  }

  private Evaluated evaluate(HarmClassifier model, Bootstrap bootstrap) {
    float[][] pv = model.predict(validationX);
    float[][] pt = model.predict(testX);
    int[] validationClass = parts.validation().stream().mapToInt(Post::authorsClass).toArray();
    String name = model.name();
    float[][] dv = pv;
    float[][] dt = pt;
    if (model instanceof MultiTaskNetwork n) {
      name = n.name() + (n.params().loss().focal() ? ", focal" : "") + " (seed " + n.seed() + ")";
      if (n.params().classHead()) {
        // the three-class decision reads the three-class head's p(hate) and p(offensive)
        dv = n.predictClasses(validationX);
        dt = n.predictClasses(testX);
      }
    }
    ThreeClassDecision decision = ThreeClassDecision.fit(dv, validationClass);
    // each model is judged at its own validation thresholds for the same precision targets
    EnforcementThresholds own = ThresholdSelection.enforcement(pv, validationY, params.targets());
    return new Evaluated(
        model,
        OfflineEvaluation.evaluate(name, pt, dt, testY, testClass, decision, own, bootstrap),
        pt);
  }

  private ModelCard card(MultiTaskNetwork n) {
    Map<String, String> hp = new LinkedHashMap<>(params.features().describe());
    hp.put("feature_families", String.join(" + ", featurizer.familyNames()));
    hp.putAll(n.params().describe());
    hp.put("best_epoch", Integer.toString(n.bestEpoch()));
    Map<String, Double> m = new LinkedHashMap<>();
    ModelMetrics mm = networks.getFirst().metrics();
    m.put("hate_pr_auc", mm.task(0).prAuc().estimate());
    m.put("offensive_pr_auc", mm.task(1).prAuc().estimate());
    m.put("macro_f1", mm.macroF1().estimate());
    return new ModelCard(
        "multi-task DNN",
        "seed-" + n.seed(),
        dev.mlsd.harmful.data.DavidsonLoader.DATASET,
        corpus.sha256(),
        split.describe(),
        n.seed(),
        hp,
        m,
        trainingMillis,
        ModelCard.currentCodeVersion());
  }

  private static int[] classes(List<Post> posts) {
    return posts.stream().mapToInt(Post::authorsClass).toArray();
  }

  private static boolean[][] labels(List<Post> posts) {
    boolean[][] y = new boolean[HarmTask.COUNT][];
    for (HarmTask t : HarmTask.values()) {
      y[t.ordinal()] = t.labels(posts);
    }
    return y;
  }

  /**
   * Starts the enforcement pipeline behind HTTP with the served graph.
   *
   * @param queue the review queue
   * @param trainingLog where reviewer decisions go
   * @param groundTruth the simulation's labels for the online metrics, or null
   * @param port 0 for any free port
   */
  public Serving serve(
      ReviewQueue queue,
      TrainingLog trainingLog,
      java.util.function.LongFunction<Boolean> groundTruth,
      int port)
      throws IOException {
    DriftMonitor drift =
        DriftMonitor.builder(10)
            .feature("p_hate", validationScores[0])
            .feature("p_offensive", validationScores[1])
            .build();
    EnforcementPipeline pipeline =
        new EnforcementPipeline(
            new HarmfulContentDetectionService(featurizer, new ModelHolder<>(served, card)),
            new EnforcementPolicy(thresholds),
            queue,
            trainingLog,
            new OnlineMetrics(groundTruth, OnlineMetrics.Exposure.DEFAULT),
            drift);
    return new Serving(pipeline, drift, HarmfulContentServer.start(pipeline, drift, port));
  }

  /** A running server with its pipeline and drift monitor. */
  public record Serving(
      EnforcementPipeline pipeline, DriftMonitor drift, HarmfulContentServer server)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  /** Whether each test post is harmful (hate or offensive by the authors' class), by post id. */
  public java.util.function.LongFunction<Boolean> testGroundTruth() {
    Map<Long, Boolean> truth = new HashMap<>();
    for (Post p : parts.test()) {
      truth.put((long) p.id(), p.authorsClass() != dev.mlsd.harmful.data.ThreeClass.NEITHER);
    }
    return truth::get;
  }

  /**
   * The retraining round's outcome, on the test posts no reviewer labelled (the labelled ones are
   * training data now).
   *
   * @param examples reviewed examples added to training
   * @param heldOut test posts left for evaluation
   * @param before the served network's metrics on them
   * @param after the retrained network's metrics on them
   * @param hatePrAucChange after minus before, hate PR-AUC, with its paired bootstrap interval
   * @param keptEpoch the warm start's epoch whose weights were kept: 0 when no epoch lowered the
   *     validation loss, so the retrained network is the served one
   */
  public record Retraining(
      int examples,
      int heldOut,
      ModelMetrics before,
      ModelMetrics after,
      ConfidenceInterval hatePrAucChange,
      int keptEpoch) {}

  /**
   * The retraining round: the served network trained further on the training set plus the training
   * log's examples, then both compared on the test posts not in the log.
   */
  public Retraining retrain(Path trainingLog, PrintStream out) throws IOException {
    TrainingLog.Contents log = TrainingLog.read(trainingLog);
    Set<Long> reviewed = new HashSet<>();
    List<Post> augmented = new ArrayList<>(train);
    int id = 1_000_000;
    for (LabelledExample e : log.examples()) {
      if (reviewed.add(e.postId())) {
        augmented.add(e.toPost(id++));
      }
    }
    List<Post> heldOut =
        parts.test().stream().filter(p -> !reviewed.contains((long) p.id())).toList();
    EncodedPosts x = featurizer.encode(augmented);
    EncodedPosts hx = featurizer.encode(heldOut);
    boolean[][] hy = labels(heldOut);
    int[] hc = heldOut.stream().mapToInt(Post::authorsClass).toArray();
    MultiTaskNetwork base = (MultiTaskNetwork) networks.getFirst().model();
    MultiTaskNetwork next;
    try (Progress bar =
        new Progress(out, "retraining round", (long) x.size() * params.retrainEpochs())) {
      next =
          base.continueTraining(
              x,
              labels(augmented),
              weights(augmented),
              classes(augmented),
              validationX,
              validationY,
              params.retrainEpochs(),
              bar);
    }
    Bootstrap b = new Bootstrap(params.bootstrapResamples(), 0.95, params.seed());
    int[] vc = parts.validation().stream().mapToInt(Post::authorsClass).toArray();
    float[][] pb = base.predict(hx);
    float[][] pa = next.predict(hx);
    ModelMetrics before =
        OfflineEvaluation.evaluate(
            "served",
            pb,
            hy,
            hc,
            ThreeClassDecision.fit(base.predict(validationX), vc),
            thresholds,
            b);
    ModelMetrics after =
        OfflineEvaluation.evaluate(
            "retrained",
            pa,
            hy,
            hc,
            ThreeClassDecision.fit(next.predict(validationX), vc),
            thresholds,
            b);
    return new Retraining(
        reviewed.size(),
        heldOut.size(),
        before,
        after,
        OfflineEvaluation.prAucDifference(pa[0], pb[0], hy[0], b),
        next.bestEpoch());
  }

  /** The parameters. */
  public SystemParams params() {
    return params;
  }

  /** The corpus. */
  public Corpus corpus() {
    return corpus;
  }

  /** The split. */
  public StratifiedSplit split() {
    return split;
  }

  /** The split's parts (train before subsampling). */
  public StratifiedSplit.Parts parts() {
    return parts;
  }

  /**
   * The test posts the online replay sends, in order: all of them, or the first few with {@code
   * --quick}.
   */
  public List<Post> replayPosts() {
    List<Post> test = parts.test();
    return test.subList(0, Math.min(test.size(), params.replayPosts()));
  }

  /** The training posts used. */
  public List<Post> train() {
    return train;
  }

  /** The featuriser. */
  public Featurizer featurizer() {
    return featurizer;
  }

  /** The featurised training posts. */
  public EncodedPosts trainFeatures() {
    return trainX;
  }

  /** Test labels {@code [task][post]}. */
  public boolean[][] testLabels() {
    return testY;
  }

  /** The trivial model. */
  public Evaluated trivial() {
    return trivial;
  }

  /** The baseline. */
  public Evaluated baseline() {
    return baseline;
  }

  /** The multi-task networks, one per seed; the first is served. */
  public List<Evaluated> networks() {
    return networks;
  }

  /** The focal-loss network, or null. */
  public Evaluated focal() {
    return focal;
  }

  /** The enforcement thresholds (served network, validation). */
  public EnforcementThresholds thresholds() {
    return thresholds;
  }

  /** The served graph, as loaded back from its artifact. */
  public InferenceGraph served() {
    return served;
  }

  /** The served model's card. */
  public ModelCard card() {
    return card;
  }

  /** Largest |DL4J - served graph| over the test scores. */
  public double parity() {
    return parity;
  }

  /** Hate PR-AUC of the served network minus the baseline's, with its paired interval. */
  public ConfidenceInterval hatePrAucGain() {
    return hatePrAucGain;
  }

  /** The baseline measured in-sample (the authors' protocol), or null when not measured. */
  public InSampleAnchor inSample() {
    return inSample;
  }

  /** The 0.77 anchor two ways, held out and in-sample ({@link ComparisonTable#anchorRows}). */
  public List<List<String>> anchorRows() {
    return ComparisonTable.anchorRows(baseline.metrics(), networks.getFirst().metrics(), inSample);
  }

  /** Wall-clock training time of every model, milliseconds. */
  public long trainingMillis() {
    return trainingMillis;
  }
}
