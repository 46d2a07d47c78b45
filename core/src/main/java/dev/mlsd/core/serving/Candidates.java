package dev.mlsd.core.serving;

import dev.mlsd.core.hash.Murmur3;
import java.util.Arrays;

/**
 * One request's candidates: the primitive scratch state every stage reads and writes. Owned by one
 * thread, reset per request, never shared; nothing here allocates after construction.
 *
 * <p>Two views of the same data:
 *
 * <ul>
 *   <li>a <em>row</em> is where a candidate's data lives: its id, source, retrieval score, ranking
 *       score and feature row {@code features()[row * featureDim() ...]}; rows never move once
 *       features are hydrated;
 *   <li>a <em>position</em> is the candidate's place in the current order. Until ranking sorts,
 *       position equals row; afterwards {@link #row(int)} maps one to the other.
 * </ul>
 *
 * <p>Every accessor taking {@code pos} takes a position. Adds beyond {@link #capacity()} are
 * dropped and counted in {@link #overflow()}. A duplicate id adds no row: the first add wins its
 * {@link #source(int)} and {@link #retrievalScore(int)}, so earlier generators take precedence in
 * the default ranking.
 *
 * <p>Every generator's view is kept all the same, for a fusion layer (reciprocal rank fusion, a
 * learned blend): per row, one slot per generator holds that generator's rank (the 0-based order of
 * its adds this request; generators add best first) and its score, or {@code -1} and NaN when the
 * generator did not return the id. Read them with {@link #generatorRank(int, int)} and {@link
 * #generatorScore(int, int)}, or as primitive arrays by row ({@link #generatorRanks()}, {@link
 * #generatorScores()}, slot {@code row * generatorCount() + g}).
 *
 * <p>Thread safety: none; one instance per thread (see {@link ServingPipeline#newScratch()}).
 *
 * <p>Book: chapter 1, "Serving"; chapter 6 (merging several candidate generators).
 */
public final class Candidates {
  private final int capacity;
  private final int featureDim;
  private final int[] ids;
  private final int[] sources;
  private final float[] retrievalScores;
  private final float[] scores;
  private final float[] features;
  private final int[] order;
  private final long[] sortKeys;
  private final int generators;
  private final int[] generatorRanks;
  private final float[] generatorScores;
  private int size;
  private int overflow;
  private int currentSource;
  private ModelHolder.Served<?> scoredBy;
  private int currentRank;

  // de-duplication: open addressing, a slot is live when its stamp equals the request's stamp,
  // so a reset is one increment instead of clearing the table
  private final int[] setKeys;
  private final int[] setStamps;
  private final int[] setRows;
  private final int setMask;
  private int stamp = 1;

  /**
   * A list for one generator's candidates.
   *
   * @param capacity the most candidates one request may hold, at least 1
   * @param featureDim feature columns per candidate, at least 0
   */
  public Candidates(int capacity, int featureDim) {
    this(capacity, featureDim, 1);
  }

