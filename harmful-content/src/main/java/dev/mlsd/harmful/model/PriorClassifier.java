package dev.mlsd.harmful.model;

import dev.mlsd.harmful.features.EncodedPosts;

/**
 * The trivial model: every post gets each category's training prevalence. Its PR-AUC is the
 * prevalence and its ROC-AUC 0.5: the floor every other row must clear.
 */
public final class PriorClassifier implements HarmClassifier {
  private final float[] prior;

  /** Learns the prevalence of each task, {@code labels[task][post]}. */
  public PriorClassifier(boolean[][] labels) {
    prior = new float[labels.length];
    for (int t = 0; t < labels.length; t++) {
      int c = 0;
      for (boolean b : labels[t]) {
        c += b ? 1 : 0;
      }
      prior[t] = (float) c / labels[t].length;
    }
  }

  @Override
  public String name() {
    return "prior (trivial)";
  }

  @Override
  public float[][] predict(EncodedPosts posts) {
    float[][] p = new float[prior.length][posts.size()];
    for (int t = 0; t < prior.length; t++) {
      java.util.Arrays.fill(p[t], prior[t]);
    }
    return p;
  }
}
