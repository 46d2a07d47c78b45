package dev.mlsd.harmful;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.metrics.classification.MulticlassF1;
import dev.mlsd.core.metrics.classification.PrAuc;
import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.harmful.data.Corpus;
import dev.mlsd.harmful.data.DavidsonLoader;
import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.data.StratifiedSplit;
import dev.mlsd.harmful.data.ThreeClass;
import dev.mlsd.harmful.evaluation.InSampleAnchor;
import dev.mlsd.harmful.evaluation.ThreeClassDecision;
import dev.mlsd.harmful.evaluation.WordVectorVerdict;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.features.Featurizer;
import dev.mlsd.harmful.features.PostSignals;
import dev.mlsd.harmful.features.ProfanityLexicon;
import dev.mlsd.harmful.features.TweetSignals;
import dev.mlsd.harmful.features.WordVectors;
import dev.mlsd.harmful.model.FusedLogisticRegression;
import dev.mlsd.harmful.model.HarmClassifier;
import dev.mlsd.harmful.model.HashedLogisticRegression;
import dev.mlsd.harmful.model.LossChoice;
import dev.mlsd.harmful.model.MultiTaskNetwork;
import dev.mlsd.harmful.model.MultiTaskParams;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The model studies behind the README's choices, outside the demo: {@code validation} compares
 * candidate settings on the validation split (never on test); {@code splits} repeats the
 * baseline-versus-network comparison over several seeded 80/10/10 splits, for an interval tighter
 * than one test split's 143 hate posts allow; {@code in-sample} measures the baseline the way the
 * authors' published notebook computes its report, on the posts it was trained on; {@code
 * weighting} sweeps class weights and focal loss on validation; {@code word_vectors} judges the
 * pretrained word-vector family on validation by a rule fixed in advance ({@link
 * WordVectorVerdict}).
 *
 * <p>{@code mvn -pl harmful-content exec:java -Dexec.mainClass=dev.mlsd.harmful.ModelStudy
 * -Dexec.args="--study validation"}.
 *
 * <p>Book: chapter 5, "Model development" and "Evaluation".
 */
@Command(
    name = "harmful-content-study",
    mixinStandardHelpOptions = true,
    description = "Validation study, repeated splits, or the authors' in-sample protocol.")
public final class ModelStudy implements Callable<Integer> {
  /** The studies. */
  enum Study {
    VALIDATION,
    SPLITS,
    IN_SAMPLE,
    WEIGHTING,
    WORD_VECTORS
  }

  @Option(
      names = "--study",
      required = true,
      description = "validation, splits, in_sample, weighting or word_vectors")
  String study;

  @Option(names = "--seed", defaultValue = "42", description = "first split seed (default 42)")
  long seed;

  @Option(names = "--splits", defaultValue = "5", description = "splits for --study splits")
  int splits;

  @Option(names = "--idf", description = "the network in --study splits uses IDF weighting")
  boolean idf;

  @Option(names = "--tweet-signals", description = "--study splits adds TweetSignals")
  boolean tweetSignals;

  @Option(names = "--class-head", description = "the network in --study splits has the class head")
  boolean classHead;

  @Option(
      names = "--hate-weights",
      split = ",",
      defaultValue = "1,3,6,10",
      description = "--study weighting: hate-class weights (default 1,3,6,10)")
  int[] hateWeights;

