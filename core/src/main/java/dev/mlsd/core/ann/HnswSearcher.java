package dev.mlsd.core.ann;

import java.util.function.IntPredicate;

/**
 * Searches one {@link HnswIndex}: a greedy descent through the upper layers, then a beam search of
 * width ef on layer 0 (Malkov and Yashunin, Algorithms 2 and 5).
 *
 * <p>Owns its scratch state and reuses it across queries: the visited marks (a bit per node that
 * the next walk clears by its list of marked nodes, {@link VisitedSet}), a max-heap of candidates
 * to expand and a min-heap of the ef best results, both primitive ({@link NeighborHeap}), and the
 * prepared query. A query allocates nothing.
 *
 * <p>Scoring: when it expands a node, the searcher first gathers the node's unvisited neighbours,
 * then scores them four vectors per kernel call ({@link VectorKernels#dot4}), then offers them to
 * the heaps in link order. A graph search jumps between vectors far apart in memory, so it waits on
 * memory more than it computes; four vectors read in one loop keep four streams of reads in flight
 * (about twice as many vectors scored per second at d 784). The scores are the one-vector kernels'
 * bit for bit, so the answers do not change.
 *
 * <p>On a quantized index ({@link HnswIndex#quantize}), a searcher from {@link
 * HnswIndex#newQuantizedSearcher} walks the graph on the int8 codes (a quarter of the bytes per
 * visited vector) and re-scores the best {@link SearchParams#rescoreMultiple()} times k of the ef
 * candidates with the float vectors, so the scores it returns are exact and only the choice of
 * candidates is approximate. On an index from {@link HnswIndex#loadQuantized} the re-score reads
 * those few float vectors from the mapped index file. Such a walk reads each node's layer-0 links
 * from beside its codes ({@link QuantizedVectors}), the float walk from the graph's link array.
 *
 * <p>Filters: an id that fails the filter still routes the walk but is never a result. When few ids
 * pass ({@link SearchParams#exactBelowSelectivity()}), or the walk has scored more nodes than pass,
 * the searcher scans the passing vectors exactly instead: only the ids of an {@link IdBitSet}, four
 * vectors per kernel call; every id, each tested, for any other predicate.
 *
 * <p>Not thread-safe: one searcher per thread. It takes the index's read lock for the length of a
 * query, so queries run concurrently with {@link HnswIndex#add} and each sees the graph between two
 * insertions.
 */
public final class HnswSearcher implements VectorIndex.Searcher {
  /** Filter selectivity is estimated on this many ids (evenly spaced) when the index is larger. */
  private static final int SELECTIVITY_SAMPLE = 2048;

  private final HnswIndex index;
  private final boolean quantized;
  private final float[] query;
  // quantized search: the codes of the current query (null on the float path), the query's weights
  // against them, and its constants (see ScalarQuantizer)
  private QuantizedVectors codes;
  private final float[] weights;
  private float queryConstant;
  private float queryNorm2;
  private final NeighborHeap candidates = new NeighborHeap(256, true);
  final NeighborHeap results = new NeighborHeap(256, false);
  // the unvisited neighbours of the node being expanded, and their scores: scored four at a time
  private final int[] batch;
  // a quantized walk's copy of the expanded node's layer-0 links, from beside its codes
  private final int[] linkCopy;
  // four float vectors copied from the mapped file to be re-scored (null when they are on the heap)
  private final float[] rows;
  private final float[] batchScores;
  // the candidates re-scored with the floats after a quantized search (grown on demand)
  private int[] rescoreIds = new int[0];
  private float[] rescoreScores = new float[3];
  private final VisitedSet visited = new VisitedSet();
  private int visitedCount;
  private int descentCount;

  HnswSearcher(HnswIndex index, boolean quantized) {
    this.index = index;
    this.quantized = quantized;
    this.query = new float[index.dimension()];
    this.weights = new float[quantized ? index.dimension() : 0];
    this.batch = new int[index.graph.m0];
    this.linkCopy = new int[index.graph.m0 + 1];
    this.rows = index.store.isMapped() ? new float[4 * index.dimension()] : null;
    this.batchScores = new float[index.graph.m0 + 3]; // room for a padded last group
  }

  @Override
  public void search(float[] q, SearchParams params, IntPredicate filter, TopKCollector collector) {
    VectorStore store = index.store;
    store.prepareQuery(q, query);
    index.lock.readLock().lock();
    try {
      searchLocked(params, filter, collector);
    } finally {
      index.lock.readLock().unlock();
    }
  }

  /**
   * How many vectors the last query scored, on every layer (for reports: unlike time, it does not
   * depend on the machine). An exhaustive fallback counts every vector it scanned.
   */
  public int visitedCount() {
    return visitedCount;
  }

