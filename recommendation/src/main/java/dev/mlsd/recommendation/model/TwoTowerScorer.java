package dev.mlsd.recommendation.model;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * The served two-tower model: the user tower exported into a core {@link InferenceGraph} (two dense
 * layers, {@link TwoTowerModel#exportUserTower()}), and the video tower's outputs for every item,
 * computed once in batch. Relevance is the dot product {@code u . v}, the logit the in-batch
 * softmax was trained on (before its log-Q correction, which is a training-time device only).
 *
 * <p>Not thread-safe: owns the user feature row, the embedding and the inference scratch; make one
 * per thread with {@link #copyForThread()}.
 *
 * <p>Book: chapter 6, "Serving" (two-tower retrieval; video embeddings precomputed).
 */
public final class TwoTowerScorer implements ItemScorer {
  private final InferenceGraph userTower;
  private final float[] itemEmbeddings;
  private final int dimension;
  private final FeaturePipeline features;
  private final float[] userRow;
  private final float[] user;
  private final Scratch scratch;

  /**
   * @param userTower the exported user tower, input width = user features, output = dimension
   * @param itemEmbeddings row-major {@code items x dimension}
   * @param features the shared feature pipeline
   */
  public TwoTowerScorer(
      InferenceGraph userTower, float[] itemEmbeddings, FeaturePipeline features) {
    this.userTower = userTower;
    this.itemEmbeddings = itemEmbeddings;
    this.dimension = userTower.outputWidth();
    this.features = features;
    this.userRow = new float[userTower.inputWidth()];
    this.user = new float[dimension];
    this.scratch = userTower.newScratch(1);
  }

  /** Builds the served model from a trained one. */
  public static TwoTowerScorer fromTrained(TwoTowerModel model, FeaturePipeline features) {
    return new TwoTowerScorer(
        model.exportUserTower(), model.itemEmbeddings(features.videoFeatures().table()), features);
  }

  /** Another scorer sharing the (read-only) model, with its own scratch. */
  public TwoTowerScorer copyForThread() {
    return new TwoTowerScorer(userTower, itemEmbeddings, features);
  }

  @Override
  public String name() {
    return "two-tower";
  }

  /** The exported user tower. */
  public InferenceGraph userTower() {
    return userTower;
  }

  /** The video tower's output for every item (read only). */
  public float[] itemEmbeddings() {
    return itemEmbeddings;
  }

  /** The embedding width. */
  public int dimension() {
    return dimension;
  }

  /**
   * The request's user embedding; valid until the next call on this scorer.
   *
   * @param request the request
   */
  public float[] userVector(UserRequest request) {
    features.encodeUser(request, userRow);
    userTower.score(userRow, 1, user, scratch);
    return user;
  }

  /** Writes the user embedding of an already-encoded user row into {@code out}. */
  public void userVector(float[] encodedUser, float[] out) {
    userTower.score(encodedUser, 1, out, scratch);
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    float[] u = userVector(request);
    int items = itemEmbeddings.length / dimension;
    for (int i = 0; i < items; i++) {
      float s = 0;
      int o = i * dimension;
      for (int j = 0; j < dimension; j++) {
        s += u[j] * itemEmbeddings[o + j];
      }
      out[i] = s;
    }
  }
}