  @Option(
      names = "--gammas",
      split = ",",
      defaultValue = "0,1,2",
      description = "--study weighting: focal gammas, 0 = cross-entropy (default 0,1,2)")
  double[] gammas;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "--study word_vectors: network seeds from --seed (default 3)")
  int seeds;

  @Option(
      names = "--standardize",
      description =
          "--study word_vectors: the networks read z-scored dense columns (training statistics);"
              + " the verdict compares the standardised network with the family to the default")
  boolean standardize;

  @Option(names = "--no-lr", description = "--study weighting: skip the baseline's rows")
  boolean noLr;

  @Option(
      names = "--hate-weight",
      defaultValue = "1",
      description = "--study splits: the network's hate-class weight (default 1)")
  double hateWeight;

  @Option(
      names = "--gamma",
      defaultValue = "0",
      description = "--study splits: the network's focal gamma, 0 = cross-entropy (default 0)")
  double gamma;

  @Option(
      names = "--lr-hate-weight",
      defaultValue = "1",
      description = "--study splits: the baseline's hate-class weight (default 1)")
  int lrHateWeight;

  private final PrintStream out;

  ModelStudy(PrintStream out) {
    this.out = out;
  }

  /** Runs a study; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new ModelStudy(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    Study which;
    try {
      which = Study.valueOf(study.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "--study must be validation, splits, in_sample, weighting or word_vectors, got " + study);
    }
    Corpus corpus = DavidsonLoader.load();
    switch (which) {
      case VALIDATION -> validation(corpus);
      case SPLITS -> splits(corpus);
      case IN_SAMPLE -> inSample(corpus);
      case WEIGHTING -> weighting(corpus);
      case WORD_VECTORS -> wordVectors(corpus);
    }
    return 0;
  }

  private static Featurizer featurizer(boolean withTweetSignals) {
    List<dev.mlsd.harmful.features.DenseFeatureFamily> dense = new ArrayList<>();
    dense.add(new PostSignals(ProfanityLexicon.bundled()));
    if (withTweetSignals) {
      dense.add(TweetSignals.bundled());
    }
    return new Featurizer(FeatureParams.DEFAULT, dense);
  }

  /** One split, featurised. */
  record Data(
      EncodedPosts train,
      boolean[][] trainY,
      int[] trainClass,
      EncodedPosts validation,
      boolean[][] validationY,
      int[] validationClass,
      EncodedPosts test,
      boolean[][] testY,
      int[] testClass) {
    static Data of(StratifiedSplit.Parts parts, Featurizer f) {
      return new Data(
          f.encode(parts.train()),
          labels(parts.train()),
          classes(parts.train()),
          f.encode(parts.validation()),
          labels(parts.validation()),
          classes(parts.validation()),
          f.encode(parts.test()),
          labels(parts.test()),
          classes(parts.test()));
    }
  }

  private void validation(Corpus corpus) {
    StratifiedSplit.Parts parts = StratifiedSplit.of(seed).split(corpus.posts());
    Data base = Data.of(parts, featurizer(false));
    Data plus = Data.of(parts, featurizer(true)); // the n-gram ids are the same in both
    out.println("validation split, seed " + seed + ": " + parts.validation().size() + " posts");
    out.println("model | hate PR-AUC | macro-F1 offensive-head rule | macro-F1 harm-score rule");
    HashedLogisticRegression lr = HashedLogisticRegression.train(base.train(), base.trainY(), 100);
    report(
        "hashed n-grams + LR (lambda 100)",
        lr.predict(base.validation()),
        lr.predict(base.validation()),
        base);
    MultiTaskParams tf = MultiTaskParams.DEFAULT;
    MultiTaskParams head = tf.withClassHead(true);
    float[][] lrScores = lr.predict(plus.validation());
    for (long s = seed; s < seed + 2; s++) {
      MultiTaskNetwork net = network(plus, tf, s);
      float[][] p = net.predict(plus.validation());
      report("DNN tf + tweet signals, seed " + s, p, p, plus);
      report("mean of that DNN and the LR, seed " + s, mean(p, lrScores), mean(p, lrScores), plus);
      MultiTaskNetwork withHead = network(plus, head, s);
      report(
          "DNN + three-class head, decision from the binary heads, seed " + s,
          withHead.predict(plus.validation()),
          withHead.predict(plus.validation()),
          plus);
      report(
          "DNN + three-class head, decision from the class head, seed " + s,
          withHead.predict(plus.validation()),
          withHead.predictClasses(plus.validation()),
          plus);
    }
  }

  /**
   * The class-weighting and focal-loss grid, on the validation split only: the baseline with each
   * hate-class weight, the network with each (gamma, weight). Macro-F1 is cross-fitted ({@link
   * ThreeClassDecision#crossFittedMacroF1}), under both decision rules.
   */
  private void weighting(Corpus corpus) {
    StratifiedSplit.Parts parts = StratifiedSplit.of(seed).split(corpus.posts());
    Data d = Data.of(parts, featurizer(true));
    out.printf(
        Locale.ROOT,
        "validation split, seed %d: %d posts (%d hate); macro-F1 cross-fitted on its halves%n",
        seed,
        parts.validation().size(),
        count(d.validationY()[0]));
    out.println(
        "model | hate weight | gamma | hate PR-AUC | hate ROC-AUC | macro-F1 head rule |"
            + " macro-F1 harm-score rule | best epoch | seconds");
    if (!noLr) {
      for (int w : hateWeights) {
        long t0 = System.nanoTime();
        HashedLogisticRegression lr =
            HashedLogisticRegression.train(d.train(), d.trainY(), 100, new int[] {w, 1});
        gridRow("LR", w, 0, lr.predict(d.validation()), d, -1, t0);
      }
    }
    for (double g : gammas) {
      for (int w : hateWeights) {
        long t0 = System.nanoTime();
        MultiTaskParams p = MultiTaskParams.DEFAULT.withLoss(loss(g)).withHateClassWeight(w);
        MultiTaskNetwork net = network(d, p, seed);
        gridRow("DNN", w, g, net.predict(d.validation()), d, net.bestEpoch(), t0);
      }
    }
  }

  /**
   * The pretrained word-vector family ({@link dev.mlsd.harmful.features.PooledWordVectors}) on the
   * validation split only: the network at {@code --seeds} seeds and the LR, each without and with
   * the family, macro-F1 cross-fitted on the validation halves. The adoption rule ({@link
   * WordVectorVerdict}) was fixed before the first run and is applied by the code.
   */
  private void wordVectors(Corpus corpus) throws Exception {
    long t0 = System.nanoTime();
    WordVectors table = WordVectors.load();
    out.printf(
        Locale.ROOT,
        "word vectors: %,d words x %d dimensions, read in %.1f s%n",
        table.size(),
        table.dimensions(),
        (System.nanoTime() - t0) / 1e9);
    StratifiedSplit.Parts parts = StratifiedSplit.of(seed).split(corpus.posts());
    Data without = Data.of(parts, Featurizer.standard(FeatureParams.DEFAULT));
    Featurizer plusFeaturizer = Featurizer.withWordVectors(FeatureParams.DEFAULT, table);
    Data with = Data.of(parts, plusFeaturizer);
    int oov = plusFeaturizer.denseNames().indexOf("wv_oov_rate");
    out.printf(
        Locale.ROOT,
        "validation split, seed %d: %d posts (%d hate); mean OOV rate %.3f; macro-F1 cross-fitted"
            + " on its halves%n",
        seed,
        parts.validation().size(),
        count(without.validationY()[0]),
        meanColumn(with.validation(), oov));
    out.println(
        "model | word vectors | seed | hate PR-AUC | hate ROC-AUC | offensive PR-AUC | macro-F1"
            + " head rule | macro-F1 harm-score rule | best epoch | seconds");
    long t1 = System.nanoTime();
    HarmClassifier baseline =
        HashedLogisticRegression.train(without.train(), without.trainY(), 100);
    wvRow(
        "LR n-grams (baseline)",
        false,
        -1,
        baseline.predict(without.validation()),
        without,
        -1,
        t1);
    t1 = System.nanoTime();
    HarmClassifier lrWithout =
        FusedLogisticRegression.train(without.train(), without.trainY(), 100, 1e-5, 500);
    float[][] lrA = lrWithout.predict(without.validation());
    wvRow("LR all families", false, -1, lrA, without, -1, t1);
    t1 = System.nanoTime();
    HarmClassifier lrWith =
        FusedLogisticRegression.train(with.train(), with.trainY(), 100, 1e-5, 500);
    float[][] lrB = lrWith.predict(with.validation());
    wvRow("LR all families", true, -1, lrB, with, -1, t1);
    WordVectorVerdict verdict = new WordVectorVerdict();
    verdict.lr(measures(lrA, without), measures(lrB, with));
    int threads = SystemParams.defaultThreads();
    Data netWith = standardize ? standardized(with) : with;
    Data stdWithout = standardize ? standardized(without) : null;
    String withName = standardize ? "DNN, z-scored dense" : "DNN";
    t1 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<float[][]>> a = new ArrayList<>();
      List<Future<float[][]>> b = new ArrayList<>();
      List<Future<float[][]>> c = new ArrayList<>();
      List<MultiTaskNetwork[]> nets = new ArrayList<>();
      for (int k = 0; k < seeds; k++) {
        long s = seed + k;
        MultiTaskNetwork[] trio = new MultiTaskNetwork[3];
        nets.add(trio);
        a.add(
            pool.submit(
                () ->
                    (trio[0] = network(without, MultiTaskParams.DEFAULT, s))
                        .predict(without.validation())));
        b.add(
            pool.submit(
                () ->
                    (trio[1] = network(netWith, MultiTaskParams.DEFAULT, s))
                        .predict(netWith.validation())));
        if (standardize) {
          c.add(
              pool.submit(
                  () ->
                      (trio[2] = network(stdWithout, MultiTaskParams.DEFAULT, s))
                          .predict(stdWithout.validation())));
        }
      }
      for (int k = 0; k < seeds; k++) {
        float[][] pa = a.get(k).get();
        float[][] pb = b.get(k).get();
        wvRow("DNN", false, seed + k, pa, without, nets.get(k)[0].bestEpoch(), t1);
        if (standardize) {
          float[][] pc = c.get(k).get();
          wvRow(withName, false, seed + k, pc, stdWithout, nets.get(k)[2].bestEpoch(), t1);
        }
        wvRow(withName, true, seed + k, pb, netWith, nets.get(k)[1].bestEpoch(), t1);
        verdict.network(measures(pa, without), measures(pb, netWith));
      }
    }
    for (String line : verdict.report()) {
      out.println(line);
    }
  }

  /**
   * The same split with every dense column z-scored by the training posts' mean and standard
   * deviation (1 where a column is constant); the n-gram ids are shared, not copied.
   */
  static Data standardized(Data d) {
    EncodedPosts tr = d.train();
    int w = tr.denseWidth();
    double[] mean = new double[w];
    double[] sq = new double[w];
    for (int i = 0; i < tr.size(); i++) {
      for (int j = 0; j < w; j++) {
        double v = tr.dense()[i * w + j];
        mean[j] += v;
        sq[j] += v * v;
      }
    }
    float[] mu = new float[w];
    float[] inv = new float[w];
    for (int j = 0; j < w; j++) {
      double m = mean[j] / tr.size();
      double var = sq[j] / tr.size() - m * m;
      mu[j] = (float) m;
      inv[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
    }
    return new Data(
        zScored(tr, mu, inv),
        d.trainY(),
        d.trainClass(),
        zScored(d.validation(), mu, inv),
        d.validationY(),
        d.validationClass(),
        zScored(d.test(), mu, inv),
        d.testY(),
        d.testClass());
  }

  private static EncodedPosts zScored(EncodedPosts x, float[] mu, float[] inv) {
    int w = x.denseWidth();
    float[] z = x.dense().clone();
    for (int i = 0; i < x.size(); i++) {
      for (int j = 0; j < w; j++) {
        z[i * w + j] = (z[i * w + j] - mu[j]) * inv[j];
      }
    }
    return new EncodedPosts(x.size(), x.buckets(), w, x.offsets(), x.ids(), z, x.truncated());
  }

  /** Hate PR-AUC and cross-fitted macro-F1 (offensive-head rule) of validation scores. */
  private static double[] measures(float[][] p, Data d) {
    return new double[] {
      PrAuc.compute(p[0], d.validationY()[0]),
      ThreeClassDecision.crossFittedMacroF1(
          p, d.validationClass(), ThreeClassDecision.Rule.OFFENSIVE_HEAD)
    };
  }

  private void wvRow(String model, boolean wv, long s, float[][] p, Data d, int epoch, long t0) {
    out.printf(
        Locale.ROOT,
        "%s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %.0f%n",
        model,
        wv ? "yes" : "no",
        s < 0 ? "-" : Long.toString(s),
        PrAuc.compute(p[0], d.validationY()[0]),
        RocAuc.compute(p[0], d.validationY()[0]),
        PrAuc.compute(p[1], d.validationY()[1]),
        ThreeClassDecision.crossFittedMacroF1(
            p, d.validationClass(), ThreeClassDecision.Rule.OFFENSIVE_HEAD),
        ThreeClassDecision.crossFittedMacroF1(
            p, d.validationClass(), ThreeClassDecision.Rule.HARM_SCORE),
        epoch < 0 ? "-" : Integer.toString(epoch),
        (System.nanoTime() - t0) / 1e9);
    out.flush();
  }

  private static double meanColumn(EncodedPosts x, int column) {
    double s = 0;
    for (int i = 0; i < x.size(); i++) {
      s += x.dense()[i * x.denseWidth() + column];
    }
    return s / x.size();
  }

  /** Cross-entropy at gamma 0, else focal loss with a neutral alpha. */
  static LossChoice loss(double gamma) {
    return gamma == 0 ? LossChoice.CROSS_ENTROPY : new LossChoice(true, 0.5, gamma);
  }

  private void gridRow(String model, int w, double g, float[][] p, Data d, int epoch, long t0) {
    out.printf(
        Locale.ROOT,
        "%s | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %s | %.0f%n",
        model,
        w,
        g,
        PrAuc.compute(p[0], d.validationY()[0]),
        RocAuc.compute(p[0], d.validationY()[0]),
        ThreeClassDecision.crossFittedMacroF1(
            p, d.validationClass(), ThreeClassDecision.Rule.OFFENSIVE_HEAD),
        ThreeClassDecision.crossFittedMacroF1(
            p, d.validationClass(), ThreeClassDecision.Rule.HARM_SCORE),
        epoch < 0 ? "-" : Integer.toString(epoch),
        (System.nanoTime() - t0) / 1e9);
    out.flush();
  }

  private static int count(boolean[] y) {
    int c = 0;
    for (boolean b : y) {
      c += b ? 1 : 0;
    }
    return c;
  }

  private static float[][] mean(float[][] a, float[][] b) {
    float[][] m = new float[a.length][a[0].length];
    for (int t = 0; t < a.length; t++) {
      for (int i = 0; i < a[t].length; i++) {
        m[t][i] = (a[t][i] + b[t][i]) / 2;
      }
    }
    return m;
  }

  /**
   * One validation row: hate PR-AUC of {@code p}, macro-F1 (and per class) of the three-class
   * decision over {@code q} under both rules, thresholds fitted on the same validation posts.
   */
  private void report(String name, float[][] p, float[][] q, Data d) {
    ThreeClassDecision a = ThreeClassDecision.fit(q, d.validationClass());
    ThreeClassDecision b =
        ThreeClassDecision.fit(q, d.validationClass(), ThreeClassDecision.Rule.HARM_SCORE);
    double[] fa = MulticlassF1.perClass(a.decideAll(q), d.validationClass(), ThreeClass.COUNT);
    double[] fb = MulticlassF1.perClass(b.decideAll(q), d.validationClass(), ThreeClass.COUNT);
    out.printf(
        Locale.ROOT,
        "%s | %.3f | %.3f (%.2f/%.2f/%.2f) | %.3f (%.2f/%.2f/%.2f)%n",
        name,
        PrAuc.compute(p[0], d.validationY()[0]),
        mean(fa),
        fa[0],
        fa[1],
        fa[2],
        mean(fb),
        fb[0],
        fb[1],
        fb[2]);
    out.flush();
  }

  private void splits(Corpus corpus) {
    MultiTaskParams params =
        MultiTaskParams.DEFAULT
            .withIdfWeighting(idf)
            .withClassHead(classHead)
            .withLoss(loss(gamma))
            .withHateClassWeight(hateWeight);
    out.printf(
        Locale.ROOT,
        "%d seeded 80/10/10 splits from seed %d; network %s%s%s, %s, hate weight %s; LR hate"
            + " weight %d; test split of each%n",
        splits,
        seed,
        idf ? "tf-idf" : "tf",
        tweetSignals ? " + tweet signals" : "",
        classHead ? " + three-class head" : "",
        params.loss().describe(),
        hateWeight,
        lrHateWeight);
    out.println(
        "split | LR hate PR-AUC | DNN hate PR-AUC | DNN - LR | LR macro-F1 | DNN macro-F1"
            + (classHead ? " | DNN macro-F1, class head" : ""));
    double[] diff = new double[splits];
    double[] lrF1 = new double[splits];
    double[] netF1 = new double[splits];
    double[] headF1 = new double[splits];
    for (int k = 0; k < splits; k++) {
      long s = seed + k;
      Data d = Data.of(StratifiedSplit.of(s).split(corpus.posts()), featurizer(tweetSignals));
      HarmClassifier lr =
          HashedLogisticRegression.train(d.train(), d.trainY(), 100, new int[] {lrHateWeight, 1});
      MultiTaskNetwork net = network(d, params, s);
      double lrAuc = PrAuc.compute(lr.predict(d.test())[0], d.testY()[0]);
      double netAuc = PrAuc.compute(net.predict(d.test())[0], d.testY()[0]);
      diff[k] = netAuc - lrAuc;
      lrF1[k] = testMacroF1(lr.predict(d.validation()), lr.predict(d.test()), d);
      netF1[k] = testMacroF1(net.predict(d.validation()), net.predict(d.test()), d);
      headF1[k] =
          classHead
              ? testMacroF1(net.predictClasses(d.validation()), net.predictClasses(d.test()), d)
              : Double.NaN;
      out.printf(
          Locale.ROOT,
          "%d | %.3f | %.3f | %+.3f | %.3f | %.3f%s%n",
          s,
          lrAuc,
          netAuc,
          diff[k],
          lrF1[k],
          netF1[k],
          classHead ? String.format(Locale.ROOT, " | %.3f", headF1[k]) : "");
      out.flush();
    }
    out.println("DNN - LR hate PR-AUC over splits: " + meanInterval(diff));
    out.println("LR macro-F1 over splits: " + meanInterval(lrF1));
    out.println("DNN macro-F1 over splits: " + meanInterval(netF1));
    if (classHead) {
      out.println("DNN macro-F1 from the class head over splits: " + meanInterval(headF1));
    }
  }

  /**
   * Test macro-F1 of the three-class decision over these scores, thresholds fitted on validation.
   */
  private static double testMacroF1(float[][] validation, float[][] test, Data d) {
    ThreeClassDecision rule = ThreeClassDecision.fit(validation, d.validationClass());
    return MulticlassF1.macro(rule.decideAll(test), d.testClass(), ThreeClass.COUNT);
  }

  private void inSample(Corpus corpus) {
    InSampleAnchor a = InSampleAnchor.measure(corpus.posts(), featurizer(false), 100, 1);
    out.printf(
        Locale.ROOT,
        "in-sample (trained, thresholded and scored on all %d posts): macro-F1 %.3f, weighted F1"
            + " %.3f, F1 hate / offensive / neither %.2f / %.2f / %.2f%n",
        a.posts(),
        a.macroF1(),
        a.weightedF1(),
        a.perClassF1()[0],
        a.perClassF1()[1],
        a.perClassF1()[2]);
  }

  private MultiTaskNetwork network(Data d, MultiTaskParams p, long s) {
    return MultiTaskNetwork.train(
        d.train(),
        d.trainY(),
        null,
        d.trainClass(),
        d.validation(),
        d.validationY(),
        p,
        s,
        x -> {});
  }

  /** Mean, standard deviation and a 95% t interval of the mean (n - 1 degrees of freedom). */
  static String meanInterval(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    double[] t975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};
    double t = v.length - 1 < t975.length ? t975[v.length - 1] : 1.96;
    double half = v.length > 1 ? t * sd / Math.sqrt(v.length) : Double.NaN;
    return String.format(
        Locale.ROOT,
        "mean %+.3f, sd %.3f, 95%% t interval [%+.3f, %+.3f]",
        m,
        sd,
        m - half,
        m + half);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static boolean[][] labels(List<Post> posts) {
    boolean[][] y = new boolean[HarmTask.COUNT][];
    for (HarmTask t : HarmTask.values()) {
      y[t.ordinal()] = t.labels(posts);
    }
    return y;
  }

  private static int[] classes(List<Post> posts) {
    return posts.stream().mapToInt(Post::authorsClass).toArray();
  }
}
