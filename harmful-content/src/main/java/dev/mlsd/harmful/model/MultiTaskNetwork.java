package dev.mlsd.harmful.model;

import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.data.ThreeClass;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.InverseDocumentFrequency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The book's model: one multi-task network with a shared trunk over the early-fused features and
 * one sigmoid head per harm category.
 *
 * <pre>
 *   ngram ids ─ EmbeddingBag (mean of the ids' rows = tf . W_ngrams) ─┐
 *                                                                    ├─ add ─ trunk0 (ReLU) ─ trunk1 (ReLU) ─┬─ hate (sigmoid)
 *   signals [dense families] ─ signals_in (W_signals . x + b) ───────┘                                      └─ offensive (sigmoid)
 * </pre>
 *
 * trunk0 is one dense layer over {@code [term frequencies | signals]}; its n-gram rows live in an
 * {@link EmbeddingBag} trained sparsely outside DL4J, and everything from {@code signals_in} on is
 * a DL4J {@link ComputationGraph} whose input {@code "bag"} receives the bag's output. The loss is
 * the sum of the per-task losses (binary cross-entropy, or {@link FocalLoss}); each example may
 * carry a weight (label masks). Trained with Adam on shuffled mini-batches (the bag by the same
 * Adam, from the gradient DL4J's backward pass leaves at the addition); after each epoch the
 * validation loss (summed per-task cross-entropy) is measured and the best epoch's weights, bag
 * included, are kept (early stopping with patience).
 *
 * <p>Serving does not run DL4J: {@link InferenceExport} turns the network into core's {@link
 * dev.mlsd.core.inference.InferenceGraph}, the bag becoming its embedding layer with mean pooling.
 *
 * <p>Thread safety: {@link #predict} from one thread at a time.
 *
 * <p>Book: chapter 5, "Model development: multi-task neural network" and "Training".
 */
public final class MultiTaskNetwork implements HarmClassifier {
  /** Vertex names of the heads, in {@link HarmTask} order. */
  static final String[] HEADS = {"hate", "offensive"};

  /** Vertex name of the optional three-class head ({@link MultiTaskParams#classHead()}). */
  static final String CLASS_HEAD = "three_class";

  /** Name of the graph input that receives the {@link EmbeddingBag}'s output. */
  static final String BAG = "bag";

  private final EmbeddingBag bag;
  private final ComputationGraph graph;
  private final MultiTaskParams params;
  private final int denseWidth;
  private final long seed;
  private final List<double[]> lossPerEpoch;
  private final int bestEpoch;

  private MultiTaskNetwork(
      EmbeddingBag bag,
      ComputationGraph graph,
      MultiTaskParams params,
      int denseWidth,
      long seed,
      List<double[]> lossPerEpoch,
      int bestEpoch) {
    this.bag = bag;
    this.graph = graph;
    this.params = params;
    this.denseWidth = denseWidth;
    this.seed = seed;
    this.lossPerEpoch = List.copyOf(lossPerEpoch);
    this.bestEpoch = bestEpoch;
  }

  /**
   * Trains the network.
   *
   * @param train the training posts
   * @param trainLabels {@code [task][post]} labels of the training posts
   * @param trainWeights one weight per training post (1 for uniform)
   * @param trainClasses the authors' class of each training post, for the three-class head; null
   *     when {@code params.classHead()} is false
   * @param validation the validation posts (early stopping)
   * @param validationLabels {@code [task][post]} labels of the validation posts
   * @param params the training parameters
   * @param seed initialisation and shuffling seed
   * @param progress receives the number of examples trained, batch by batch
   */
  public static MultiTaskNetwork train(
      EncodedPosts train,
      boolean[][] trainLabels,
      float[] trainWeights,
      int[] trainClasses,
      EncodedPosts validation,
      boolean[][] validationLabels,
      MultiTaskParams params,
      long seed,
      LongConsumer progress) {
    if (params.classHead() && (trainClasses == null || trainClasses.length != train.size())) {
      throw new IllegalArgumentException("the three-class head needs one class per training post");
    }
    Nd4j.getRandom().setSeed(seed);
    int buckets = train.buckets();
    int denseWidth = train.denseWidth();
    int width = params.trunk()[0];
    ComputationGraph graph = new ComputationGraph(configuration(denseWidth, params, seed));
    graph.init();
    for (int t = 0; t < HEADS.length; t++) {
      // start each head at its task's prior instead of 1/2
      double prior = Math.clamp(mean(trainLabels[t]), 0.01, 0.99);
      graph.getParam(HEADS[t] + "_b").assign(Math.log(prior / (1 - prior)));
    }
    // Xavier over the whole first layer [term frequencies | signals] -> width, as DL4J would
    double std = Math.sqrt(2.0 / (buckets + denseWidth + width));
    graph.getParam("signals_in_W").assign(Nd4j.randn(DataType.FLOAT, denseWidth, width).muli(std));
    float[] idf = params.idfWeighting() ? InverseDocumentFrequency.fit(train) : null;
    EmbeddingBag bag =
        EmbeddingBag.gaussian(buckets, width, std, idf, new SplittableRandom(seed ^ 0x5DEECE66DL));
    return fit(
        bag,
        graph,
        train,
        trainLabels,
        trainWeights,
        trainClasses,
        validation,
        validationLabels,
        params,
        seed,
        progress);
  }

  /**
   * The retraining round: a copy of this network trained further on new data (warm start), with the
   * same early stopping; this network is left unchanged.
   *
   * @see #train
   */
  public MultiTaskNetwork continueTraining(
      EncodedPosts train,
      boolean[][] trainLabels,
      float[] trainWeights,
      int[] trainClasses,
      EncodedPosts validation,
      boolean[][] validationLabels,
      int epochs,
      LongConsumer progress) {
    // ND4J's random (dropout) is per thread: seed it here, not wherever the thread left it
    Nd4j.getRandom().setSeed(seed + 1);
    return fit(
        bag.copy(),
        graph.clone(),
        train,
        trainLabels,
        trainWeights,
        trainClasses,
        validation,
        validationLabels,
        params.withMaxEpochs(epochs),
        seed + 1,
        progress);
  }

  private static MultiTaskNetwork fit(
      EmbeddingBag bag,
      ComputationGraph graph,
      EncodedPosts train,
      boolean[][] trainLabels,
      float[] trainWeights,
      int[] trainClasses,
      EncodedPosts validation,
      boolean[][] validationLabels,
      MultiTaskParams params,
      long seed,
      LongConsumer progress) {
    int denseWidth = train.denseWidth();
    SplittableRandom random = new SplittableRandom(seed);
    int n = train.size();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    List<double[]> history = new ArrayList<>();
    MultiTaskNetwork view = new MultiTaskNetwork(bag, graph, params, denseWidth, seed, history, 0);
    // epoch 0: the starting point (a warm start must beat where it began)
    double best = summedLogLoss(view.predict(validation), validationLabels);
    BagGradient gradient = new BagGradient();
    graph.setListeners(gradient);
    INDArray bestParams = graph.params().dup();
    float[] bestTable = bag.weights();
    int bestEpoch = 0;
    for (int epoch = 1; epoch <= params.maxEpochs(); epoch++) {
      shuffle(order, random);
      double trainLoss = 0;
      int batches = 0;
      for (int s = 0; s < n; s += params.batchSize()) {
        int e = Math.min(n, s + params.batchSize());
        int[] rows = Arrays.copyOfRange(order, s, e);
        graph.fit(
            batch(
                bag.forward(train, rows),
                train,
                trainLabels,
                params.classHead() ? trainClasses : null,
                trainWeights,
                rows));
        float[] g = gradient.take(rows.length);
        bag.step(train, rows, g, params.learningRate(), params.l2());
        trainLoss += graph.score();
        batches++;
        progress.accept(e - s);
      }
      double validationLoss = summedLogLoss(view.predict(validation), validationLabels);
      history.add(new double[] {epoch, trainLoss / batches, validationLoss});
      if (validationLoss < best) {
        best = validationLoss;
        bestParams = graph.params().dup();
        bestTable = bag.weights();
        bestEpoch = epoch;
      } else if (epoch - bestEpoch >= params.patience()) {
        break;
      }
    }
    graph.setListeners();
    graph.setParams(bestParams);
    bag.setWeights(bestTable);
    return new MultiTaskNetwork(bag, graph, params, denseWidth, seed, history, bestEpoch);
  }

  /**
   * Catches dLoss/dBag during DL4J's backward pass: the epsilon of the vertex that adds the bag to
   * the signals' layer (an addition passes its epsilon to both inputs unchanged). DL4J sums it over
   * the batch but divides its own parameter gradients by the batch size before the updater, so
   * {@link #take} does the same.
   */
  static final class BagGradient extends BaseTrainingListener {
    private float[] epsilon;

    @Override
    public void onBackwardPass(Model model) {
      INDArray e = ((ComputationGraph) model).getVertex("fused").getEpsilon();
      epsilon = e.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    float[] take(int batchSize) {
      float[] g = epsilon;
      epsilon = null;
      float inv = 1f / batchSize;
      for (int k = 0; k < g.length; k++) {
        g[k] *= inv;
      }
      return g;
    }
  }

  static ComputationGraphConfiguration configuration(int denseWidth, MultiTaskParams p, long seed) {
    int width = p.trunk()[0];
    // trunk0 = ReLU(bag + W_signals . signals + b): the first dense layer over [term frequencies |
    // signals], its n-gram rows computed sparsely outside DL4J (EmbeddingBag)
    ComputationGraphConfiguration.GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(new Adam(p.learningRate()))
            .l2(p.l2())
            .weightInit(WeightInit.XAVIER)
            // no workspaces: the bag's gradient is copied out of DL4J's backward pass
            .trainingWorkspaceMode(WorkspaceMode.NONE)
            .inferenceWorkspaceMode(WorkspaceMode.NONE)
            .graphBuilder()
            .addInputs(BAG, "signals")
            .addLayer(
                "signals_in",
                new DenseLayer.Builder()
                    .nIn(denseWidth)
                    .nOut(width)
                    .activation(Activation.IDENTITY)
                    .build(),
                "signals")
            .addVertex("fused", new ElementWiseVertex(ElementWiseVertex.Op.Add), BAG, "signals_in")
            .addLayer("trunk0", new ActivationLayer(Activation.RELU), "fused");
    String prev = "trunk0";
    int in = width;
    for (int l = 1; l < p.trunk().length; l++) {
      DenseLayer.Builder b =
          new DenseLayer.Builder().nIn(in).nOut(p.trunk()[l]).activation(Activation.RELU);
      if (p.dropout() > 0) {
        b.dropOut(1 - p.dropout()); // DL4J takes the probability of keeping
      }
      g.addLayer("trunk" + l, b.build(), prev);
      prev = "trunk" + l;
      in = p.trunk()[l];
    }
    for (int t = 0; t < HEADS.length; t++) {
      double positiveWeight = t == HarmTask.HATE.ordinal() ? p.hateClassWeight() : 1;
      g.addLayer(
          HEADS[t],
          new OutputLayer.Builder(lossFunction(p.loss(), positiveWeight))
              .nIn(in)
              .nOut(1)
              .activation(Activation.SIGMOID)
              .build(),
          prev);
    }
    if (p.classHead()) {
      g.addLayer(
          CLASS_HEAD,
          new OutputLayer.Builder(new LossMCXENT())
              .nIn(in)
              .nOut(ThreeClass.COUNT)
              .activation(Activation.SOFTMAX)
              .build(),
          prev);
      return g.setOutputs(HEADS[0], HEADS[1], CLASS_HEAD).build();
    }
    return g.setOutputs(HEADS).build();
  }

  /**
   * A head's loss: the chosen loss with the positive class's term weighted by {@code
   * positiveWeight}. Cross-entropy is focal loss at gamma 0 with both classes weighing 1.
   */
  static ILossFunction lossFunction(LossChoice c, double positiveWeight) {
    if (positiveWeight == 1) {
      return c.focal() ? new FocalLoss(c.alpha(), c.gamma()) : new LossBinaryXENT();
    }
    return c.focal()
        ? FocalLoss.classWeighted(c.alpha() * positiveWeight, 1 - c.alpha(), c.gamma())
        : FocalLoss.classWeighted(positiveWeight, 1, 0);
  }

  /**
   * One mini-batch: the bag's output and the signals, one label column per head (and the one-hot
   * class when {@code classes} is not null, for the three-class head), weights as masks.
   */
  static MultiDataSet batch(
      float[] bagOut,
      EncodedPosts posts,
      boolean[][] labels,
      int[] classes,
      float[] weights,
      int[] rows) {
    INDArray[] features = inputs(bagOut, posts, rows);
    int outputs = HEADS.length + (classes == null ? 0 : 1);
    INDArray[] y = new INDArray[outputs];
    INDArray[] masks = null;
    boolean weighted = false;
    float[] w = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      w[i] = weights == null ? 1f : weights[rows[i]];
      weighted |= w[i] != 1f;
    }
    for (int t = 0; t < HEADS.length; t++) {
      float[] col = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        col[i] = labels[t][rows[i]] ? 1f : 0f;
      }
      y[t] = Nd4j.create(col, new long[] {rows.length, 1});
    }
    if (classes != null) {
      float[] oneHot = new float[rows.length * ThreeClass.COUNT];
      for (int i = 0; i < rows.length; i++) {
        oneHot[i * ThreeClass.COUNT + classes[rows[i]]] = 1f;
      }
      y[HEADS.length] = Nd4j.create(oneHot, new long[] {rows.length, ThreeClass.COUNT});
    }
    if (weighted) {
      masks = new INDArray[outputs];
      for (int t = 0; t < outputs; t++) {
        masks[t] = Nd4j.create(w, new long[] {rows.length, 1});
      }
    }
    return new MultiDataSet(features, y, null, masks);
  }

  /** The graph's two inputs for the given rows: the bag's output and the dense rows. */
  private static INDArray[] inputs(float[] bagOut, EncodedPosts posts, int[] rows) {
    int d = posts.denseWidth();
    float[] signals = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      posts.writeDense(rows[i], signals, i * d);
    }
    return new INDArray[] {
      Nd4j.create(bagOut, new long[] {rows.length, bagOut.length / rows.length}),
      Nd4j.create(signals, new long[] {rows.length, d})
    };
  }

  @Override
  public String name() {
    return "multi-task DNN";
  }

  @Override
  public float[][] predict(EncodedPosts posts) {
    int n = posts.size();
    float[][] p = new float[HEADS.length][n];
    int bs = 512;
    for (int s = 0; s < n; s += bs) {
      int e = Math.min(n, s + bs);
      int[] rows = new int[e - s];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = s + i;
      }
      INDArray[] out = graph.output(false, inputs(bag.forward(posts, rows), posts, rows));
      for (int t = 0; t < HEADS.length; t++) {
        float[] v = out[t].castTo(DataType.FLOAT).dup('c').data().asFloat();
        System.arraycopy(v, 0, p[t], s, v.length);
      }
    }
    return p;
  }

  /**
   * The three-class head's probabilities, {@code q[c][i]} for class {@code c} in {@link ThreeClass}
   * order.
   *
   * @throws IllegalStateException if the network has no three-class head
   */
  public float[][] predictClasses(EncodedPosts posts) {
    if (!params.classHead()) {
      throw new IllegalStateException("this network has no three-class head");
    }
    int n = posts.size();
    float[][] q = new float[ThreeClass.COUNT][n];
    int bs = 512;
    for (int s = 0; s < n; s += bs) {
      int e = Math.min(n, s + bs);
      int[] rows = new int[e - s];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = s + i;
      }
      INDArray out = graph.output(false, inputs(bag.forward(posts, rows), posts, rows))[2];
      float[] v = out.castTo(DataType.FLOAT).dup('c').data().asFloat();
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < ThreeClass.COUNT; c++) {
          q[c][s + i] = v[i * ThreeClass.COUNT + c];
        }
      }
    }
    return q;
  }

  /** Mean binary cross-entropy per task, summed over tasks: the validation loss. */
  static double summedLogLoss(float[][] p, boolean[][] y) {
    double total = 0;
    for (int t = 0; t < p.length; t++) {
      double sum = 0;
      for (int i = 0; i < p[t].length; i++) {
        double q = Math.clamp(p[t][i], 1e-7, 1 - 1e-7);
        sum -= y[t][i] ? Math.log(q) : Math.log(1 - q);
      }
      total += sum / p[t].length;
    }
    return total;
  }

  private static double mean(boolean[] y) {
    int c = 0;
    for (boolean b : y) {
      c += b ? 1 : 0;
    }
    return (double) c / y.length;
  }

  private static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The trained DL4J graph (for export and parity checks). */
  public ComputationGraph graph() {
    return graph;
  }

  /** The training parameters. */
  public MultiTaskParams params() {
    return params;
  }

  /** Hash buckets of the n-gram input. */
  public int buckets() {
    return bag.buckets();
  }

  /**
   * The n-gram rows of the first layer as served, {@code [buckets, trunk[0]]} row-major (a copy):
   * with IDF weighting each row already multiplied by its bucket's weight, so a plain mean over the
   * post's ids reproduces the training-time bag.
   */
  public float[] ngramTable() {
    return bag.servedTable();
  }

  /** Width of the dense-signal input. */
  public int denseWidth() {
    return denseWidth;
  }

  /** The training seed. */
  public long seed() {
    return seed;
  }

  /** {@code [epoch, mean training loss, validation loss]} per epoch run. */
  public List<double[]> lossPerEpoch() {
    return lossPerEpoch;
  }

  /** The epoch whose weights were kept. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Trainable parameters. */
  public long parameterCount() {
    return graph.numParams() + bag.table().length;
  }
}
