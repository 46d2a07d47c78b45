package dev.mlsd.core.metrics.lists;

/**
 * The similarity of two items, by id, usually in [0, 1] (1 = the same). Must be symmetric.
 * Implementations should be stateless or thread-confined; they are called once per pair.
 */
@FunctionalInterface
public interface ItemSimilarity {
  /** The similarity of items {@code a} and {@code b}. */
  double similarity(int a, int b);
}
