package dev.mlsd.harmful;

import dev.mlsd.harmful.evaluation.PrecisionTargets;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.model.MultiTaskParams;

/**
 * Everything {@link HarmfulContentSystem} is built from.
 *
 * @param seed the master seed: split, training (first network), bootstrap, replay
 * @param trainSubsample the most training posts used (all of them in the full run; a few thousand
 *     with {@code --quick})
 * @param features the featuriser's parameters
 * @param network the multi-task network's training parameters
 * @param seeds networks trained with seeds {@code seed, seed + 1, ...}; the first is served
 * @param focalComparison whether to train one more network with focal loss, for comparison
 * @param baselineLambda the baseline's L2 penalty (chosen on validation from {0.3, 1, 3, 10, 30,
 *     100, 300}: 100)
 * @param targets the enforcement policy's precision targets
 * @param bootstrapResamples resamples of every bootstrap interval
 * @param retrainEpochs epochs of the retraining round on the reviewed examples
 * @param replayPosts the most test posts replayed through the server (all in the full run)
 * @param baselineHateWeight the baseline's hate-class weight (1 unweighted)
 * @param trainingThreads models trained at once (each DL4J network runs on one thread with {@code
 *     OMP_NUM_THREADS=1}; every model is seeded on its own thread, so the results do not depend on
 *     this)
 * @param inSampleAnchor whether to measure the baseline in-sample too, the authors' protocol (about
 *     10 s more)
 * @param wordVectors whether the featuriser adds the pretrained word-vector family ({@link
 *     dev.mlsd.harmful.features.PooledWordVectors}; an option, off by default, see the README's
 *     section 5)
 */
public record SystemParams(
    long seed,
    int trainSubsample,
    FeatureParams features,
    MultiTaskParams network,
    int seeds,
    boolean focalComparison,
    double baselineLambda,
    PrecisionTargets targets,
    int bootstrapResamples,
    int retrainEpochs,
    int replayPosts,
    int baselineHateWeight,
    int trainingThreads,
    boolean inSampleAnchor,
    boolean wordVectors) {

  /** Checks the counts. */
  public SystemParams {
    if (seeds < 1
        || trainSubsample < 100
        || bootstrapResamples < 1
        || retrainEpochs < 1
        || replayPosts < 1
        || baselineHateWeight < 1
        || trainingThreads < 1) {
      throw new IllegalArgumentException(
          "seeds, trainSubsample, resamples, epochs, weights and threads must be >= 1");
    }
  }

  /** The full demo: all data, three seeds, focal-loss comparison, 1000 bootstrap resamples. */
  public static SystemParams full(long seed) {
    return new SystemParams(
        seed,
        Integer.MAX_VALUE,
        FeatureParams.DEFAULT,
        MultiTaskParams.DEFAULT,
        3,
        true,
        100,
        PrecisionTargets.DEFAULT,
        1000,
        2,
        Integer.MAX_VALUE,
        1,
        defaultThreads(),
        true,
        false);
  }

  /**
   * {@code --quick}, a smoke run labelled as such: 3,000 training posts, one seed, three epochs,
   * 200 resamples, 600 posts replayed.
   */
  public static SystemParams quick(long seed) {
    return new SystemParams(
        seed,
        3000,
        FeatureParams.DEFAULT,
        MultiTaskParams.DEFAULT.withMaxEpochs(3),
        1,
        false,
        100,
        PrecisionTargets.DEFAULT,
        200,
        1,
        600,
        1,
        defaultThreads(),
        false,
        false);
  }

  /** The same with another number of seeds and with or without the focal-loss network. */
  public SystemParams withNetworks(int seedCount, boolean focal) {
    return new SystemParams(
        seed,
        trainSubsample,
        features,
        network,
        seedCount,
        focal,
        baselineLambda,
        targets,
        bootstrapResamples,
        retrainEpochs,
        replayPosts,
        baselineHateWeight,
        trainingThreads,
        inSampleAnchor,
        wordVectors);
  }

  /** The same training the models on {@code threads} threads. */
  public SystemParams withTrainingThreads(int threads) {
    return new SystemParams(
        seed,
        trainSubsample,
        features,
        network,
        seeds,
        focalComparison,
        baselineLambda,
        targets,
        bootstrapResamples,
        retrainEpochs,
        replayPosts,
        baselineHateWeight,
        threads,
        inSampleAnchor,
        wordVectors);
  }

  /** The same with or without the pretrained word-vector family. */
  public SystemParams withWordVectors(boolean on) {
    return new SystemParams(
        seed,
        trainSubsample,
        features,
        network,
        seeds,
        focalComparison,
        baselineLambda,
        targets,
        bootstrapResamples,
        retrainEpochs,
        replayPosts,
        baselineHateWeight,
        trainingThreads,
        inSampleAnchor,
        on);
  }

  /** Two threads, or one on a one-core machine. */
  static int defaultThreads() {
    return Math.min(2, Runtime.getRuntime().availableProcessors());
  }
}
