package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.core.demo.QuietStdout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The shared part of the deep click models, built as a DL4J {@link ComputationGraph}: the input
 * {@code ids [batch, fields]} (global feature ids), one embedding table {@code emb [featureCount,
 * k]} (an {@link EmbeddingSequenceLayer}; per-field embeddings, since the fields own disjoint id
 * ranges) whose output {@code [batch, k, fields]} is flattened to {@code flat [batch, k * fields]}
 * (row-major, so element {@code (j, f)} is at {@code j * fields + f}), the deep part's ReLU layers,
 * and a subclass's head. The loss is the book's, binary cross-entropy on a sigmoid. Trained with
 * Adam in shuffled mini-batches (shuffle and initialisation seeded); training stops after {@value
 * #PATIENCE} epoch(s) without a better validation log loss and the best epoch is kept (early
 * stopping on validation, never on test).
 *
 * <p>Why not SameDiff alone: in DL4J 1.0.0-M2.1 the gradient of SameDiff's {@code gather} fails
 * ("input closed before call"), so the embeddings use DL4J's own layer and only the parameter-free
 * dense custom part (the cross network) is a SameDiff layer inside the graph.
 *
 * <p>Thread safety: training and {@link #predict} are single-threaded; serving scores the exported
 * weights, not this class.
 */
public abstract class NeuralClickModel implements ClickModel {
  /** Epochs without a better validation loss before training stops. */
  public static final int PATIENCE = 1;

  private final String name;
  protected final NeuralParams params;
  protected final int fields;
  protected final int featureCount;
  private ComputationGraph graph;
  private int epochsRun;
  private final java.util.List<Double> validationLoss = new java.util.ArrayList<>();

  protected NeuralClickModel(String name, int fields, int featureCount, NeuralParams params) {
    this.name = name;
    this.fields = fields;
    this.featureCount = featureCount;
    this.params = params;
  }

  /**
   * Adds the model's head after the shared layers ({@code "ids"}, {@code "emb"}, {@code "flat"},
   * {@code "deep0".."deep{n-1}"}) and sets the output.
   */
  protected abstract void head(ComputationGraphConfiguration.GraphBuilder g, String lastDeep);

  /** The DL4J name of the output bias, e.g. {@code "out_b"}; it starts at the prior's log-odds. */
  protected abstract String outputBiasParam();

  /** Sets parameters that stay fixed during training (none by default). */
  protected void initFixed(ComputationGraph graph) {}

  /** Width of the flattened embeddings. */
  protected final int flatWidth() {
    return fields * params.embeddingDim();
  }

  /** Trains the model. */
  protected final void fit(
      EncodedRows train, EncodedRows validation, long seed, LongConsumer progress) {
    Nd4j.getRandom().setSeed(seed);
    int k = params.embeddingDim();
    ComputationGraphConfiguration.GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(new Adam(params.learningRate()))
            .l2(params.l2())
            // clipping keeps the FM term's products from diverging on small data
            .gradientNormalization(GradientNormalization.ClipL2PerLayer)
            .gradientNormalizationThreshold(5.0)
            .weightInit(WeightInit.XAVIER)
            .graphBuilder()
            .addInputs("ids")
            .addLayer(
                "emb",
                new EmbeddingSequenceLayer.Builder()
                    .nIn(featureCount)
                    .nOut(k)
                    .inputLength(fields)
                    .hasBias(false)
                    .weightInit(new NormalDistribution(0, 0.01))
                    .build(),
                "ids")
            .addVertex("flat", new ReshapeVertex('c', new int[] {-1, flatWidth()}, null), "emb");
    String prev = "flat";
    int in = flatWidth();
    for (int l = 0; l < params.hidden().length; l++) {
      g.addLayer(
          "deep" + l,
          new DenseLayer.Builder()
              .nIn(in)
              .nOut(params.hidden()[l])
              .activation(Activation.RELU)
              .build(),
          prev);
      prev = "deep" + l;
      in = params.hidden()[l];
    }
    head(g, prev);
    graph = new ComputationGraph(g.build());
    graph.init();
    // start at the training click rate instead of 1/2: a model starting at p = 0.5 spends its first
    // epochs learning the prior, and on small data the interaction terms diverge meanwhile
    double ctr = Math.min(0.99, Math.max(0.01, train.ctr()));
    graph.getParam(outputBiasParam()).assign(Math.log(ctr / (1 - ctr)));
    initFixed(graph);

    SplittableRandom rnd = new SplittableRandom(seed);
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double best = Double.POSITIVE_INFINITY;
    INDArray bestParams = graph.params().dup();
    int bestEpoch = 0;
    // SameDiff layers (the DCN cross network) println "Added differentiated op ..." on first fit
    try (QuietStdout quiet = QuietStdout.dropping("Added differentiated op")) {
      for (int epoch = 0; epoch < params.maxEpochs(); epoch++) {
        FactorizationMachine.shuffle(order, rnd);
        for (int s = 0; s < n; s += params.batchSize()) {
          int e = Math.min(n, s + params.batchSize());
          int[] idx = java.util.Arrays.copyOfRange(order, s, e);
          graph.fit(new DataSet(idsArray(train.fieldIds(), idx), labelArray(train.labels(), idx)));
          progress.accept(e - s);
        }
        epochsRun = epoch + 1;
        double loss = FactorizationMachine.logLoss(predict(validation), validation.labels());
        validationLoss.add(loss);
        if (loss < best) {
          best = loss;
          bestParams = graph.params().dup();
          bestEpoch = epochsRun;
        } else if (epochsRun - bestEpoch > PATIENCE) {
          break;
        }
      }
    }
    graph.setParams(bestParams);
  }

  private static INDArray idsArray(int[][] rows, int[] idx) {
    int f = rows[0].length;
    float[][] a = new float[idx.length][f];
    for (int i = 0; i < idx.length; i++) {
      for (int j = 0; j < f; j++) {
        // ids below 2^24 are exact in float; featureCount is far below that
        a[i][j] = rows[idx[i]][j];
      }
    }
    return Nd4j.create(a);
  }

  private static INDArray labelArray(boolean[] y, int[] idx) {
    float[][] v = new float[idx.length][1];
    for (int i = 0; i < idx.length; i++) {
      v[i][0] = y[idx[i]] ? 1f : 0f;
    }
    return Nd4j.create(v);
  }

  @Override
  public float[] predict(EncodedRows rows) {
    int n = rows.size();
    float[] p = new float[n];
    int bs = 2048;
    for (int s = 0; s < n; s += bs) {
      int e = Math.min(n, s + bs);
      int[] idx = new int[e - s];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = s + i;
      }
      INDArray out = graph.outputSingle(false, idsArray(rows.fieldIds(), idx));
      float[] v = out.castTo(DataType.FLOAT).dup('c').data().asFloat();
      System.arraycopy(v, 0, p, s, v.length);
    }
    return p;
  }

  /**
   * The trained weights by DL4J parameter name ({@code "emb_W"}, {@code "deep0_W"}, ...), each as
   * {@code float[]} in row-major order with its shape; for export to the serving format and for
   * parity tests.
   */
  public Map<String, Weight> weights() {
    Map<String, Weight> m = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
      INDArray a = e.getValue();
      m.put(e.getKey(), new Weight(a.shape(), a.dup('c').data().asFloat()));
    }
    return m;
  }

  /**
   * One weight tensor.
   *
   * @param shape its shape
   * @param values row-major values
   */
  public record Weight(long[] shape, float[] values) {}

  /** Epochs trained before early stopping (the kept one may be earlier). */
  public int epochsRun() {
    return epochsRun;
  }

  /** Validation log loss after each epoch trained, in order (the early-stopping curve). */
  public double[] validationLossPerEpoch() {
    return validationLoss.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Number of trainable parameters. */
  public long parameterCount() {
    return graph.numParams();
  }

  /** The hyper-parameters. */
  public NeuralParams params() {
    return params;
  }

  /** The number of fields (ids per row). */
  public int fields() {
    return fields;
  }

  @Override
  public String name() {
    return name;
  }
}