  private void searchLocked(SearchParams params, IntPredicate filter, TopKCollector collector) {
    VectorStore store = index.store;
    HnswGraph graph = index.graph;
    int live = store.liveCount();
    if (live == 0) {
      return;
    }
    int visitLimit = Integer.MAX_VALUE;
    if (filter != null) {
      long passing = estimatePassing(filter, store);
      if (passing < (long) Math.ceil(params.exactBelowSelectivity() * live)
          || passing <= collector.k()) {
        visitedCount = store.scan(query, filter, collector, batch, batchScores, rows);
        return;
      }
      // past this many scored nodes, scanning the passing ones would have been cheaper
      visitLimit = (int) Math.min(Integer.MAX_VALUE, passing);
    }
    int ef = Math.max(params.ef(), collector.k());
    if (quantized) {
      codes = index.quantized;
      queryConstant = codes.quantizer.prepareQuery(query, weights);
      queryNorm2 = Kernels.IMPL.dot(query, 0, query, 0, query.length);
    }
    long ep = descend(query, 0, graph.entryPoint, graph.maxLevel, 0);
    boolean complete =
        searchLayer(
            query,
            0,
            NeighborHeap.unpackId(ep),
            NeighborHeap.unpackScore(ep),
            ef,
            0,
            filter,
            store.deletedCount > 0,
            visitLimit);
    visitedCount += descentCount;
    if (!complete || (results.size() < collector.k() && results.size() < live)) {
      codes = null;
      // the graph could not supply k results (a selective filter or many deletions): be exact
      visitedCount += store.scan(query, filter, collector, batch, batchScores, rows);
      return;
    }
    if (codes != null) {
      // the graph was walked on codes: keep the best rescoreMultiple * k by approximate score
      // (the min-heap pops its worst first), then re-score them with the float vectors, exactly
      codes = null;
      long keep = (long) params.rescoreMultiple() * collector.k();
      while (results.size() > keep) {
        results.popKey();
      }
      int n = results.size();
      if (rescoreIds.length < n) {
        rescoreIds = new int[n];
        rescoreScores = new float[n + 3];
      }
      for (int i = 0; i < n; i++) {
        rescoreIds[i] = NeighborHeap.unpackId(results.keyAt(i));
      }
      store.scoreInto(query, 0, rescoreIds, n, rescoreScores, rows); // the heap or the file
      for (int i = 0; i < n; i++) {
        collector.collect(rescoreIds[i], rescoreScores[i]);
      }
      return;
    }
    for (int i = 0, n = results.size(); i < n; i++) {
      long key = results.keyAt(i);
      collector.collect(NeighborHeap.unpackId(key), NeighborHeap.unpackScore(key));
    }
  }

  /**
   * How many live ids pass the filter: an {@link IdBitSet}'s count when it is exact (no deletions,
   * no ids past the index), else an estimate from at most SELECTIVITY_SAMPLE tested ids.
   */
  private static long estimatePassing(IntPredicate filter, VectorStore store) {
    int n = store.size;
    boolean anyDeleted = store.deletedCount > 0;
    if (filter instanceof IdBitSet accepted && !anyDeleted && accepted.size() <= n) {
      return accepted.cardinality();
    }
    if (n <= 4 * SELECTIVITY_SAMPLE) {
      int pass = 0;
      for (int id = 0; id < n; id++) {
        if ((!anyDeleted || !store.isDeleted(id)) && filter.test(id)) {
          pass++;
        }
      }
      return pass;
    }
    int pass = 0;
    for (int i = 0; i < SELECTIVITY_SAMPLE; i++) {
      int id = (int) ((long) i * n / SELECTIVITY_SAMPLE);
      if ((!anyDeleted || !store.isDeleted(id)) && filter.test(id)) {
        pass++;
      }
    }
    return (long) pass * n / SELECTIVITY_SAMPLE;
  }

