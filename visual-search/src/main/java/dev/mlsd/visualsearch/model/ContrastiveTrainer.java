package dev.mlsd.visualsearch.model;

import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.features.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Self-supervised contrastive training of the {@link CnnEncoder} (SimCLR): for each batch of {@code
 * N} gallery images, two random views of each ({@link dev.mlsd.visualsearch.features.Augmenter}),
 * one forward pass over the {@code 2N} views, the {@link NtXentLoss} and its gradient on the
 * projection head's output, DL4J's backward pass from that gradient ({@code backpropGradient}, the
 * network's "external errors" mode) and an Adam step. Labels are never read.
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

  public ContrastiveTrainer(EncoderConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  /**
   * Trains on the gallery's images (their labels are ignored).
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
        double loss = step(net, views, 2 * n, grad, epoch, step);
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

  /** One forward pass, the loss and its gradient, DL4J's backward pass from it, one Adam step. */
  private double step(
      MultiLayerNetwork net, float[] views, int rows, float[] grad, int epoch, long iteration) {
    INDArray input = CnnEncoder.toNchw(views, rows, config);
    net.setInput(input);
    List<INDArray> activations = net.feedForward(true, false);
    float[] z = activations.getLast().dup('c').data().asFloat();
    double loss = NtXentLoss.compute(z, rows, config.projection(), config.temperature(), grad);
    INDArray epsilon = Nd4j.create(grad, new long[] {rows, config.projection()}, 'c');
    Pair<Gradient, INDArray> g = net.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    Gradient gradient = g.getFirst();
    // the loss is already a mean over the batch: batch size 1 keeps the updater from dividing again
    net.getUpdater()
        .update(net, gradient, (int) iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
    net.params().subi(gradient.gradient());
    net.clear();
    return loss;
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
