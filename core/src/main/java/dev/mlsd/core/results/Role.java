package dev.mlsd.core.results;

import java.util.Locale;

/**
 * What a model is in a module's comparison. Book: chapter 1, "Evaluation" (a model is judged
 * against a trivial predictor and the book's baseline).
 */
public enum Role {
  /** A predictor that ignores the input (the base rate, the most popular items). */
  TRIVIAL,
  /** The book's baseline (logistic regression, matrix factorisation, ...). */
  BASELINE,
  /** A model considered for serving. */
  CANDIDATE,
  /** The model the module serves; its entry carries the serving latency. */
  SERVED;

  /** The name in {@code results.json}: lower case. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code json} in a file. */
  public static Role fromJson(String json) {
    return valueOf(json.toUpperCase(Locale.ROOT));
  }
}
