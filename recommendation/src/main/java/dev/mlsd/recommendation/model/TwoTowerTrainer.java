package dev.mlsd.recommendation.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Trains the {@link TwoTowerModel} with an in-batch softmax ({@link InBatchSoftmax}) corrected for
 * sampling bias ({@link LogQCorrection}), by Adam, in plain Java: DL4J 1.0.0-M2.1's graph API has
 * no in-batch loss, and its SameDiff failed on this graph ("One of Input arguments was closed
 * before call"), so the forward and backward passes are written out ({@link TwoTowerBackprop}) and
 * checked against finite differences in the tests.
 *
 * <p>Each epoch shuffles the examples with a seeded generator and cuts them into full batches (the
 * few left over change from epoch to epoch). After each epoch the model is scored on the validation
 * period (a caller-given function, nDCG@10 in the module); the best epoch so far is written through
 * core's artifact file to the checkpoint, and the model read back from it at the end is the one
 * returned, so what is served is what was saved. The same seed and examples give the same weights,
 * bit for bit (single-threaded, fixed order).
 *
 * <p>Thread safety: single-threaded.
 *
 * <p>Book: chapter 6, "Model development" (two-tower network, training; choosing on held-out data).
 */
public final class TwoTowerTrainer {
  /** Offset of the weights' seed from the model's seed. */
  static final long WEIGHT_SEED_OFFSET = 1;

  /** Offset of the batches' seed from the model's seed. */
  static final long BATCH_SEED_OFFSET = 2;

  /** L2 penalty on the dense layers (the ID embedding has none). */
  static final double L2 = 1e-5;

  /**
   * The training's outcome.
   *
   * @param model the best epoch's model, read back from its checkpoint
   * @param bestEpoch 1-based epoch of that model
   * @param losses mean in-batch softmax loss per epoch, nats
   * @param validation the validation score after each epoch
   */
  public record Trained(TwoTowerModel model, int bestEpoch, double[] losses, double[] validation) {}

  private TwoTowerTrainer() {}

  /**
   * Trains.
   *
   * @param examples the training examples
   * @param videoTable the video content features, row-major {@code items x videoWidth}
   * @param videoWidth video content features per row
   * @param p hyper-parameters
   * @param validation scores a model on the validation period (higher is better); called once per
   *     epoch
   * @param checkpoint where the best epoch is written; null for a temporary file, deleted after
   * @param progress told each epoch's loss and validation score
   * @return the best epoch's model
   */
  public static Trained train(
      TwoTowerExamples examples,
      float[] videoTable,
      int videoWidth,
      TwoTowerModel.Params p,
      ToDoubleFunction<TwoTowerModel> validation,
      Path checkpoint,
      TrainingProgress progress) {
    int items = videoTable.length / videoWidth;
    int b = Math.min(p.batchSize(), examples.count());
    if (b < 2) {
      throw new IllegalArgumentException("need at least 2 examples, got " + examples.count());
    }
    TwoTowerModel model =
        TwoTowerModel.initial(
            examples.userWidth(), videoWidth, items, p, p.seed() + WEIGHT_SEED_OFFSET);
    LogQCorrection correction =
        p.logQ() ? LogQCorrection.of(examples.items(), items) : LogQCorrection.none(items);
    float[][] weights = model.weights();
    AdamBlock[] blocks = new AdamBlock[weights.length];
    float[][] grads = new float[weights.length][];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new AdamBlock(weights[i], i == 4 ? 0 : L2);
      grads[i] = blocks[i].grad;
    }
    TwoTowerBackprop pass = new TwoTowerBackprop(model, videoTable, b);
    InBatchSoftmax loss = new InBatchSoftmax(b);
    int d = p.dimension();
    float[] dU = new float[b * d];
    float[] dV = new float[b * d];
    int n = examples.count();
    int du = examples.userWidth();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(p.seed() + BATCH_SEED_OFFSET);
    double[] losses = new double[p.epochs()];
    double[] scores = new double[p.epochs()];
    int best = 0;
    int step = 0;
    Path file = checkpoint;
    try {
      if (file == null) {
        file = Files.createTempFile("two-tower", ".mlsd");
      }
      int batches = n / b;
      LongConsumer done =
          progress.begin(
              "two-tower, " + p.epochs() + " epochs x " + batches * b, (long) p.epochs() * batches);
      for (int epoch = 1; epoch <= p.epochs(); epoch++) {
        Shuffle.inPlace(order, n, rnd);
        double sum = 0;
        for (int k = 0; k < batches; k++) {
          for (int r = 0; r < b; r++) {
            int ex = order[k * b + r];
            System.arraycopy(examples.userX(), ex * du, pass.userX, r * du, du);
            pass.items[r] = examples.items()[ex];
          }
          pass.forward(b);
          sum += loss.lossAndGradient(pass.u, pass.v, pass.items, b, d, correction, dU, dV);
          pass.backward(dU, dV, b, grads);
          step++;
          for (AdamBlock block : blocks) {
            block.step(p.learningRate(), step);
          }
          done.accept(1);
        }
        losses[epoch - 1] = sum / batches;
        scores[epoch - 1] = validation.applyAsDouble(model);
        if (best == 0 || scores[epoch - 1] > scores[best - 1]) {
          best = epoch;
          model.save(file, "best epoch " + epoch + " of " + p.epochs() + " on validation");
        }
      }
      progress.end();
      for (int epoch = 1; epoch <= p.epochs(); epoch++) {
        progress.line(
            String.format(
                Locale.ROOT,
                "two-tower epoch %d/%d: %d examples, mean in-batch softmax loss %.4f%s,"
                    + " validation nDCG@10 %.4f%s",
                epoch,
                p.epochs(),
                batches * b,
                losses[epoch - 1],
                p.logQ() ? " (log-Q corrected)" : "",
                scores[epoch - 1],
                epoch == best ? " (kept)" : ""));
        progress.loss("two-tower", epoch, losses[epoch - 1]);
      }
      TwoTowerModel kept = TwoTowerModel.load(file);
      return new Trained(kept, best, losses, scores);
    } catch (IOException e) {
      throw new UncheckedIOException("two-tower checkpoint " + file, e);
    } finally {
      if (checkpoint == null && file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
