package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.function.LongConsumer;

/**
 * One entry of the model lineup: a name, whether it is a neural model (reported over several
 * seeds), its hyper-parameters as text for the model card, and how to train it.
 *
 * @param name display name
 * @param neural whether it is trained by stochastic gradient from a random start (report seeds)
 * @param hyperParameters a rendering of the hyper-parameters
 * @param trainer trains the model
 */
public record ModelSpec(String name, boolean neural, String hyperParameters, Trainer trainer) {
  /** Trains one model. */
  @FunctionalInterface
  public interface Trainer {
    /**
     * @param train training rows, time-ordered
     * @param validation later rows, for early stopping
     * @param seed the seed
     * @param progress receives the number of rows processed as training goes
     */
    ClickModel train(EncodedRows train, EncodedRows validation, long seed, LongConsumer progress);
  }

  /** Rows each training run processes, for sizing a progress bar (epochs x rows, upper bound). */
  public long work(int trainRows) {
    return (long) trainRows * (neural ? NeuralParams.DEFAULT.maxEpochs() : 8);
  }
}