  /**
   * @param capacity the most candidates one request may hold, at least 1
   * @param featureDim feature columns per candidate, at least 0
   * @param generators how many generators feed it (one rank and score slot each), at least 1
   */
  public Candidates(int capacity, int featureDim, int generators) {
    if (generators < 1) {
      throw new IllegalArgumentException("generators must be >= 1, got " + generators);
    }
    if ((long) capacity * generators > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("capacity x generators too large");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    if (featureDim < 0) {
      throw new IllegalArgumentException("featureDim must be >= 0, got " + featureDim);
    }
    if ((long) capacity * featureDim > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("capacity x featureDim too large");
    }
    this.capacity = capacity;
    this.featureDim = featureDim;
    this.ids = new int[capacity];
    this.sources = new int[capacity];
    this.retrievalScores = new float[capacity];
    this.scores = new float[capacity];
    this.features = new float[capacity * featureDim];
    this.order = new int[capacity];
    this.sortKeys = new long[capacity];
    this.generators = generators;
    this.generatorRanks = new int[capacity * generators];
    this.generatorScores = new float[capacity * generators];
    int tableSize = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
    this.setKeys = new int[tableSize];
    this.setStamps = new int[tableSize];
    this.setRows = new int[tableSize];
    this.setMask = tableSize - 1;
  }

  /** Empties this list for the next request. */
  public void reset() {
    size = 0;
    overflow = 0;
    currentSource = 0;
    scoredBy = null;
    currentRank = 0;
    if (++stamp == 0) {
      Arrays.fill(setStamps, 0);
      stamp = 1;
    }
  }

  /**
   * Adds a candidate unless its id is already present or the list is full. Either way, the current
   * generator's rank and score are recorded for the id if it is in the list and this generator has
   * not returned it before.
   *
   * @param id the item id
   * @param retrievalScore the generator's own score (similarity, popularity); kept for re-rankers
   * @return whether a new row was added
   */
  public boolean add(int id, float retrievalScore) {
    int rank = currentRank++;
    int slot = Murmur3.fmix32(id) & setMask; // sequential ids spread over the table
    while (setStamps[slot] == stamp) {
      if (setKeys[slot] == id) {
        recordDuplicate(setRows[slot], id, rank, retrievalScore);
        return false;
      }
      slot = (slot + 1) & setMask;
    }
    if (size == capacity) {
      overflow++;
      return false;
    }
    setStamps[slot] = stamp;
    setKeys[slot] = id;
    setRows[slot] = size;
    int base = size * generators;
    for (int g = 0; g < generators; g++) {
      generatorRanks[base + g] = -1;
      generatorScores[base + g] = Float.NaN;
    }
    if (currentSource < generators) {
      generatorRanks[base + currentSource] = rank;
      generatorScores[base + currentSource] = retrievalScore;
    }
    ids[size] = id;
    sources[size] = currentSource;
    retrievalScores[size] = retrievalScore;
    scores[size] = 0f;
    order[size] = size;
    size++;
    return true;
  }

  private void recordDuplicate(int row, int id, int rank, float retrievalScore) {
    if (currentSource >= generators) {
      return; // a list made for fewer generators keeps no slot for this one
    }
    if (row >= size || ids[row] != id) {
      // rows moved (an add after filtering) or the id was filtered out: find it, if it is here
      row = -1;
      for (int r = 0; r < size; r++) {
        if (ids[r] == id) {
          row = r;
          break;
        }
      }
      if (row < 0) {
        return;
      }
    }
    int cell = row * generators + currentSource;
    if (generatorRanks[cell] < 0) {
      generatorRanks[cell] = rank;
      generatorScores[cell] = retrievalScore;
    }
  }

  /**
   * Sets the index of the generator whose adds follow (the pipeline calls this). A generator beyond
   * {@link #generatorCount()} still sets {@link #source(int)} but keeps no rank and score slot.
   */
  void beginSource(int generatorIndex) {
    if (generatorIndex < 0) {
      throw new IllegalArgumentException("generator index must be >= 0, got " + generatorIndex);
    }
    currentSource = generatorIndex;
    currentRank = 0;
  }

  /**
   * Keeps the candidates a filter accepts, in order. Only valid before hydration (moves rows).
   *
   * @param keep per position, whether to keep it; read for positions {@code [0, size())}
   */
  void compact(boolean[] keep) {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (keep[r]) {
        ids[w] = ids[r];
        sources[w] = sources[r];
        retrievalScores[w] = retrievalScores[r];
        if (w != r) {
          System.arraycopy(
              generatorRanks, r * generators, generatorRanks, w * generators, generators);
          System.arraycopy(
              generatorScores, r * generators, generatorScores, w * generators, generators);
        }
        order[w] = w;
        w++;
      }
    }
    size = w;
  }

  /**
   * Sorts positions by score, descending, ties by ascending id; NaN scores last. Rows do not move.
   */
  void sortByScore() {
    for (int p = 0; p < size; p++) {
      int r = order[p];
      float s = scores[r];
      int bits =
          Float.isNaN(s) ? Float.floatToIntBits(Float.NEGATIVE_INFINITY) : Float.floatToIntBits(s);
      // IEEE-754 to a signed int with the same order, then complemented for descending order
      int key = ~(bits ^ ((bits >> 31) & 0x7fffffff));
      sortKeys[p] = ((long) key << 32) | r;
    }
    // Arrays.sort(long[]) allocates on JDK 25 (about 100 B per call); this one does not
    LongSort.sort(sortKeys, 0, size);
    for (int p = 0; p < size; p++) {
      order[p] = (int) sortKeys[p];
    }
    // equal scores came out by row; put each run of equal keys in id order (runs are short)
    int start = 0;
    for (int p = 1; p <= size; p++) {
      if (p == size || (sortKeys[p] >>> 32) != (sortKeys[start] >>> 32)) {
        if (p - start > 1) {
          sortRunById(start, p);
        }
        start = p;
      }
    }
  }

