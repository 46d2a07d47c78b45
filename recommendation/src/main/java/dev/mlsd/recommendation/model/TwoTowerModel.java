package dev.mlsd.recommendation.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The book's two-tower network, as plain weight arrays. The user tower reads the user features
 * ({@link dev.mlsd.recommendation.features.UserFeatures}: the watch history's pre-trained
 * embeddings, overall and recency-weighted over the last watches, genre shares, activity and the
 * request's context); the video tower reads the video content features ({@link
 * dev.mlsd.recommendation.features.VideoFeatures}) concatenated with a learned video ID embedding.
 * Each tower is {@code dense(ReLU) -> dense(identity)}; relevance is the dot product of the two
 * outputs, so retrieval is a maximum-inner-product search over the video vectors, computed once.
 *
 * <p>Weights are row-major {@code [in, out]} (as core's {@link InferenceGraph} dense layers take
 * them), in this order: user {@code W1 [userWidth, hidden]}, {@code b1}, {@code W2 [hidden, d]},
 * {@code b2}; video ID embedding {@code [items, idDimension]}; video {@code W3 [videoWidth +
 * idDimension, hidden]}, {@code b3}, {@code W4 [hidden, d]}, {@code b4}. Trained by {@link
 * TwoTowerTrainer}; checkpointed through core's {@link ArtifactFile} ({@link #save}, {@link
 * #load}).
 *
 * <p>Thread safety: the weights change only while a trainer owns the model; read-only afterwards.
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
   * @param maxPositivesPerUser cap on a heavy user's training examples (sampled, seeded)
   * @param epochs passes over the examples; the epoch with the best validation nDCG@10 is kept
   * @param batchSize examples per step, which are also each other's negatives
   * @param learningRate Adam step size
   * @param logQ whether the in-batch softmax is corrected for sampling bias ({@link
   *     LogQCorrection})
   * @param seed seeds weights, example sampling and batches
   */
  public record Params(
      int hidden,
      int dimension,
      int idDimension,
      int maxPositivesPerUser,
      int epochs,
      int batchSize,
      double learningRate,
      boolean logQ,
      long seed) {
    public Params {
      if (hidden < 1 || dimension < 1 || idDimension < 1 || epochs < 1) {
        throw new IllegalArgumentException("sizes and epochs must be >= 1");
      }
      if (batchSize < 2 || maxPositivesPerUser < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("bad batch size, cap or learning rate");
      }
    }

    /** The demo's defaults. */
    public static Params defaults() {
      return new Params(128, 32, 16, 300, 10, 512, 2e-3, true, 7L);
    }

    /** The same settings with another number of epochs. */
    public Params withEpochs(int n) {
      return new Params(
          hidden,
          dimension,
          idDimension,
          maxPositivesPerUser,
          n,
          batchSize,
          learningRate,
          logQ,
          seed);
    }
  }

  /** The checkpoint's artifact kind. */
  public static final String KIND = "two-tower";

  /** The checkpoint's payload layout version. */
  public static final int KIND_VERSION = 1;

  /** The largest width, count or catalogue a checkpoint may declare (bounds before allocating). */
  static final int MAX_SIZE = 1 << 24;

  private final int userWidth;
  private final int videoWidth;
  private final int items;
  private final int hidden;
  private final int dimension;
  private final int idDimension;
  private final float[][] weights;

  private TwoTowerModel(
      int userWidth,
      int videoWidth,
      int items,
      int hidden,
      int dimension,
      int idDimension,
      float[][] weights) {
    this.userWidth = userWidth;
    this.videoWidth = videoWidth;
    this.items = items;
    this.hidden = hidden;
    this.dimension = dimension;
    this.idDimension = idDimension;
    this.weights = weights;
  }

  /**
   * An untrained network: Xavier-normal weights (seeded), zero biases.
   *
   * @param userWidth user features per row
   * @param videoWidth video content features per row
   * @param items catalogue size (rows of the ID embedding)
   * @param p the sizes
   * @param seed seeds the weights
   */
  public static TwoTowerModel initial(
      int userWidth, int videoWidth, int items, Params p, long seed) {
    int h = p.hidden();
    int d = p.dimension();
    int e = p.idDimension();
    int vw = videoWidth + e;
    SplittableRandom r = new SplittableRandom(seed);
    float[][] w = {
      xavier(userWidth, h, r),
      new float[h],
      xavier(h, d, r),
      new float[d],
      xavier(items, e, r),
      xavier(vw, h, r),
      new float[h],
      xavier(h, d, r),
      new float[d]
    };
    return new TwoTowerModel(userWidth, videoWidth, items, h, d, e, w);
  }

  private static float[] xavier(int in, int out, SplittableRandom r) {
    float[] w = new float[in * out];
    double s = Math.sqrt(2.0 / (in + out));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * s);
    }
    return w;
  }

  /** A deep copy (a checkpoint in memory). */
  public TwoTowerModel copy() {
    float[][] w = new float[weights.length][];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i].clone();
    }
    return new TwoTowerModel(userWidth, videoWidth, items, hidden, dimension, idDimension, w);
  }

  /**
   * The live weight blocks in the order of the class comment (W1, b1, W2, b2, ID embedding, W3, b3,
   * W4, b4), for the trainer and tests.
   */
  float[][] weights() {
    return weights;
  }

  /** User features per row. */
  public int userWidth() {
    return userWidth;
  }

  /** Video content features per row (without the ID embedding). */
  public int videoWidth() {
    return videoWidth;
  }

  /** Catalogue size. */
  public int items() {
    return items;
  }

  /** Hidden width of each tower. */
  public int hidden() {
    return hidden;
  }

  /** Embedding width. */
  public int dimension() {
    return dimension;
  }

  /** Width of the learned video ID embedding. */
  public int idDimension() {
    return idDimension;
  }

  /** The user tower as a core inference graph (a copy of the weights). */
  public InferenceGraph exportUserTower() {
    InferenceGraph.Builder b = InferenceGraph.builder(userWidth, 0);
    int h = b.dense(b.input(), weights[0].clone(), weights[1].clone(), Activation.RELU);
    b.dense(h, weights[2].clone(), weights[3].clone(), Activation.IDENTITY);
    return b.build();
  }

  /**
   * Batch prediction: the video tower's output for every video, row-major {@code items x
   * dimension}.
   *
   * @param videoTable the video content features, row-major {@code items x videoWidth}
   */
  public float[] itemEmbeddings(float[] videoTable) {
    if (videoTable.length != items * videoWidth) {
      throw new IllegalArgumentException(
          "video table must be " + items + " x " + videoWidth + ", got " + videoTable.length);
    }
    int in = videoWidth + idDimension;
    float[] x = new float[in];
    float[] h = new float[hidden];
    float[] out = new float[items * dimension];
    float[] v = new float[dimension];
    for (int i = 0; i < items; i++) {
      System.arraycopy(videoTable, i * videoWidth, x, 0, videoWidth);
      System.arraycopy(weights[4], i * idDimension, x, videoWidth, idDimension);
      DenseOps.forward(x, weights[5], weights[6], h, 1, in, hidden, true);
      DenseOps.forward(h, weights[7], weights[8], v, 1, hidden, dimension, false);
      System.arraycopy(v, 0, out, i * dimension, dimension);
    }
    return out;
  }

  /**
   * Writes the model through core's {@link ArtifactFile} (kind {@value #KIND}): a JSON header with
   * the shape and {@code note}, then six little-endian ints (user width, video width, items,
   * hidden, dimension, ID dimension) and every weight block as little-endian floats, in order.
   */
  public void save(Path file, String note) throws IOException {
    long floats = 0;
    for (float[] w : weights) {
      floats += w.length;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) (6 * 4 + floats * 4)).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(userWidth).putInt(videoWidth).putInt(items);
    buf.putInt(hidden).putInt(dimension).putInt(idDimension);
    for (float[] w : weights) {
      buf.asFloatBuffer().put(w);
      buf.position(buf.position() + w.length * 4);
    }
    String header =
        String.format(
            Locale.ROOT,
            "{\"userWidth\":%d,\"videoWidth\":%d,\"items\":%d,\"hidden\":%d,\"dimension\":%d,"
                + "\"idDimension\":%d,\"note\":\"%s\"}",
            userWidth,
            videoWidth,
            items,
            hidden,
            dimension,
            idDimension,
            note.replace("\\", "\\\\").replace("\"", "\\\""));
    ArtifactFile.write(file, KIND, KIND_VERSION, header, buf.flip());
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws CorruptArtifactException if the file is corrupt, of another kind, or its shape does not
   *     match its length
   */
  public static TwoTowerModel load(Path file) throws IOException {
    Artifact a = ArtifactFile.read(file, KIND, KIND_VERSION);
    ByteBuffer p = a.payload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (p.remaining() < 6 * 4) {
      throw new CorruptArtifactException(file, "two-tower payload shorter than its shape");
    }
    int[] s = new int[6];
    for (int i = 0; i < 6; i++) {
      s[i] = p.getInt();
      if (s[i] < 1 || s[i] > MAX_SIZE) {
        throw new CorruptArtifactException(file, "two-tower size " + s[i] + " out of range");
      }
    }
    int uw = s[0];
    int vw = s[1];
    int items = s[2];
    int h = s[3];
    int d = s[4];
    int e = s[5];
    long[] lengths = {
      (long) uw * h, h, (long) h * d, d, (long) items * e, (long) (vw + e) * h, h, (long) h * d, d
    };
    long total = 0;
    for (long n : lengths) {
      total += n;
    }
    if (total * 4 != p.remaining()) {
      throw new CorruptArtifactException(
          file, "two-tower shape needs " + total * 4 + " bytes, payload has " + p.remaining());
    }
    float[][] w = new float[lengths.length][];
    for (int i = 0; i < w.length; i++) {
      w[i] = new float[(int) lengths[i]];
      p.asFloatBuffer().get(w[i]);
      p.position(p.position() + w[i].length * 4);
    }
    return new TwoTowerModel(uw, vw, items, h, d, e, w);
  }
}
