package dev.mlsd.core.ann;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Hierarchical Navigable Small World graph (Malkov and Yashunin, "Efficient and robust approximate
 * nearest neighbor search using Hierarchical Navigable Small World graphs", TPAMI 2018,
 * arXiv:1603.09320).
 *
 * <p>Every vector is a node on layer 0; a node also lives on layers 1..l with l drawn from a
 * geometric distribution ({@code floor(-ln(u) / ln(m))}), so each layer up holds about 1/m of the
 * one below. A query descends greedily through the sparse upper layers to a good entry point, then
 * runs a beam search of width ef on layer 0 ({@link HnswSearcher}). Inserting a vector searches for
 * its efConstruction nearest nodes on each of its layers and links it to at most m of them, chosen
 * by the paper's heuristic (Algorithm 4): a candidate is kept only if it is closer to the new node
 * than to every neighbour already kept, which spreads links across directions and keeps clusters
 * connected. A neighbour whose list overflows (2m on layer 0, m above) is pruned with the same
 * heuristic.
 *
 * <p>Inner product: under {@link Similarity#DOT_PRODUCT} the graph is built and searched with raw
 * inner products, which are not a metric (a vector need not be its own nearest neighbour). On
 * embeddings whose norms vary widely, long vectors crowd every neighbour list and recall falls far
 * below what the same ef gives under cosine or L2. Index such embeddings through {@link
 * MipsTransform} (one extra component makes every norm equal, so inner product order equals L2
 * order); on embeddings of similar norms raw inner product is fine.
 *
 * <p>Storage: vectors in one contiguous {@code float[]} ({@link VectorStore}); links in flat int
 * arrays ({@link HnswGraph}). About {@code 4d + 4(2m + 1)} bytes per vector, plus the upper layers
 * (about 1/m of that again for links).
 *
 * <p>Determinism: a node's level is a hash of (seed, id), and every tie breaks by id, so the same
 * vectors added in the same order with the same {@link HnswBuildParams} give the same graph, bit
 * for bit. Adds are single-threaded (one builder), which is what makes that guarantee possible.
 *
 * <p>Updates: {@link #add} inserts incrementally, no rebuild. {@link #delete} is a <em>soft</em>
 * delete: the node stays in the graph, still routes searches and may still gain links, but is never
 * returned. Recall holds while deletions are a modest fraction; after many, rebuild the index.
 *
 * <p>Thread safety: {@link #add} and {@link #delete} take a write lock; each search holds the read
 * lock for its duration. So any number of searches (one {@link HnswSearcher} per thread) may run
 * concurrently with each other and with a build on another thread; each search sees a consistent
 * prefix of the insertions: every add that returned before the search took the lock, none that
 * started after. Adds themselves are serialised.
 *
 * <p>Persistence: {@link #save} and {@link #load}, through {@link dev.mlsd.core.io.ArtifactFile}
 * (kind {@value HnswIndexFile#KIND}); see {@link HnswIndexFile} for the layout.
 *
 * <p>Book: chapter 2 (visual search), section "Approximate nearest neighbor: graph-based".
 */
public final class HnswIndex implements VectorIndex {
  final VectorStore store;
  final HnswGraph graph;
  final HnswBuildParams params;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final double levelMultiplier;

  // builder scratch, used under the write lock only
  private HnswSearcher builder;
  private long[] sortScratch;
  private int[] selected;

  /**
   * An empty index.
   *
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   * @param params graph shape and seed
   */
  public HnswIndex(int dimension, Similarity similarity, HnswBuildParams params) {
    this(dimension, similarity, params, 1024);
  }

  /**
   * An empty index with room for {@code expectedSize} vectors before its arrays grow (they grow by
   * half when full, so a size hint avoids both the copies and up to a third of unused capacity).
   *
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   * @param params graph shape and seed
   * @param expectedSize how many vectors to make room for; more may be added
   */
  public HnswIndex(int dimension, Similarity similarity, HnswBuildParams params, int expectedSize) {
    this(
        new VectorStore(dimension, similarity, expectedSize),
        new HnswGraph(params.m(), expectedSize),
        params);
  }

  HnswIndex(VectorStore store, HnswGraph graph, HnswBuildParams params) {
    this.store = store;
    this.graph = graph;
    this.params = params;
    this.levelMultiplier = 1.0 / Math.log(params.m());
  }

  /** The build parameters. */
  public HnswBuildParams buildParams() {
    return params;
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
      int id = store.add(vector);
      int level = levelOf(params.seed(), id, levelMultiplier);
      graph.addNode(id, level);
      insert(id, level);
      return id;
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
  public HnswSearcher newSearcher() {
    return new HnswSearcher(this);
  }

  /**
   * The exact twin: a searcher that scans this index's own vectors exhaustively (same deletions,
   * same filter semantics), for measuring recall without a second copy of the data.
   */
  public VectorIndex.Searcher newExactSearcher() {
    float[] scratch = new float[store.dimension];
    return (q, p, filter, results) -> {
      store.prepareQuery(q, scratch);
      lock.readLock().lock();
      try {
        store.scan(scratch, filter, results);
      } finally {
        lock.readLock().unlock();
      }
    };
  }

  /**
   * A copy of a stored vector (unit length under cosine).
   *
   * @throws IllegalArgumentException if the id was never assigned
   */
  public float[] vector(int id) {
    lock.readLock().lock();
    try {
      return store.vector(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A node's links on one layer, in stored order (for tests and inspection).
   *
   * @return the neighbour ids, empty when the node does not reach that layer
   */
  public int[] neighbours(int id, int level) {
    lock.readLock().lock();
    try {
      store.checkId(id);
      return level > graph.levels[id] ? new int[0] : graph.neighbours(id, level);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The top layer of the graph, -1 when empty. */
  public int maxLevel() {
    lock.readLock().lock();
    try {
      return graph.maxLevel;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Approximate heap bytes held: vectors, links and delete bits (not the JVM object headers). */
  public long ramBytesUsed() {
    lock.readLock().lock();
    try {
      long bytes = 4L * store.data.length + 8L * store.deleted.length;
      bytes += 4L * graph.links0.length + graph.levels.length + 8L * graph.upper.length;
      for (int i = 0; i < graph.size; i++) {
        if (graph.upper[i] != null) {
          bytes += 16 + 4L * graph.upper[i].length;
        }
      }
      return bytes;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Saves the index (vectors, graph, deletions, parameters) atomically.
   *
   * @param file destination
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    lock.readLock().lock();
    try {
      HnswIndexFile.write(this, file);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Loads an index saved by {@link #save}: bulk reads of the vector block and the link arrays,
   * after the container's checksum and this layout's structural checks.
   *
   * @param file the index file
   * @return the index, ready for search and further adds
   * @throws dev.mlsd.core.io.CorruptArtifactException if the file is corrupt, truncated, of another
   *     kind or inconsistent
   * @throws IOException if it cannot be read
   */
  public static HnswIndex load(Path file) throws IOException {
    return HnswIndexFile.read(file);
  }

  /** A node's level: a hash of (seed, id) mapped to the geometric distribution. */
  static int levelOf(long seed, int id, double levelMultiplier) {
    long z = seed + (id + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    double u = ((z >>> 11) + 1) * 0x1.0p-53; // uniform in (0, 1]
    return (int) Math.min(HnswGraph.MAX_LEVEL, -Math.log(u) * levelMultiplier);
  }

  /** Links a node already appended to the store and the graph (Algorithm 1). */
  private void insert(int id, int level) {
    if (graph.entryPoint < 0) {
      graph.entryPoint = id;
      graph.maxLevel = level;
      return;
    }
    if (builder == null) {
      builder = new HnswSearcher(this);
      sortScratch = new long[Math.max(params.efConstruction(), graph.m0) + 1];
      selected = new int[graph.m0 + 1];
    }
    float[] data = store.data;
    int qo = id * store.dimension;
    long ep = builder.descend(data, qo, graph.entryPoint, graph.maxLevel, level);
    for (int l = Math.min(level, graph.maxLevel); l >= 0; l--) {
      builder.searchLayer(
          data,
          qo,
          NeighborHeap.unpackId(ep),
          NeighborHeap.unpackScore(ep),
          params.efConstruction(),
          l,
          null,
          false,
          Integer.MAX_VALUE);
      NeighborHeap found = builder.results;
      int n = found.size();
      for (int i = 0; i < n; i++) {
        sortScratch[i] = found.keyAt(i);
      }
      Arrays.sort(sortScratch, 0, n); // ascending: best last
      ep = sortScratch[n - 1];
      int kept = selectNeighbours(sortScratch, n, params.m());
      int[] links = graph.linksArray(id, l);
      int off = graph.linksOffset(id, l);
      links[off] = kept;
      System.arraycopy(selected, 0, links, off + 1, kept);
      for (int i = 0; i < kept; i++) {
        // read back from the links: linkBack reuses the selection scratch
        int nb = links[off + 1 + i];
        // scores are symmetric, so the new node's score against nb is already known
        linkBack(nb, l, id, store.score(id, nb));
      }
    }
    if (level > graph.maxLevel) {
      graph.entryPoint = id;
      graph.maxLevel = level;
    }
  }

  /** Adds {@code id} to {@code node}'s links on a layer, pruning with the heuristic when full. */
  private void linkBack(int node, int level, int id, float score) {
    int[] links = graph.linksArray(node, level);
    int off = graph.linksOffset(node, level);
    int count = links[off];
    int max = graph.maxLinks(level);
    if (count < max) {
      links[off + 1 + count] = id;
      links[off] = count + 1;
      return;
    }
    for (int i = 0; i < count; i++) {
      int nb = links[off + 1 + i];
      sortScratch[i] = NeighborHeap.pack(nb, store.score(node, nb));
    }
    sortScratch[count] = NeighborHeap.pack(id, score);
    Arrays.sort(sortScratch, 0, count + 1);
    int kept = selectNeighbours(sortScratch, count + 1, max);
    links[off] = kept;
    System.arraycopy(selected, 0, links, off + 1, kept);
  }

  /**
   * The paper's neighbour-selection heuristic (Algorithm 4, without extending or keeping pruned
   * candidates, as in the authors' hnswlib): walks the candidates best first and keeps one only if
   * it is more similar to the base node than to every candidate already kept. With at most {@code
   * max} candidates, keeps them all.
   *
   * @param sortedKeys packed (id, score against the base) keys, ascending (best last)
   * @param n how many keys
   * @param max the most to keep
   * @return how many were written into {@link #selected}, best first
   */
  private int selectNeighbours(long[] sortedKeys, int n, int max) {
    if (n <= max) {
      for (int i = 0; i < n; i++) {
        selected[i] = NeighborHeap.unpackId(sortedKeys[n - 1 - i]);
      }
      return n;
    }
    int kept = 0;
    for (int i = n - 1; i >= 0 && kept < max; i--) {
      int c = NeighborHeap.unpackId(sortedKeys[i]);
      float toBase = NeighborHeap.unpackScore(sortedKeys[i]);
      boolean diverse = true;
      for (int j = 0; j < kept; j++) {
        if (store.score(c, selected[j]) > toBase) {
          diverse = false; // c is closer to a kept neighbour than to the base: redundant
          break;
        }
      }
      if (diverse) {
        selected[kept++] = c;
      }
    }
    return kept;
  }
}
