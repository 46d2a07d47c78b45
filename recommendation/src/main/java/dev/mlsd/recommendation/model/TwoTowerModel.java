package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.FeaturePipeline;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The book's two-tower network, trained in DL4J. The user tower reads the user features ({@link
 * dev.mlsd.recommendation.features.UserFeatures}); the video tower reads the video content features
 * ({@link dev.mlsd.recommendation.features.VideoFeatures}) concatenated with a learned video ID
 * embedding. Both end in a linear {@code d}-wide layer; relevance is their dot product, trained as
 * binary classification (sigmoid, cross-entropy) over observed (user, video) pairs and sampled
 * negatives.
 *
 * <p>Training examples are sequential, as in YouTube's paper (Covington et al., RecSys 2016): for a
 * training row of a warm user, the user features are computed from the rows before it, at that
 * row's time, and the label is "this video was watched next". Negatives: {@code negatives} per
 * positive, drawn uniformly over the catalogue ({@link PopularityNegativeSampler} with a uniform
 * share of 1).
 *
 * <p>The head is DL4J's element-wise product followed by a one-unit sigmoid output layer, i.e.
 * {@code sigmoid(sum_j w_j u_j v_j + b)}. {@link #foldedUserTower()} folds {@code w} into the last
 * user-tower layer, so that the served score is the plain dot product {@code u' . v} (up to the
 * constant {@code b}, which does not change any ranking) and retrieval is a maximum-inner-product
 * search over the video vectors.
 *
 * <p>Thread safety: training is single-threaded; read-only afterwards.
 *
 * <p>Book: chapter 6, "Model development", two-tower neural network.
 */
public final class TwoTowerModel {
  /**
   * Hyper-parameters.
   *
   * @param hidden width of each tower's hidden layer
   * @param dimension width of the towers' outputs (the embedding)
   * @param idDimension width of the learned video ID embedding
   * @param negatives sampled negatives per positive
   * @param maxPositivesPerUser cap on a heavy user's training examples (sampled, seeded)
   * @param epochs passes over the examples
   * @param batchSize examples per step
   * @param learningRate Adam step size
   * @param seed seeds weights, sampling and shuffling
   */
  public record Params(
      int hidden,
      int dimension,
      int idDimension,
      int negatives,
      int maxPositivesPerUser,
      int epochs,
      int batchSize,
      double learningRate,
      long seed) {
    public Params {
      if (hidden < 1 || dimension < 1 || idDimension < 1 || negatives < 1 || epochs < 1) {
        throw new IllegalArgumentException("sizes, negatives and epochs must be >= 1");
      }
      if (batchSize < 2 || maxPositivesPerUser < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("bad batch size, cap or learning rate");
      }
    }

    /** The demo's defaults. */
    public static Params defaults() {
      return new Params(128, 32, 16, 4, 300, 4, 512, 2e-3, 7L);
    }
  }

  /** Share of negatives drawn uniformly (the rest in proportion to count^0.75): all of them. */
  static final double UNIFORM_NEGATIVE_SHARE = 1.0;

  /** Names of the graph's layers, for export and tests. */
  public static final String USER_HIDDEN = "userHidden";

  /** The user tower's output layer. */
  public static final String USER_OUT = "userOut";

  /** The video tower's output layer. */
  public static final String ITEM_OUT = "itemOut";

  /** The head (one unit, sigmoid). */
  public static final String HEAD = "head";

  private final Params params;
  private final ComputationGraph graph;
  private final int userWidth;
  private final int itemWidth;
  private final int items;

  private TwoTowerModel(
      Params params, ComputationGraph graph, int userWidth, int itemWidth, int items) {
    this.params = params;
    this.graph = graph;
    this.userWidth = userWidth;
    this.itemWidth = itemWidth;
    this.items = items;
  }

  /** Builds the untrained network. */
  static ComputationGraph build(Params p, int userWidth, int itemWidth, int items) {
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(p.seed())
            .updater(new Adam(p.learningRate()))
            .weightInit(WeightInit.XAVIER)
            .l2(1e-5)
            .graphBuilder()
            .addInputs("user", "item", "itemId")
            .addLayer(
                USER_HIDDEN,
                new DenseLayer.Builder()
                    .nIn(userWidth)
                    .nOut(p.hidden())
                    .activation(Activation.RELU)
                    .build(),
                "user")
            .addLayer(
                USER_OUT,
                new DenseLayer.Builder()
                    .nIn(p.hidden())
                    .nOut(p.dimension())
                    .activation(Activation.IDENTITY)
                    .build(),
                USER_HIDDEN)
            .addLayer(
                "itemIdEmbedding",
                new EmbeddingLayer.Builder()
                    .nIn(items)
                    .nOut(p.idDimension())
                    .activation(Activation.IDENTITY)
                    .hasBias(false)
                    .build(),
                "itemId")
            .addVertex("itemJoined", new MergeVertex(), "item", "itemIdEmbedding")
            .addLayer(
                "itemHidden",
                new DenseLayer.Builder()
                    .nIn(itemWidth + p.idDimension())
                    .nOut(p.hidden())
                    .activation(Activation.RELU)
                    .build(),
                "itemJoined")
            .addLayer(
                ITEM_OUT,
                new DenseLayer.Builder()
                    .nIn(p.hidden())
                    .nOut(p.dimension())
                    .activation(Activation.IDENTITY)
                    .build(),
                "itemHidden")
            .addVertex(
                "product", new ElementWiseVertex(ElementWiseVertex.Op.Product), USER_OUT, ITEM_OUT)
            .addLayer(
                HEAD,
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                    .nIn(p.dimension())
                    .nOut(1)
                    .activation(Activation.SIGMOID)
                    .build(),
                "product")
            .setOutputs(HEAD)
            .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    return g;
  }

  /**
   * Trains on the warm users' training rows.
   *
   * @param split the split
   * @param features the shared feature pipeline (user features from history, video features)
   * @param itemCounts training watch counts per item (for negative sampling)
   * @param p hyper-parameters
   * @param progress told each epoch's loss, and the examples done (one unit per example)
   * @return the trained model
   */
  public static TwoTowerModel train(
      TimeSplit split,
      FeaturePipeline features,
      int[] itemCounts,
      Params p,
      TrainingProgress progress) {
    Interactions log = split.interactions();
    int du = features.userFeatures().dimension();
    int di = features.videoFeatures().dimension();
    int items = features.videoFeatures().size();
    SplittableRandom rnd = new SplittableRandom(p.seed());

    // positives: (user vector row, item)
    int total = 0;
    for (int u = 0; u < log.userCount(); u++) {
      int n = split.trainEnd(u) - log.start(u) - 1;
      total += Math.max(0, Math.min(n, p.maxPositivesPerUser()));
    }
    float[] userX = new float[total * du];
    int[] posItem = new int[total];
    int t = 0;
    float[] row = new float[du];
    var request = new dev.mlsd.recommendation.features.UserRequest(64);
    for (int u = 0; u < log.userCount(); u++) {
      int s = log.start(u);
      int n = split.trainEnd(u) - s - 1;
      if (n <= 0) {
        continue;
      }
      int take = Math.min(n, p.maxPositivesPerUser());
      // choose `take` of the rows s+1 .. trainEnd-1 (each has at least one row before it)
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = s + 1 + i;
      }
      for (int i = 0; i < take; i++) {
        int j = i + rnd.nextInt(n - i);
        int tmp = rows[i];
        rows[i] = rows[j];
        rows[j] = tmp;
      }
      java.util.Arrays.sort(rows, 0, take);
      for (int i = 0; i < take; i++) {
        int r = rows[i];
        request.fill(log, u, s, r, log.timestamp(r));
        features.encodeUser(request, row);
        System.arraycopy(row, 0, userX, t * du, du);
        posItem[t] = log.item(r);
        t++;
      }
    }
    PopularityNegativeSampler sampler =
        new PopularityNegativeSampler(itemCounts, 0.75, UNIFORM_NEGATIVE_SHARE);

    ComputationGraph g = build(p, du, di, items);
    int per = 1 + p.negatives();
    int examples = total * per;
    int[] order = new int[examples];
    for (int i = 0; i < examples; i++) {
      order[i] = i;
    }
    float[] videoTable = features.videoFeatures().table();
    double[] epochLosses = new double[p.epochs()];
    LongConsumer done =
        progress.begin(
            "two-tower, " + p.epochs() + " epochs x " + examples, (long) p.epochs() * examples);
    for (int epoch = 1; epoch <= p.epochs(); epoch++) {
      for (int i = examples - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      double lossSum = 0;
      int batches = 0;
      for (int b0 = 0; b0 < examples; b0 += p.batchSize()) {
        int bs = Math.min(p.batchSize(), examples - b0);
        float[] ux = new float[bs * du];
        float[] ix = new float[bs * di];
        float[] ids = new float[bs];
        float[] y = new float[bs];
        for (int q = 0; q < bs; q++) {
          int e = order[b0 + q];
          int pos = e / per;
          boolean positive = e % per == 0;
          int item = positive ? posItem[pos] : sampler.sample(rnd);
          System.arraycopy(userX, pos * du, ux, q * du, du);
          System.arraycopy(videoTable, item * di, ix, q * di, di);
          ids[q] = item;
          y[q] = positive ? 1f : 0f;
        }
        INDArray[] in = {
          Nd4j.create(ux, new long[] {bs, du}, 'c'),
          Nd4j.create(ix, new long[] {bs, di}, 'c'),
          Nd4j.create(ids, new long[] {bs, 1}, 'c')
        };
        INDArray[] lab = {Nd4j.create(y, new long[] {bs, 1}, 'c')};
        g.fit(new MultiDataSet(in, lab));
        lossSum += g.score();
        batches++;
        done.accept(bs);
      }
      epochLosses[epoch - 1] = lossSum / batches;
    }
    progress.end();
    for (int epoch = 1; epoch <= p.epochs(); epoch++) {
      progress.line(
          String.format(
              java.util.Locale.ROOT,
              "two-tower epoch %d/%d: %d examples (%d positives), mean cross-entropy %.4f",
              epoch,
              p.epochs(),
              examples,
              total,
              epochLosses[epoch - 1]));
      progress.loss("two-tower", epoch, epochLosses[epoch - 1]);
    }
    return new TwoTowerModel(p, g, du, di, items);
  }

  /** The trained DL4J graph (for export and parity tests). */
  public ComputationGraph graph() {
    return graph;
  }

  /** The parameters. */
  public Params params() {
    return params;
  }

  /** The user features' width. */
  public int userWidth() {
    return userWidth;
  }

  /**
   * Batch prediction: the video tower's output for every item of the catalogue, row-major {@code
   * items x dimension}, computed by DL4J.
   */
  public float[] itemEmbeddings(float[] videoTable) {
    int d = params.dimension();
    float[] out = new float[items * d];
    int batch = 2048;
    for (int b0 = 0; b0 < items; b0 += batch) {
      int bs = Math.min(batch, items - b0);
      float[] ix = new float[bs * itemWidth];
      System.arraycopy(videoTable, b0 * itemWidth, ix, 0, bs * itemWidth);
      float[] ids = new float[bs];
      for (int q = 0; q < bs; q++) {
        ids[q] = b0 + q;
      }
      INDArray[] in = {
        Nd4j.zeros(bs, userWidth),
        Nd4j.create(ix, new long[] {bs, itemWidth}, 'c'),
        Nd4j.create(ids, new long[] {bs, 1}, 'c')
      };
      INDArray v = graph.feedForward(in, false).get(ITEM_OUT);
      float[] f = v.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
      System.arraycopy(f, 0, out, b0 * d, bs * d);
    }
    return out;
  }

  /**
   * DL4J's own user-tower output for a batch of user vectors, times the head's weights (the exact
   * twin of {@link #foldedUserTower()}, for parity tests).
   *
   * @param users row-major {@code rows x userWidth}
   * @return row-major {@code rows x dimension}
   */
  public float[] userEmbeddingsDl4j(float[] users, int rows) {
    int d = params.dimension();
    INDArray[] in = {
      Nd4j.create(users, new long[] {rows, userWidth}, 'c'),
      Nd4j.zeros(rows, itemWidth),
      Nd4j.zeros(rows, 1)
    };
    INDArray u = graph.feedForward(in, false).get(USER_OUT);
    float[] f = u.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
    float[] w = param(HEAD, "W");
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        f[r * d + j] *= w[j];
      }
    }
    return f;
  }

  /**
   * The user tower's weights with the head folded in, as plain arrays: {@code [W1 (in x hidden),
   * b1, W2' (hidden x d), b2']} where {@code W2' = W2 diag(w)} and {@code b2' = b2 * w}.
   */
  public float[][] foldedUserTower() {
    float[] w1 = param(USER_HIDDEN, "W");
    float[] b1 = param(USER_HIDDEN, "b");
    float[] w2 = param(USER_OUT, "W");
    float[] b2 = param(USER_OUT, "b");
    float[] w = param(HEAD, "W");
    int d = params.dimension();
    int h = params.hidden();
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < d; j++) {
        w2[i * d + j] *= w[j];
      }
    }
    for (int j = 0; j < d; j++) {
      b2[j] *= w[j];
    }
    return new float[][] {w1, b1, w2, b2};
  }

  private float[] param(String layer, String key) {
    INDArray a = graph.getLayer(layer).paramTable().get(key);
    return a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
  }
}
