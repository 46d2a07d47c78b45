package dev.mlsd.core.serving;

/**
 * Ranking (scoring): the expensive model, run on the candidates only. Writes one score per
 * candidate with {@link Candidates#setScore(int, float)}; higher is better. The pipeline then sorts
 * by score, descending, ties by ascending id. A NaN score sorts last.
 *
 * <p>A ranker that serves a swappable model reads {@link ModelHolder#served()} once per call, uses
 * that model for every candidate, so one request never mixes two models, and records it with {@link
 * Candidates#scoredBy(ModelHolder.Served)}, so the answer names the version that scored it.
 *
 * <p>Thread safety: one instance serves every request thread; must be thread-safe. Per-thread
 * scratch (hidden-layer buffers) belongs in a {@link ThreadLocal} or in the module's request
 * object.
 *
 * <p>Book: chapter 1, "Serving" (ranking); chapter 8, "Model development".
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface Ranker<Q> {
  /**
   * Scores every candidate of one request.
   *
   * @param query the request
   * @param candidates the hydrated candidates; row {@code pos} of {@link Candidates#features()}
   *     starts at {@code pos * featureDim()}
   */
  void rank(Q query, Candidates candidates);
}