  private void sortRunById(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int r = order[i];
      int id = ids[r];
      int j = i - 1;
      while (j >= from && ids[order[j]] > id) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = r;
    }
  }

  /**
   * Records the model that scored these candidates: a {@link Ranker} serving from a {@link
   * ModelHolder} reads {@link ModelHolder#served()} once per request, scores with that model and
   * records it here, so the answer reports the version of the very weights that produced its scores
   * even when a swap happens mid-request.
   */
  public void scoredBy(ModelHolder.Served<?> served) {
    this.scoredBy = served;
  }

  /** The model recorded by {@link #scoredBy(ModelHolder.Served)} for this request, or null. */
  public ModelHolder.Served<?> scoredBy() {
    return scoredBy;
  }

  /** How many candidates the list holds now. */
  public int size() {
    return size;
  }

  /** The most candidates the list can hold. */
  public int capacity() {
    return capacity;
  }

  /** How many adds this request were dropped because the list was full. */
  public int overflow() {
    return overflow;
  }

  /** Feature columns per candidate row. */
  public int featureDim() {
    return featureDim;
  }

  /**
   * The ids by row. Before ranking sorts, rows equal positions, so the first {@link #size()}
   * entries are the candidates in order, ready for one batch feature read. Do not modify.
   */
  public int[] ids() {
    return ids;
  }

  /**
   * The feature matrix, row-major, {@link #featureDim()} columns per row; hydrators and rankers
   * index it by row.
   */
  public float[] features() {
    return features;
  }

  /** The row holding the candidate now at position {@code pos}. */
  public int row(int pos) {
    checkPos(pos);
    return order[pos];
  }

  /** The offset of the feature row of the candidate at position {@code pos}. */
  public int featureOffset(int pos) {
    return row(pos) * featureDim;
  }

  /** The id of the candidate at position {@code pos}. */
  public int id(int pos) {
    return ids[row(pos)];
  }

  /** The index, in declaration order, of the generator that added the candidate at {@code pos}. */
  public int source(int pos) {
    return sources[row(pos)];
  }

  /** The generator's score of the candidate at {@code pos}. */
  public float retrievalScore(int pos) {
    return retrievalScores[row(pos)];
  }

  /** How many generators this list keeps a rank and score slot for. */
  public int generatorCount() {
    return generators;
  }

  /**
   * Generator {@code g}'s rank of the candidate at {@code pos}: 0 for its first add this request,
   * or -1 if that generator did not return it.
   */
  public int generatorRank(int pos, int g) {
    return generatorRanks[cell(pos, g)];
  }

  /**
   * Generator {@code g}'s score of the candidate at {@code pos}, or NaN if it did not return it.
   */
  public float generatorScore(int pos, int g) {
    return generatorScores[cell(pos, g)];
  }

  /**
   * Every generator's rank by row: slot {@code row * generatorCount() + g}, -1 when absent. Valid
   * for rows {@code [0, size())}. Do not modify.
   */
  public int[] generatorRanks() {
    return generatorRanks;
  }

  /**
   * Every generator's score by row: slot {@code row * generatorCount() + g}, NaN when absent. Valid
   * for rows {@code [0, size())}. Do not modify.
   */
  public float[] generatorScores() {
    return generatorScores;
  }

  private int cell(int pos, int g) {
    if (g < 0 || g >= generators) {
      throw new IndexOutOfBoundsException("generator " + g + " of " + generators);
    }
    return row(pos) * generators + g;
  }

  /** The ranking score of the candidate at {@code pos}; 0 before ranking. */
  public float score(int pos) {
    return scores[row(pos)];
  }

  /** Sets the ranking score of the candidate at {@code pos}. */
  public void setScore(int pos, float score) {
    scores[row(pos)] = score;
  }

  /** Swaps two positions. */
  public void swap(int a, int b) {
    checkPos(a);
    checkPos(b);
    int t = order[a];
    order[a] = order[b];
    order[b] = t;
  }

  /** Moves the candidate at {@code from} to {@code to}, shifting those between by one. */
  public void moveTo(int from, int to) {
    checkPos(from);
    checkPos(to);
    int r = order[from];
    if (from < to) {
      System.arraycopy(order, from + 1, order, from, to - from);
    } else if (from > to) {
      System.arraycopy(order, to, order, to + 1, from - to);
    }
    order[to] = r;
  }

  /** Removes the candidate at {@code pos}; later positions move up by one. */
  public void remove(int pos) {
    checkPos(pos);
    System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
    size--;
  }

  /** Keeps only the first {@code n} positions (no-op when {@code n >= size()}). */
  public void truncate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n < size) {
      size = n;
    }
  }

  private void checkPos(int pos) {
    if (pos < 0 || pos >= size) {
      throw new IndexOutOfBoundsException("position " + pos + " of " + size + " candidates");
    }
  }
}
