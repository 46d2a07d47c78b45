package dev.mlsd.core.ann;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * A filter given as the set of ids a search may return, one bit per id ({@code size / 8} bytes).
 *
 * <p>Any {@link IntPredicate} works as a filter. This one also tells the index which ids pass
 * without asking about each: when a filter is so selective that the search scans the passing
 * vectors exactly ({@link SearchParams#exactBelowSelectivity()}), the index walks the set's words
 * and scores only the ids whose bits are set, 64 ids per word, as Lucene scans its accepted
 * documents; with a plain predicate it must test every id of the index. At 1% of a million ids that
 * is 10,000 vectors scored instead of a million predicate calls. The selectivity is then read from
 * the set's count instead of estimated from a sample.
 *
 * <p>Ids at or past {@link #size()}, and negative ids, are not in the set: an index that has grown
 * since the set was made never returns its new ids through it.
 *
 * <p>Not thread-safe for writes: fill it, then let any number of searches read it; do not change it
 * while a search uses it.
 */
public final class IdBitSet implements IntPredicate {
  final long[] words;
  private final int size;
  private int cardinality;

  /**
   * An empty set over ids {@code 0..size-1}.
   *
   * @param size one more than the largest id the set can hold, at least 0
   */
  public IdBitSet(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    this.size = size;
    this.words = new long[(size + 63) >>> 6];
  }

  /**
   * A copy of the ids set in {@code bits} below {@code size} (later changes to {@code bits} do not
   * show).
   *
   * @param bits the ids
   * @param size one more than the largest id the set can hold
   */
  public static IdBitSet of(BitSet bits, int size) {
    IdBitSet set = new IdBitSet(size);
    long[] src = bits.toLongArray();
    System.arraycopy(src, 0, set.words, 0, Math.min(src.length, set.words.length));
    int tail = size & 63;
    if (tail != 0 && src.length >= set.words.length) {
      set.words[set.words.length - 1] &= (1L << tail) - 1; // drop ids at or past size
    }
    for (long w : set.words) {
      set.cardinality += Long.bitCount(w);
    }
    return set;
  }

  /** One more than the largest id the set can hold. */
  public int size() {
    return size;
  }

  /** How many ids the set holds. */
  public int cardinality() {
    return cardinality;
  }

  /**
   * Adds an id.
   *
   * @return whether it was absent
   * @throws IllegalArgumentException if the id is negative or at least {@link #size()}
   */
  public boolean add(int id) {
    checkId(id);
    long bit = 1L << id;
    long w = words[id >>> 6];
    if ((w & bit) != 0) {
      return false;
    }
    words[id >>> 6] = w | bit;
    cardinality++;
    return true;
  }

  /**
   * Removes an id.
   *
   * @return whether it was present
   * @throws IllegalArgumentException if the id is negative or at least {@link #size()}
   */
  public boolean remove(int id) {
    checkId(id);
    long bit = 1L << id;
    long w = words[id >>> 6];
    if ((w & bit) == 0) {
      return false;
    }
    words[id >>> 6] = w & ~bit;
    cardinality--;
    return true;
  }

  /** Whether the id is in the set (false for negative ids and ids at or past the size). */
  @Override
  public boolean test(int id) {
    return id >= 0 && id < size && (words[id >>> 6] & (1L << id)) != 0;
  }

  /**
   * The smallest id in the set at or after {@code from}, or -1 when there is none.
   *
   * @param from where to start, at least 0
   */
  public int nextSetBit(int from) {
    if (from < 0) {
      throw new IllegalArgumentException("from must be >= 0, got " + from);
    }
    if (from >= size) {
      return -1;
    }
    int w = from >>> 6;
    long bits = words[w] & (-1L << from);
    while (bits == 0) {
      if (++w == words.length) {
        return -1;
      }
      bits = words[w];
    }
    return (w << 6) + Long.numberOfTrailingZeros(bits);
  }

  private void checkId(int id) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException("id " + id + " outside the set's 0.." + (size - 1));
    }
  }
}
