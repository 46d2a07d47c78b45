package dev.mlsd.videosearch.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.videosearch.data.TrainingPair;
import dev.mlsd.videosearch.features.TokenHasher;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The learned search of chapter 4: a two-tower model trained contrastively, in DL4J's SameDiff.
 *
 * <p>Each tower reads hashed token ids ({@link TokenHasher}) and computes
 *
 * <pre>
 *   h = mean of the ids' rows of E        (an embedding bag, E: buckets x embedding)
 *   z = relu(h W1 + b1)                   (hidden)
 *   e = z W2 + b2                         (the embedding, dimension wide)
 * </pre>
 *
 * The text encoder reads the query; the video encoder reads the video's catalogue text (its other
 * descriptions: DiDeMo has no frames here; see the README for the frame-level encoder that would
 * take its place). The towers share no weights.
 *
 * <p>Loss: for a batch of B (query, video) pairs, the similarity matrix {@code S = cos(e_q, e_v) /
 * temperature} (B x B); row i is a softmax over the batch's videos whose target is video i (the
 * other videos are the in-batch negatives), cross-entropy; the same over columns (video to query),
 * the two averaged. When a video appears twice in a batch its columns share the target mass, so no
 * pair is pushed away from its own video.
 *
 * <p>The embedding bag is trained as a product of a mean-normalised multi-hot row with {@code E},
 * which is the same arithmetic as a gather and mean, and avoids SameDiff M2.1's {@code gather},
 * whose gradient fails. {@link #textEncoder()} and {@link #videoEncoder()} export each tower to
 * core's {@link InferenceGraph} (an {@code EmbeddingBag} with MEAN pooling and two dense layers),
 * the path that serves; {@link #encodeWithSameDiff} is the training framework's own forward pass,
 * the parity twin.
 *
 * <p>Thread safety: training is single-threaded; read-only afterwards.
 *
 * <p>Book: chapter 4, "Model development" (text encoder, video encoder) and "Model training"
 * (contrastive learning, softmax over similarities, cross-entropy).
 */
public final class TwoTowerSearchModel {
  /**
   * Hyper-parameters.
   *
   * @param buckets hash buckets (rows of each embedding table)
   * @param bigrams whether bigrams are hashed too
   * @param queryIds ids kept per query (longer queries are cut)
   * @param videoIds ids kept per video text
   * @param dimension the token embeddings' and the towers' width
   * @param temperature softmax temperature over cosine similarities
   * @param epochs passes over the training pairs
   * @param batchSize pairs per step (B - 1 in-batch negatives each)
   * @param learningRate Adam step size
   * @param seed seeds weights and shuffling
   */
  public record Params(
      int buckets,
      boolean bigrams,
      int queryIds,
      int videoIds,
      int dimension,
      double temperature,
      int epochs,
      int batchSize,
      double learningRate,
      long seed) {
    /** Validates. */
    public Params {
      if (buckets < 2 || queryIds < 1 || videoIds < 1) {
        throw new IllegalArgumentException("sizes must be positive");
      }
      if (dimension < 1 || !(temperature > 0) || epochs < 1 || batchSize < 2) {
        throw new IllegalArgumentException("bad dimension, temperature, epochs or batch size");
      }
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learning rate must be > 0");
      }
    }

    /** The demo's defaults (about three minutes on two cores). */
    public static Params defaults(long seed) {
      return new Params(1 << 14, false, 32, 128, 256, 0.05, 6, 256, 1e-3, seed);
    }

    /** The same parameters with another number of epochs. */
    public Params withEpochs(int n) {
      return new Params(
          buckets,
          bigrams,
          queryIds,
          videoIds,
          dimension,
          temperature,
          n,
          batchSize,
          learningRate,
          seed);
    }

    /** The hasher these parameters describe. */
    public TokenHasher hasher() {
      return new TokenHasher(buckets, bigrams);
    }
  }

  private static final String[] TOWERS = {"q", "v"};

  private final Params params;
  private final SameDiff sd;
  private final double[] epochLoss;
  private int bestEpoch;

  private TwoTowerSearchModel(Params params, SameDiff sd, double[] epochLoss) {
    this.params = params;
    this.sd = sd;
    this.epochLoss = epochLoss;
  }

  /** The untrained graph, weights drawn from the seed (Glorot uniform). */
  static SameDiff build(Params p) {
    SameDiff sd = SameDiff.create();
    SplittableRandom rnd = new SplittableRandom(p.seed());
    SDVariable[] emb = new SDVariable[2];
    // one token table for both towers: queries and catalogue text are the same language here, so a
    // word the training pairs never saw still matches itself on both sides
    SDVariable e = sd.var("E", gaussian(rnd, p.buckets(), p.dimension()));
    for (int t = 0; t < 2; t++) {
      String n = TOWERS[t];
      SDVariable x = sd.placeHolder("x" + n, DataType.FLOAT, -1, p.buckets());
      // each tower's own projection starts as the identity: at step 0 both towers compute the
      // same random projection of the bag of words, whose cosine approximates the bags' cosine
      SDVariable w = sd.var("P" + n, Nd4j.eye(p.dimension()).castTo(DataType.FLOAT));
      SDVariable out = x.mmul(e).mmul("out" + n, w);
      SDVariable norm = sd.math.sqrt(out.mul(out).sum(true, 1).add(1e-12));
      emb[t] = out.div(norm);
    }
    SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, -1);
    SDVariable logits = emb[0].mmul(sd.transpose(emb[1])).mul(1.0 / p.temperature());
    SDVariable toVideo = sd.loss.softmaxCrossEntropy("toVideo", labels, logits, null);
    SDVariable toQuery =
        sd.loss.softmaxCrossEntropy("toQuery", sd.transpose(labels), sd.transpose(logits), null);
    toVideo.add(toQuery).mul("loss", 0.5);
    sd.setLossVariables("loss");
    sd.setTrainingConfig(
        new TrainingConfig.Builder()
            .updater(new Adam(p.learningRate()))
            .dataSetFeatureMapping("xq", "xv")
            .dataSetLabelMapping("labels")
            .build());
    return sd;
  }

  /**
   * Trains on the training pairs.
   *
   * @param pairs the (query, video) pairs of the training videos
   * @param p hyper-parameters
   * @param progress told one line per epoch (its mean loss)
   */
  public static TwoTowerSearchModel train(
      List<TrainingPair> pairs, Params p, Consumer<String> progress) {
    return train(pairs, p, progress, null);
  }

  /**
   * Scores a model after an epoch on held-out queries (validation MRR), for early stopping. Called
   * with epoch 0 before training.
   */
  @FunctionalInterface
  public interface Validation {
    /** The validation score of the model as it is now; higher is better. */
    double score(TwoTowerSearchModel model);
  }

  /**
   * Trains, and when {@code validation} is given keeps the weights of the epoch (0 included: the
   * untrained towers) with the best validation score.
   *
   * @param pairs the (query, video) pairs of the training videos
   * @param p hyper-parameters ({@code epochs} is the most run)
   * @param progress told one line per epoch
   * @param validation scores the model after each epoch, or null to keep the last epoch
   */
  public static TwoTowerSearchModel train(
      List<TrainingPair> pairs, Params p, Consumer<String> progress, Validation validation) {
    if (pairs.size() < p.batchSize()) {
      throw new IllegalArgumentException(
          "need at least one batch of pairs: " + pairs.size() + " < " + p.batchSize());
    }
    TokenHasher hasher = p.hasher();
    int n = pairs.size();
    int[] qIds = new int[n * p.queryIds()];
    int[] vIds = new int[n * p.videoIds()];
    int[] video = new int[n];
    for (int i = 0; i < n; i++) {
      TrainingPair tp = pairs.get(i);
      hasher.encode(tp.query(), qIds, i * p.queryIds(), p.queryIds());
      hasher.encode(tp.videoText(), vIds, i * p.videoIds(), p.videoIds());
      video[i] = tp.videoId();
    }
    SameDiff sd = build(p);
    SplittableRandom rnd = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int b = p.batchSize();
    float[] xq = new float[b * p.buckets()];
    float[] xv = new float[b * p.buckets()];
    float[] labels = new float[b * b];
    int[] batch = new int[b];
    double[] losses = new double[p.epochs()];
    double[] scores = new double[p.epochs() + 1];
    TwoTowerSearchModel model = new TwoTowerSearchModel(p, sd, losses);
    int bestEpoch = 0;
    Map<String, INDArray> best = null;
    if (validation != null) {
      scores[0] = validation.score(model);
      best = snapshot(sd);
      progress.accept(
          String.format(Locale.ROOT, "epoch 0 (untrained): validation MRR %.4f", scores[0]));
    }
    for (int epoch = 0; epoch < p.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      int steps = 0;
      // the last partial batch is left out: every step has the same number of negatives
      for (int b0 = 0; b0 + b <= n; b0 += b) {
        System.arraycopy(order, b0, batch, 0, b);
        multiHot(qIds, p.queryIds(), batch, p.buckets(), xq);
        multiHot(vIds, p.videoIds(), batch, p.buckets(), xv);
        targets(video, batch, labels);
        MultiDataSet mds =
            new MultiDataSet(
                new INDArray[] {
                  Nd4j.create(xq, new long[] {b, p.buckets()}, 'c'),
                  Nd4j.create(xv, new long[] {b, p.buckets()}, 'c')
                },
                new INDArray[] {Nd4j.create(labels, new long[] {b, b}, 'c')});
        sd.fit(mds);
        sum += lossOf(sd, mds);
        steps++;
      }
      losses[epoch] = sum / steps;
      String line =
          String.format(
              Locale.ROOT,
              "epoch %d/%d: mean in-batch cross-entropy %.4f (chance %.4f)",
              epoch + 1,
              p.epochs(),
              losses[epoch],
              Math.log(b));
      if (validation != null) {
        scores[epoch + 1] = validation.score(model);
        line += String.format(Locale.ROOT, ", validation MRR %.4f", scores[epoch + 1]);
        if (scores[epoch + 1] > scores[bestEpoch]) {
          bestEpoch = epoch + 1;
          best = snapshot(sd);
        }
      }
      progress.accept(line);
    }
    if (best != null) {
      for (Map.Entry<String, INDArray> e : best.entrySet()) {
        sd.getVariable(e.getKey()).getArr().assign(e.getValue());
      }
      progress.accept("kept the weights of epoch " + bestEpoch + " (best validation MRR)");
    }
    model.bestEpoch = best == null ? p.epochs() : bestEpoch;
    return model;
  }

  private static Map<String, INDArray> snapshot(SameDiff sd) {
    Map<String, INDArray> m = new HashMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
        m.put(v.name(), v.getArr().dup());
      }
    }
    return m;
  }

  private static double lossOf(SameDiff sd, MultiDataSet mds) {
    // the loss of the step just taken, on the updated weights (a cheap forward pass)
    Map<String, INDArray> ph = new HashMap<>();
    ph.put("xq", mds.getFeatures(0));
    ph.put("xv", mds.getFeatures(1));
    ph.put("labels", mds.getLabels(0));
    return sd.output(ph, "loss").get("loss").getDouble(0);
  }

  /** The batch's rows as mean-normalised multi-hot vectors (the embedding bag's MEAN). */
  static void multiHot(int[] ids, int width, int[] rows, int buckets, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int r = 0; r < rows.length; r++) {
      int real = 0;
      for (int j = 0; j < width; j++) {
        if (ids[rows[r] * width + j] >= 0) {
          real++;
        }
      }
      if (real == 0) {
        continue;
      }
      float w = 1f / real;
      for (int j = 0; j < width; j++) {
        int id = ids[rows[r] * width + j];
        if (id >= 0) {
          out[r * buckets + id] += w;
        }
      }
    }
  }

  /** Row i's target: its own video, its mass shared with any other pair of the same video. */
  static void targets(int[] video, int[] rows, float[] labels) {
    int b = rows.length;
    for (int i = 0; i < b; i++) {
      int same = 0;
      for (int j = 0; j < b; j++) {
        if (video[rows[i]] == video[rows[j]]) {
          same++;
        }
      }
      for (int j = 0; j < b; j++) {
        labels[i * b + j] = video[rows[i]] == video[rows[j]] ? 1f / same : 0f;
      }
    }
  }

  /** N(0, 1/cols) entries: a random projection that roughly keeps cosines. */
  private static INDArray gaussian(SplittableRandom rnd, int rows, int cols) {
    float[] w = new float[rows * cols];
    double sd = 1 / Math.sqrt(cols);
    for (int i = 0; i < w.length; i++) {
      // Box-Muller, one value per pair of uniforms (simple and seeded)
      double u = 1 - rnd.nextDouble();
      double v = rnd.nextDouble();
      w[i] = (float) (sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return Nd4j.create(w, new long[] {rows, cols}, 'c');
  }

  /** The parameters. */
  public Params params() {
    return params;
  }

  /** The epoch whose weights were kept (0: the untrained towers). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The mean loss of each epoch. */
  public double[] epochLoss() {
    return epochLoss.clone();
  }

  /** The text (query) encoder as core's inference graph: ids in, an embedding out. */
  public InferenceGraph textEncoder() {
    return export("q", params.queryIds());
  }

  /** The video encoder (over the catalogue text) as core's inference graph. */
  public InferenceGraph videoEncoder() {
    return export("v", params.videoIds());
  }

  private InferenceGraph export(String tower, int width) {
    InferenceGraph.Builder b = InferenceGraph.builder(0, width);
    int h = b.embedding(0, width, weights("E"), params.dimension(), Pooling.MEAN);
    b.dense(h, weights("P" + tower), new float[params.dimension()], Activation.IDENTITY);
    return b.build();
  }

  private float[] weights(String name) {
    return sd.getVariable(name).getArr().castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  /**
   * The training framework's own forward pass of one tower (unnormalised embeddings), for the
   * parity check against the exported graph.
   *
   * @param video false for the text encoder, true for the video encoder
   * @param ids rows of ids as {@link TokenHasher#encode} writes them
   * @param rows how many rows
   * @return row-major {@code rows x dimension}
   */
  public float[] encodeWithSameDiff(boolean video, int[] ids, int rows) {
    String t = video ? "v" : "q";
    int width = video ? params.videoIds() : params.queryIds();
    int[] all = new int[rows];
    for (int i = 0; i < rows; i++) {
      all[i] = i;
    }
    float[] x = new float[rows * params.buckets()];
    multiHot(ids, width, all, params.buckets(), x);
    Map<String, INDArray> ph = new HashMap<>();
    ph.put("x" + t, Nd4j.create(x, new long[] {rows, params.buckets()}, 'c'));
    INDArray out = sd.output(ph, "out" + t).get("out" + t);
    return out.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  /** The underlying graph (for the gradient check in tests). */
  SameDiff sameDiff() {
    return sd;
  }
}