  /**
   * Greedy descent: from the entry point on layer {@code fromLevel}, moves to the best neighbour
   * while one improves, layer by layer down to {@code toLevel + 1}.
   *
   * @return the packed (id, score) of the node reached
   */
  long descend(float[] qa, int qo, int entry, int fromLevel, int toLevel) {
    HnswGraph graph = index.graph;
    int cur = entry;
    float curScore = score(qa, qo, cur);
    int scored = 1;
    // a node scored once is never better than the current node again (the walk only moves up),
    // so one set of visited marks spans all layers of the descent
    VisitedSet seen = visited;
    seen.reset(graph.size);
    seen.visit(cur);
    for (int level = fromLevel; level > toLevel; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int[] links = graph.upper[cur];
        int off = (level - 1) * (graph.m + 1);
        int end = off + 1 + links[off];
        int nb = 0;
        for (int j = off + 1; j < end; j++) {
          int n = links[j];
          if (seen.visit(n)) {
            batch[nb++] = n;
          }
        }
        scored += nb;
        scoreInto(qa, qo, batch, nb, batchScores);
        for (int b = 0; b < nb; b++) {
          float s = batchScores[b];
          if (s > curScore) {
            curScore = s;
            cur = batch[b];
            moved = true;
          }
        }
      }
    }
    descentCount = scored;
    return NeighborHeap.pack(cur, curScore);
  }

  /**
   * Beam search on one layer from one entry node, leaving the ef best accepted nodes in {@link
   * #results} (a min-heap, worst on top). Nodes that fail the filter or are deleted are still
   * expanded (they route) but never become results.
   *
   * @return false if it stopped because it scored more than visitLimit nodes
   */
  boolean searchLayer(
      float[] qa,
      int qo,
      int entry,
      float entryScore,
      int ef,
      int level,
      IntPredicate filter,
      boolean checkDeleted,
      int visitLimit) {
    VectorStore store = index.store;
    HnswGraph graph = index.graph;
    VisitedSet seen = visited;
    seen.reset(graph.size);
    boolean checkAccept = filter != null || checkDeleted;
    candidates.clear();
    results.clear();

    seen.visit(entry);
    int count = 1;
    candidates.push(entry, entryScore);
    if (!checkAccept || accept(entry, filter, checkDeleted, store)) {
      results.push(entry, entryScore);
    }
    float bound = results.size() >= ef ? results.topScore() : Float.NEGATIVE_INFINITY;
    boolean complete = true;
    while (candidates.size() > 0) {
      long ck = candidates.popKey();
      if (NeighborHeap.unpackScore(ck) < bound) {
        break; // the best unexpanded candidate is worse than the worst kept result
      }
      int c = NeighborHeap.unpackId(ck);
      int[] links;
      int off;
      if (level > 0) {
        links = graph.upper[c];
        off = (level - 1) * (graph.m + 1);
      } else if (codes != null) {
        codes.links(c, linkCopy); // beside the codes just scored: likely read already
        links = linkCopy;
        off = 0;
      } else {
        links = graph.links0;
        off = c * graph.stride0;
      }
      // first the unvisited neighbours, then their scores in one pass (four vectors at a time:
      // the memory reads of four vectors overlap), then the heaps, in link order
      int nb = 0;
      for (int j = off + 1, end = off + 1 + links[off]; j < end; j++) {
        int n = links[j];
        if (!seen.visit(n)) {
          continue;
        }
        if (++count > visitLimit) {
          complete = false;
          break;
        }
        batch[nb++] = n;
      }
      scoreInto(qa, qo, batch, nb, batchScores);
      for (int b = 0; b < nb; b++) {
        int n = batch[b];
        float s = batchScores[b];
        if (s > bound || results.size() < ef) {
          candidates.push(n, s);
          if (!checkAccept || accept(n, filter, checkDeleted, store)) {
            long key = NeighborHeap.pack(n, s);
            if (results.size() < ef) {
              results.pushKey(key);
            } else if (key > results.topKey()) {
              results.replaceTopKey(key);
            }
            if (results.size() >= ef) {
              bound = results.topScore();
            }
          }
        }
      }
      if (!complete) {
        break; // past the visit limit: the nodes before it were still placed, as they came
      }
    }
    visitedCount = count;
    return complete;
  }

  /**
   * Scores the first {@code nb} of {@code ids} into {@code out} (at least {@code nb + 3} long), on
   * the codes during a quantized walk, four vectors per kernel call. A last group of two or three
   * is padded with its last id (re-read from cache), so that its reads still overlap; only a lone
   * last vector is scored alone.
   */
  private void scoreInto(float[] qa, int qo, int[] ids, int nb, float[] out) {
    if (codes == null) {
      index.store.scoreInto(qa, qo, ids, nb, out, rows);
      return;
    }
    int i = 0;
    for (; i + 1 < nb; i += 4) {
      int last = nb - 1;
      codes.score4(
          weights,
          queryConstant,
          queryNorm2,
          ids[i],
          ids[i + 1],
          ids[Math.min(i + 2, last)],
          ids[Math.min(i + 3, last)],
          out,
          i);
    }
    if (i < nb) {
      out[i] = codes.score(weights, queryConstant, queryNorm2, ids[i]);
    }
  }

  /** The query's score against node {@code id}: on the codes during a quantized search. */
  private float score(float[] qa, int qo, int id) {
    if (codes != null) {
      return codes.score(weights, queryConstant, queryNorm2, id);
    }
    VectorStore store = index.store;
    return store.similarity.score(qa, qo, store.data, id * store.dimension, store.dimension);
  }

  private static boolean accept(
      int id, IntPredicate filter, boolean checkDeleted, VectorStore store) {
    return (!checkDeleted || !store.isDeleted(id)) && (filter == null || filter.test(id));
  }
}
