package dev.mlsd.core.serving;

/**
 * Feature hydration: fills the candidates' feature rows, normally from the feature store (see
 * {@link StoreFeatureHydrator}), or from request-time (online) features.
 *
 * <p>Layout: each candidate has one {@code float} row of {@link Candidates#featureDim()} columns in
 * {@link Candidates#features()}, row {@code pos} starting at {@code pos * featureDim()}. The
 * pipeline gives each hydrator its own block of {@link #columns()} columns, in declaration order; a
 * hydrator writes only columns {@code [firstColumn, firstColumn + columns())} of rows {@code [0,
 * size())}. When hydration runs, positions equal rows and {@link Candidates#ids()} holds the ids in
 * position order, ready for one batch read.
 *
 * <p>Thread safety: one instance serves every request thread; must be thread-safe.
 *
 * <p>Book: chapter 1, "Feature store"; chapter 8, "Feature engineering".
 *
 * @param <Q> the module's request type
 */
public interface FeatureHydrator<Q> {
  /** How many feature columns this hydrator writes per candidate; fixed for its lifetime. */
  int columns();

  /**
   * Writes this hydrator's columns for every candidate of one request.
   *
   * @param query the request
   * @param candidates the request's candidates, positions equal rows
   * @param firstColumn the first column of this hydrator's block
   */
  void hydrate(Q query, Candidates candidates, int firstColumn);
}
