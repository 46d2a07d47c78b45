package dev.mlsd.core.ann;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Exhaustive nearest-neighbour search: scores the query against every live vector with the SIMD
 * kernels ({@link VectorKernels#best()}). The reference every approximate index is measured
 * against, and on small or heavily filtered sets the fastest index there is: its cost is {@code n *
 * d} multiply-adds per query, with perfectly sequential memory reads.
 *
 * <p>Searchers ignore {@link SearchParams} (it may be null): the answer is always exact. A filter
 * given as an {@link IdBitSet} is scanned id by id of the set (its cost is the number of accepted
 * vectors); any other filter is tested on every id.
 *
 * <p>Thread safety: {@link #add} and {@link #delete} take a write lock, searches a read lock. Any
 * number of searches (each on its own {@link Searcher}) may run concurrently with each other and
 * with writes; a search sees every write that completed before it started and none that started
 * after.
 *
 * <p>Book: chapter 2 (visual search), section "Exact nearest neighbor".
 */
public final class ExactIndex implements VectorIndex {
  private final VectorStore store;
  // allocation-free read locking (see HnswIndex); not reentrant: no method takes it twice
  private final ReadWriteLock lock = new StampedLock().asReadWriteLock();

  /**
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   */
  public ExactIndex(int dimension, Similarity similarity) {
    this(dimension, similarity, 16);
  }

  /**
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   * @param expectedSize how many vectors to make room for before the storage grows
   */
  public ExactIndex(int dimension, Similarity similarity, int expectedSize) {
    this.store = new VectorStore(dimension, similarity, expectedSize);
  }

  @Override
  public int dimension() {
    return store.dimension;
  }

  @Override
  public Similarity similarity() {
    return store.similarity;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return store.size;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int liveCount() {
    lock.readLock().lock();
    try {
      return store.liveCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int add(float[] vector) {
    lock.writeLock().lock();
    try {
      return store.add(vector);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean delete(int id) {
    lock.writeLock().lock();
    try {
      return store.delete(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean isDeleted(int id) {
    lock.readLock().lock();
    try {
      store.checkId(id);
      return store.isDeleted(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Searcher newSearcher() {
    float[] query = new float[store.dimension];
    int[] ids = new int[VectorStore.SCAN_BATCH];
    float[] scores = new float[VectorStore.SCAN_BATCH + 3];
    return (q, params, filter, results) -> {
      store.prepareQuery(q, query);
      lock.readLock().lock();
      try {
        store.scan(query, filter, results, ids, scores, null); // never mapped
      } finally {
        lock.readLock().unlock();
      }
    };
  }
}
