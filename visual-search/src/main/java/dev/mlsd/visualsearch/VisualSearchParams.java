package dev.mlsd.visualsearch;

import dev.mlsd.visualsearch.serving.ServingParams;
import java.nio.file.Path;

/**
 * Everything {@link VisualSearchSystem#build} needs, fixed before anything runs.
 *
 * @param dataset {@code fashion-mnist} (default) or {@code cifar10-test}
 * @param seed seed of every random choice
 * @param quick a smoke run: a seeded sample of 2,000 gallery images and 200 queries, {@link
 *     #QUICK_TRAIN_SECONDS} seconds of training
 * @param retrain train the encoder even when a cached one matches its card
 * @param trainBudgetSeconds the encoder's wall-clock training budget
 * @param modelDir where trained encoders are cached
 * @param serving the serving knobs
 * @param supervisedReference also train (or load) the supervised-contrastive encoder, which reads
 *     the labels, as the upper reference of the comparison; it is never served
 */
public record VisualSearchParams(
    String dataset,
    long seed,
    boolean quick,
    boolean retrain,
    int trainBudgetSeconds,
    Path modelDir,
    ServingParams serving,
    boolean supervisedReference) {

  /** The datasets this module reads. */
  public static final java.util.List<String> DATASETS =
      java.util.List.of("fashion-mnist", "cifar10-test");

  public VisualSearchParams {
    if (!DATASETS.contains(dataset)) {
      throw new IllegalArgumentException(
          "visual-search runs on " + DATASETS + ", not '" + dataset + "'");
    }
    if (trainBudgetSeconds < 1) {
      throw new IllegalArgumentException("the training budget must be at least 1 second");
    }
  }

  /** The training budget of a quick run, in seconds: a handful of steps, a smoke test only. */
  public static final int QUICK_TRAIN_SECONDS = 3;

  /** Gallery images kept in a quick run (a seeded sample). */
  public int galleryLimit() {
    return quick ? 2_000 : Integer.MAX_VALUE;
  }

  /** Queries kept in a quick run (a seeded sample). */
  public int queryLimit() {
    return quick ? 200 : Integer.MAX_VALUE;
  }
}
