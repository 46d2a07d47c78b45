package dev.mlsd.core.serving.ranking;

import dev.mlsd.core.serving.Candidates;

/**
 * How a {@link GraphRanker} turns one request's candidates into rows of its model's input: the
 * module's own encoding (request-side ids once, each candidate's ids and hydrated features).
 *
 * <p>Contract: writes rows {@code [0, candidates.size())}, row {@code r} being the candidate at
 * position {@code r} (positions equal rows while ranking runs): {@code floats[r * inputWidth ...]}
 * and {@code ids[r * idWidth ...]}, the widths of the served graph. Allocates nothing.
 *
 * <p>Thread safety: called from many threads at once, each with its own arrays; must be thread-safe
 * (normally immutable). Per-thread working arrays belong in a {@link ThreadLocal} of the
 * implementation.
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface GraphInputs<Q> {
  /**
   * Writes the model inputs of every candidate of one request.
   *
   * @param query the request
   * @param candidates the hydrated candidates, positions equal rows
   * @param floats the float input rows, {@code inputWidth} per row (unused when it is 0)
   * @param ids the id input rows, {@code idWidth} per row (unused when it is 0)
   */
  void write(Q query, Candidates candidates, float[] floats, int[] ids);
}
