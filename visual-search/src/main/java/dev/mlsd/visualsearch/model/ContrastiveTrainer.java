package dev.mlsd.visualsearch.model;

import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.features.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Self-supervised contrastive training of the {@link CnnEncoder} (SimCLR): for each batch of {@code
 * N} gallery images, two random views of each ({@link dev.mlsd.visualsearch.features.Augmenter}),
 * one forward pass over the {@code 2N} views, the {@link NtXentLoss} and its gradient on the
 * projection head's output, DL4J's backward pass from that gradient ({@code backpropGradient}, the
 * network's "external errors" mode) and an Adam step. Labels are never read (except by the
 * supervised-contrastive reference, which is built with {@code supervised} and never served).
 *
 * <p>Learning rate: {@link EncoderConfig#learningRate()} is the peak, reached by a linear warm-up
 * over the first {@value #WARMUP_STEPS} steps and then decayed along a half cosine to zero at the
 * end of training (the budget or the last epoch, whichever the run is closer to). Adam's step is
 * linear in the learning rate, so the schedule scales the updater's step; the batch-norms' running
 * statistics are not scaled.
 *
 * <p>Stops after {@link EncoderConfig#maxEpochs()} passes or at the first batch past {@link
 * EncoderConfig#budgetSeconds()}, whichever comes first; the card records how far it got.
 *
 * <p>Determinism: the network's initialisation, the batch order (a seeded shuffle per epoch) and
 * every view (seeded by seed, epoch, image and view) depend only on the seed; with a budget shorter
 * than the epochs, where training stops depends on the machine's speed.
 *
 * <p>Thread safety: one training per instance at a time.
 *
 * <p>Book: chapter 2, "Model training" (contrastive training; positives from self-supervision).
 */
public final class ContrastiveTrainer {
  /** Steps of the linear learning-rate warm-up. */
  public static final int WARMUP_STEPS = 20;

  /** Told after every batch. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param epoch the current epoch, from 0
     * @param step batches done so far
     * @param totalSteps the step count when no budget intervenes
     * @param loss this batch's loss
     */
    void onBatch(int epoch, long step, long totalSteps, double loss);
  }

  /**
   * What training produced.
   *
   * @param network the trained network
   * @param steps batches trained
   * @param epochsDone passes over the gallery, fractional
   * @param lossPerEpoch mean loss of each (possibly partial) epoch
   * @param millis wall-clock time
   * @param stoppedByBudget whether the time budget ended training
   */
  public record Result(
      MultiLayerNetwork network,
      long steps,
      double epochsDone,
      List<Double> lossPerEpoch,
      long millis,
      boolean stoppedByBudget) {}

  private final EncoderConfig config;
  private final long seed;
  private final boolean supervised;

  /** Self-supervised training (NT-Xent): labels are never read. */
  public ContrastiveTrainer(EncoderConfig config, long seed) {
    this(config, seed, false);
  }

  /**
   * @param supervised true for the supervised-contrastive reference: views of images of the same
   *     class are positives too ({@link NtXentLoss#compute(float[], int, int, double, int[],
   *     float[])}), so the gallery's labels are read; false for self-supervised NT-Xent
   */
  public ContrastiveTrainer(EncoderConfig config, long seed, boolean supervised) {
    this.config = config;
    this.seed = seed;
    this.supervised = supervised;
  }

  /**
   * Trains on the gallery's images (their labels are read only when {@code supervised}).
   *
   * @param gallery the images
   * @param pre the preprocessing fitted on them
   * @param listener told after every batch
   */
  public Result train(ImageSet gallery, Preprocessor pre, Listener listener) {
    EncoderConfig c = config;
    MultiLayerNetwork net = CnnEncoder.network(c, seed);
    int n = Math.min(c.batchImages(), gallery.count());
    int batches = gallery.count() / n;
    long totalSteps = (long) batches * c.maxEpochs();
    int size = pre.imageSize();
    float[] views = new float[2 * n * size];
    float[] tmp = new float[size];
    float[] grad = new float[2 * n * c.projection()];
    int[] positives = new int[2 * n]; // the rows' labels for the loss: image (or class) of a view
    List<Double> lossPerEpoch = new ArrayList<>();
    long start = System.nanoTime();
    long budgetNanos = c.budgetSeconds() * 1_000_000_000L;
    long step = 0;
    boolean stopped = false;
    int epoch = 0;
    for (; epoch < c.maxEpochs() && !stopped; epoch++) {
      int[] order = shuffled(gallery.count(), seed * 31 + epoch);
      double sum = 0;
      int done = 0;
      for (int b = 0; b < batches; b++) {
        for (int i = 0; i < n; i++) {
          int image = order[b * n + i];
          positives[i] = supervised ? gallery.labels()[image] : i;
          positives[n + i] = positives[i];
          for (int v = 0; v < 2; v++) {
            SplittableRandom r = new SplittableRandom(mix(seed, epoch, image, v));
            int off = (v * n + i) * size;
            c.augmenter()
                .view(
                    gallery.pixels(),
                    image * gallery.imageSize(),
                    gallery.height(),
                    gallery.width(),
                    gallery.channels(),
                    views,
                    off,
                    tmp,
                    r);
            pre.normalise(views, off);
          }
        }
        double progress =
            Math.max(
                (double) step / totalSteps, (double) (System.nanoTime() - start) / budgetNanos);
        double loss = step(net, views, 2 * n, positives, grad, epoch, step, rate(step, progress));
        sum += loss;
        done++;
        step++;
        listener.onBatch(epoch, step, totalSteps, loss);
        if (System.nanoTime() - start > budgetNanos) {
          stopped = true;
          break;
        }
      }
      lossPerEpoch.add(sum / Math.max(1, done));
    }
    double epochsDone = (double) step / batches;
    return new Result(
        net, step, epochsDone, lossPerEpoch, (System.nanoTime() - start) / 1_000_000, stopped);
  }

  /**
   * The learning rate's share of its peak at a step: linear warm-up, then a half cosine over the
   * run's progress (0 at the start, 1 at its end).
   */
  static double rate(long step, double progress) {
    double warm = Math.min(1.0, (step + 1.0) / WARMUP_STEPS);
    return warm * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, progress)));
  }

  /**
   * One forward pass, the loss and its gradient, DL4J's backward pass from it, one Adam step scaled
   * by {@code rate}.
   */
  private double step(
      MultiLayerNetwork net,
      float[] views,
      int rows,
      int[] labels,
      float[] grad,
      int epoch,
      long iteration,
      double rate) {
    INDArray input = CnnEncoder.toNchw(views, rows, config);
    net.setInput(input);
    List<INDArray> activations = net.feedForward(true, false);
    float[] z = activations.getLast().dup('c').data().asFloat();
    double loss =
        NtXentLoss.compute(z, rows, config.projection(), config.temperature(), labels, grad);
    INDArray epsilon = Nd4j.create(grad, new long[] {rows, config.projection()}, 'c');
    Pair<Gradient, INDArray> g = net.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    Gradient gradient = g.getFirst();
    // the loss is already a mean over the batch: batch size 1 keeps the updater from dividing again
    net.getUpdater()
        .update(net, gradient, (int) iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
    INDArray update = gradient.gradient(); // the flattened update, rank 1
    for (long[] range : scheduledRanges(net)) {
      update.get(NDArrayIndex.interval(range[0], range[1])).muli(rate);
    }
    net.params().subi(gradient.gradient());
    net.clear();
    return loss;
  }

  /**
   * The ranges {@code [from, to)} of the flattened parameters the learning-rate schedule scales:
   * all but the batch-norms' running means and variances, which move by their own decay.
   */
  static List<long[]> scheduledRanges(MultiLayerNetwork net) {
    List<long[]> ranges = new ArrayList<>();
    long offset = 0;
    for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
      for (Map.Entry<String, INDArray> e : l.paramTable().entrySet()) {
        long n = e.getValue().length();
        boolean statistic = e.getKey().equals("mean") || e.getKey().equals("var");
        if (!statistic && n > 0) {
          if (!ranges.isEmpty() && ranges.getLast()[1] == offset) {
            ranges.getLast()[1] = offset + n;
          } else {
            ranges.add(new long[] {offset, offset + n});
          }
        }
        offset += n;
      }
    }
    if (offset != net.numParams()) {
      throw new IllegalStateException("parameter table does not cover the network's parameters");
    }
    return ranges;
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** A seed for one view: a SplitMix-style hash of (seed, epoch, image, view). */
  static long mix(long seed, int epoch, int image, int view) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch;
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL + image;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L + view;
    return h ^ (h >>> 33);
  }
}
